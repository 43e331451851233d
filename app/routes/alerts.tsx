// The signed-in user's alerts: the ideas and needs they follow and their saved searches. The
// follow buttons on idea and need pages and "Save this search" on /ideas post here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { formatDateTime } from "../domain/broker-queue";
import { alertActionSchema } from "../domain/alerts";
import { AlertError, deleteSavedSearch, followItem, listFollows, listSavedSearches, saveSearch, unfollowItem } from "../models/alerts.server";
import { getExchange } from "../utils/exchange.server";
import { safeRedirect } from "../utils/safe-redirect";
import { requireRole } from "../utils/session.server";
import { roles } from "../domain/vocabulary";
import { Banner } from "../components/banner";

export const meta: MetaFunction = () => [{ title: "Your alerts | Innovation Exchange" }];

// Every kind of account may follow and save searches; the public may not (there is no one to tell).
const allowed = roles;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, allowed);
  const { db } = getExchange();
  const followed = listFollows(db, user.id);
  return json(
    {
      ideas: followed.ideas.map(({ slug, title, status }) => ({ slug, title, live: status === "published" })),
      needs: followed.needs.map(({ slug, title, status }) => ({ slug, title, live: status === "open", closed: status === "closed" })),
      searches: listSavedSearches(db, user.id).map((search) => ({
        id: search.id,
        query: search.query,
        description: search.description,
        saved: formatDateTime(search.createdAt),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, allowed);
  const parsed = alertActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: "That request was not understood." }, { status: 400 });
  const { db } = getExchange();
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "follow":
        followItem(db, user.id, input.itemType, input.slug);
        return redirect(safeRedirect(input.redirectTo, `/${input.itemType}s/${input.slug}`));
      case "unfollow":
        unfollowItem(db, user.id, input.itemType, input.slug);
        return redirect(safeRedirect(input.redirectTo, "/alerts"));
      case "save-search":
        saveSearch(db, user.id, input.query);
        return redirect(safeRedirect(input.redirectTo, "/alerts"));
      case "delete-search":
        deleteSavedSearch(db, user.id, input.searchId);
        return redirect("/alerts");
    }
  } catch (error) {
    if (error instanceof AlertError) return json({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function Alerts() {
  const { ideas, needs, searches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nothing = !ideas.length && !needs.length && !searches.length;
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Your alerts</h1>
      <p className="mt-2 text-slate-700">
        You are told in your{" "}
        <Link to="/notifications" className="link">
          notifications
        </Link>{" "}
        (and by email, as your{" "}
        <Link to="/account/settings" className="link">
          settings
        </Link>{" "}
        say) when an idea you follow has a new case study, a need you follow changes, or a new idea matches a saved search.
      </p>
      {actionData && "error" in actionData ? (
        <Banner tone="error" as="p" className="mt-4 p-3">
          {actionData.error}
        </Banner>
      ) : null}
      {nothing ? (
        <div className="mt-6 rounded bg-slate-50 p-4">
          <p>
            You have no alerts yet. Follow an idea or a need from its page, or save a search on the{" "}
            <Link to="/ideas" className="link">
              ideas
            </Link>{" "}
            page.
          </p>
        </div>
      ) : null}

      <FollowList title="Ideas you follow" itemType="idea" items={ideas} gone="no longer published" />
      <FollowList title="Needs you follow" itemType="need" items={needs} gone="closed" />

      {searches.length ? (
        <section className="mt-8" aria-labelledby="searches-heading">
          <h2 id="searches-heading" className="text-2xl font-semibold">
            Saved searches
          </h2>
          <ul className="mt-3 space-y-3">
            {searches.map((search) => (
              <li key={search.id} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-300 p-3">
                <div>
                  <Link to={`/ideas${search.query ? `?${search.query}` : ""}`} className="font-semibold link">
                    {search.description}
                  </Link>
                  <p className="text-sm text-slate-700">Saved {search.saved}</p>
                </div>
                <Form method="post">
                  <input type="hidden" name="searchId" value={search.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="delete-search"
                    className="rounded border-2 border-slate-700 px-3 py-1 text-sm font-semibold hover:bg-slate-100"
                  >
                    Delete<span className="sr-only"> the saved search {search.description}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function FollowList(props: { title: string; itemType: "idea" | "need"; items: { slug: string; title: string; live: boolean }[]; gone: string }) {
  if (!props.items.length) return null;
  const id = `${props.itemType}-follows-heading`;
  return (
    <section className="mt-8" aria-labelledby={id}>
      <h2 id={id} className="text-2xl font-semibold">
        {props.title}
      </h2>
      <ul className="mt-3 space-y-3">
        {props.items.map((item) => (
          <li key={item.slug} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-300 p-3">
            {item.live ? (
              <Link to={`/${props.itemType}s/${item.slug}`} className="font-semibold link">
                {item.title}
              </Link>
            ) : (
              <span>
                <span className="font-semibold">{item.title}</span> <span className="text-slate-700">({props.gone})</span>
              </span>
            )}
            <Form method="post">
              <input type="hidden" name="itemType" value={props.itemType} />
              <input type="hidden" name="slug" value={item.slug} />
              <input type="hidden" name="redirectTo" value="/alerts" />
              <button
                type="submit"
                name="intent"
                value="unfollow"
                className="rounded border-2 border-slate-700 px-3 py-1 text-sm font-semibold hover:bg-slate-100"
              >
                Stop following<span className="sr-only"> {item.title}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
