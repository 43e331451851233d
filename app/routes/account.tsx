import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getUserWithOrganisation } from "../models/accounts.server";
import { getExchange } from "../utils/exchange.server";
import { requireUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your account | Innovation Exchange" }];

const nextSteps: Record<string, { text: string; to: string }[]> = {
  innovator: [
    { text: "Browse published ideas", to: "/ideas" },
    { text: "See what commissioners need", to: "/needs" },
  ],
  commissioner: [
    { text: "Find ideas that worked elsewhere", to: "/ideas" },
    { text: "See open needs", to: "/needs" },
  ],
  broker: [
    { text: "Work the review queue", to: "/broker" },
    { text: "Browse ideas", to: "/ideas" },
    { text: "Browse open needs", to: "/needs" },
  ],
  admin: [
    { text: "Manage users and organisations", to: "/admin" },
    { text: "Work the review queue", to: "/broker" },
    { text: "Browse ideas", to: "/ideas" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = getUserWithOrganisation(getExchange().db, user.id);
  const organisation = account?.organisationSlug ? { name: account.organisationName, slug: account.organisationSlug } : null;
  return json(
    { user: { displayName: user.displayName, email: user.email, role: user.role }, organisation },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function Account() {
  const { user, organisation } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Your account</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">Name</dt>
        <dd>{user.displayName}</dd>
        <dt className="font-semibold">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-semibold">Role</dt>
        <dd>{user.role}</dd>
        <dt className="font-semibold">Organisation</dt>
        <dd>
          {organisation ? (
            <Link to={`/organisations/${organisation.slug}`} className="link">
              {organisation.name}
            </Link>
          ) : (
            "None (an admin can add you to one)"
          )}
        </dd>
      </dl>
      <p className="mt-4">
        <Link to="/account/settings" className="link">
          Account settings: notification emails
        </Link>
        {" · "}
        <Link to="/account/password" className="link">
          Change your password
        </Link>
        {" · "}
        <Link to="/notifications" className="link">
          Notifications
        </Link>
      </p>
      <h2 className="mt-8 text-xl font-semibold">Next steps</h2>
      <ul className="mt-2 list-disc pl-5">
        {(nextSteps[user.role] ?? []).map((step) => (
          <li key={step.to}>
            <Link to={step.to} className="link">
              {step.text}
            </Link>
          </li>
        ))}
      </ul>
      <Form method="post" action="/signout" className="mt-8">
        <button type="submit" className="rounded border-2 border-slate-700 px-4 py-2 font-semibold">
          Sign out
        </button>
      </Form>
    </div>
  );
}
