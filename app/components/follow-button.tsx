// "Follow this idea / need" for signed-in users (a plain POST form: it works without
// JavaScript), or a link to sign in first.
import { Form, Link, useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "../root";
import type { FollowItemType } from "../domain/alerts";

const what: Record<FollowItemType, { noun: string; news: string }> = {
  idea: { noun: "idea", news: "You will be told when it has a new case study." },
  need: { noun: "need", news: "You will be told when it changes or closes." },
};

export function FollowButton({ itemType, slug, following, signedIn }: { itemType: FollowItemType; slug: string; following: boolean; signedIn: boolean }) {
  const location = useLocation();
  const navigation = useNavigation();
  const here = location.pathname + location.search;
  if (!signedIn) {
    return (
      <p className="mt-4 text-sm">
        <Link to={`/signin?${new URLSearchParams({ redirectTo: here })}`} className="link">
          Sign in to follow this {what[itemType].noun}
        </Link>
      </p>
    );
  }
  const busy = navigation.state !== "idle" && navigation.formAction === "/alerts" && navigation.formData?.get("slug") === slug;
  return (
    <Form method="post" action="/alerts" className="mt-4 flex flex-wrap items-center gap-3" preventScrollReset>
      <input type="hidden" name="itemType" value={itemType} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="redirectTo" value={here} />
      {following ? (
        <>
          <p className="text-sm font-semibold" role="status">
            You are following this {what[itemType].noun}.
          </p>
          <button
            type="submit"
            name="intent"
            value="unfollow"
            disabled={busy}
            className="rounded border-2 border-slate-700 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60"
          >
            Stop following
          </button>
        </>
      ) : (
        <>
          <button
            type="submit"
            name="intent"
            value="follow"
            disabled={busy}
            className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
          >
            Follow this {what[itemType].noun}
          </button>
          <p className="text-sm text-slate-700">{what[itemType].news}</p>
        </>
      )}
    </Form>
  );
}

/**
 * "Save this search" on /ideas: new published ideas that match it are announced. Saving leads
 * to the alerts page, which lists it (the search page itself stays the same for everyone, so
 * it can be cached).
 */
export function SaveSearchButton() {
  const location = useLocation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  if (!root?.user) {
    return (
      <p className="text-sm">
        <Link to={`/signin?${new URLSearchParams({ redirectTo: location.pathname + location.search })}`} className="link">
          Sign in to save this search
        </Link>{" "}
        and be told of new ideas that match it.
      </p>
    );
  }
  return (
    <Form method="post" action="/alerts" className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="query" value={location.search.replace(/^\?/, "")} />
      <button
        type="submit"
        name="intent"
        value="save-search"
        className="rounded border-2 border-slate-700 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
      >
        Save this search
      </button>
      <span className="text-sm text-slate-700">Be told when a new idea matches it.</span>
    </Form>
  );
}
