import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your account | Innovation Exchange" }];

const nextSteps: Record<string, { text: string; to: string }[]> = {
  innovator: [{ text: "Browse published ideas", to: "/ideas" }, { text: "See what commissioners need", to: "/needs" }],
  commissioner: [{ text: "Find ideas that worked elsewhere", to: "/ideas" }, { text: "See open needs", to: "/needs" }],
  broker: [{ text: "Browse ideas", to: "/ideas" }, { text: "Browse open needs", to: "/needs" }],
  admin: [{ text: "Browse ideas", to: "/ideas" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { displayName: user.displayName, email: user.email, role: user.role } }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
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
      </dl>
      <h2 className="mt-8 text-xl font-semibold">Next steps</h2>
      <ul className="mt-2 list-disc pl-5">
        {(nextSteps[user.role] ?? []).map((step) => (
          <li key={step.to}>
            <Link to={step.to} className="text-brand-700 underline">
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
