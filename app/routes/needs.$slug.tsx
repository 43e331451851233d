import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FollowButton } from "../components/follow-button";
import { NeedFacts } from "../components/need-facts";
import { isFollowing } from "../models/alerts.server";
import { getOpenNeed } from "../models/needs.server";
import { findSimilarOpenNeeds } from "../models/similar-needs.server";
import { SimilarNeedsSection } from "../components/similar-needs";
import { getExchange } from "../utils/exchange.server";
import { getOptionalUser } from "../utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} | Innovation Exchange` : "Need not found | Innovation Exchange" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const need = getOpenNeed(getExchange().db, params.slug ?? "");
  if (!need) throw new Response("There is no open need at this address.", { status: 404 });
  const follow = { signedIn: !!user, following: user ? isFollowing(getExchange().db, user.id, "need", need.id) : false };
  const similar = await findSimilarOpenNeeds(getExchange().db, getExchange().meili, need);
  return json({ need, follow, similar });
}

export default function NeedPage() {
  const { need, follow, similar } = useLoaderData<typeof loader>();
  return (
    <article>
      <p className="text-sm">
        <Link to="/needs" className="text-brand-700 underline">
          All open needs
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{need.title}</h1>
      <FollowButton itemType="need" slug={need.slug} following={follow.following} signedIn={follow.signedIn} />
      <NeedFacts {...need} />
      <section className="mt-6">
        <h2 className="text-xl font-semibold">The problem</h2>
        <p className="mt-2 max-w-3xl whitespace-pre-line">{need.problem}</p>
      </section>
      {need.outcomes ? (
        <section className="mt-6">
          <h2 className="text-xl font-semibold">What success looks like</h2>
          <p className="mt-2 max-w-3xl whitespace-pre-line">{need.outcomes}</p>
        </section>
      ) : null}
      <SimilarNeedsSection needs={similar.needs} degraded={similar.degraded} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
