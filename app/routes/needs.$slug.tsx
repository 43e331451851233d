import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeading } from "../components/page-heading";
import { FollowButton } from "../components/follow-button";
import { NeedFacts } from "../components/need-facts";
import { isFollowing } from "../models/alerts.server";
import { getOpenNeed } from "../models/needs.server";
import { needOrganisation } from "../models/organisations.server";
import { findSimilarOpenNeeds } from "../models/similar-needs.server";
import { SimilarNeedsSection } from "../components/similar-needs";
import { getExchange } from "../utils/exchange.server";
import { getOptionalUser, requireRole } from "../utils/session.server";
import { PutForwardForm } from "../components/put-forward-form";
import { firstErrors, MATCH_TEXT_MAX, putForwardSchema } from "../domain/match-queue";
import { ideasToPutForward, putForwardIdea } from "../models/match-queue.server";
import { NeedQuestionsSection } from "../components/need-questions";
import { askQuestionAction, publicQuestionsData } from "../utils/need-questions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} | Innovation Exchange` : "Need not found | Innovation Exchange" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const need = getOpenNeed(getExchange().db, params.slug ?? "");
  if (!need) throw new Response("There is no open need at this address.", { status: 404 });
  const follow = { signedIn: !!user, following: user ? isFollowing(getExchange().db, user.id, "need", need.id) : false };
  const similar = await findSimilarOpenNeeds(getExchange().db, getExchange().meili, need);
  // Innovators with published ideas may put one forward for the need (a broker looks first).
  const ownIdeas = user?.role === "innovator" ? ideasToPutForward(getExchange().db, user.id, need.id) : [];
  const forwarded = new URL(request.url).searchParams.get("forwarded");
  const putForward = ownIdeas.length ? { ideas: ownIdeas, done: ownIdeas.find((idea) => idea.matched && idea.slug === forwarded) ?? null } : null;
  // Clarification questions: answered ones for everyone, the innovator's own waiting ones, the form.
  const questions = publicQuestionsData(need, user, new URL(request.url).searchParams);
  const organisation = needOrganisation(getExchange().db, need);
  return json({ need, follow, similar, putForward, questions, organisation });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["innovator"]);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "ask-question") return askQuestionAction(user, slug, formData);
  const form = Object.fromEntries(formData);
  const values = {
    idea: typeof form.idea === "string" ? form.idea.slice(0, 200) : "",
    note: typeof form.note === "string" ? form.note.slice(0, MATCH_TEXT_MAX + 100) : "",
  };
  const parsed = putForwardSchema.safeParse(form);
  if (!parsed.success) {
    const errors = firstErrors(parsed.error);
    return json(
      {
        errors: errors.intent ? { form: "That request was not understood: reload the page and try again." } : { idea: errors.idea, note: errors.note },
        values,
      },
      { status: 400 },
    );
  }
  const outcome = putForwardIdea(getExchange().db, { id: user.id, role: user.role }, slug, parsed.data);
  if (!outcome.ok) {
    if (outcome.status === 404) throw new Response(outcome.errors.form, { status: 404 });
    return json({ errors: outcome.errors, values }, { status: outcome.status });
  }
  return redirect(`/needs/${slug}?forwarded=${encodeURIComponent(outcome.ideaSlug)}#put-forward-heading`);
}

export default function NeedPage() {
  const { need, follow, similar, putForward, questions, organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const putForwardResult = actionData && "errors" in actionData ? actionData : null;
  return (
    <article>
      <PageHeading back={{ to: "/needs", label: "All open needs" }}>{need.title}</PageHeading>
      {organisation ? (
        <p className="mt-2">
          Posted by{" "}
          <Link to={`/organisations/${organisation.slug}`} className="link">
            {organisation.name}
          </Link>
        </p>
      ) : null}
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
      {putForward ? <PutForwardForm needSlug={need.slug} ideas={putForward.ideas} done={putForward.done} result={putForwardResult} /> : null}
      <NeedQuestionsSection needSlug={need.slug} {...questions} lastResult={actionData && "askQuestion" in actionData ? actionData.askQuestion : null} />
      <SimilarNeedsSection needs={similar.needs} degraded={similar.degraded} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
