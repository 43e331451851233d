import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { OwnItemHeader, ownNeeds } from "../../components/own-items";
import { ownNeedView } from "../../models/own-items.server";
import { Section } from "../../components/section";
import { NeedForm } from "../../components/need-form";
import { NeedMatchesPanel, NeedMatchList } from "../../components/need-matches";
import { matchDeadlineView, parseNeedMatchFilters, parseNeedMatchView } from "../../domain/match-display";
import { needFormSchemaFor, needQualityCheck } from "../../domain/need-form";
import { actOnIdeaForNeed, engineViewOfIdea, isCommissionerIdeaAction, rankedIdeasForNeed, type IdeaForNeed } from "../../models/need-match-list.server";
import { listMatchesForNeed } from "../../models/match-workflow.server";
import { getOwnNeed, IncompleteNeedError, needFormDefaults, updateOwnNeed } from "../../models/need-editor.server";
import { SearchUnavailableError } from "../../models/search.server";
import { getExchange } from "../../utils/exchange.server";
import { requireOwnItem } from "../../utils/owner-pages.server";
import type { NeedRow } from "../../../db/schema";
import { OwnerQuestionsSection } from "../../components/need-questions";
import { answerQuestionAction, ownerQuestionsData } from "../../utils/need-questions.server";
import { ConflictError, NotAllowedError, NotFoundError } from "../../models/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.need.title ?? "Need"}: ${data?.need.status === "open" ? "matching ideas" : "edit"} | Innovation Exchange` },
];

const ownNeed = { role: "commissioner", get: getOwnNeed, notFound: "There is no need at this address." } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { item: need } = await requireOwnItem(request, params, ownNeed);
  const { db, meili } = getExchange();
  const searchParams = new URL(request.url).searchParams;
  const filters = parseNeedMatchFilters(searchParams);
  const view = parseNeedMatchView(searchParams);
  let ranked: { ideas: IdeaForNeed[]; pool: number } | null = null;
  let searchUnavailable = false;
  if (need.status === "open") {
    try {
      ranked = await rankedIdeasForNeed(db, meili, need, filters);
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
      searchUnavailable = true;
    }
  }
  const now = new Date();
  const matches = listMatchesForNeed(db, need.id, now).map((match) => ({
    id: match.id,
    status: match.status,
    idea: match.idea,
    source: match.source,
    commissionerAgreed: match.commissionerAgreed,
    innovatorAgreed: match.innovatorAgreed,
    confirmed: match.confirmed,
    deadline: matchDeadlineView(match.dueAt, match.overdue, now),
  }));
  return json(
    {
      need: { ...ownNeedView(need), status: need.status },
      filters,
      view,
      ranked,
      searchUnavailable,
      matches,
      // Clarification questions from innovators, each waiting one with an answer form.
      questions: ownerQuestionsData(need, searchParams),
      defaults: needFormDefaults(need),
      quality: needQualityCheck(need),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const savedMessages = { submitted: "Submitted to a broker for triage.", draft: "Your draft is saved." };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, item: need } = await requireOwnItem(request, params, ownNeed);
  const slug = need.slug;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "answer-question") return answerQuestionAction(user, need, formData);
  if (isCommissionerIdeaAction(intent)) return ideaAction(user, need, intent, formData.get("idea"), new URL(request.url));
  const submission = parseWithZod(formData, { schema: needFormSchemaFor({ complete: intent === "submit" || need.status !== "draft" }) });
  if (submission.status !== "success") return json({ result: submission.reply(), message: null }, { status: 400 });
  try {
    const outcome = updateOwnNeed(getExchange().db, user.id, slug, submission.value, formData.get("intent") === "submit");
    getExchange().relay?.kick();
    return json({ result: submission.reply(), message: outcome === "submitted" ? savedMessages.submitted : "Your changes are saved." });
  } catch (error) {
    if (error instanceof IncompleteNeedError) return json({ result: submission.reply({ formErrors: [error.message] }), message: null }, { status: 400 });
    if (error instanceof NotAllowedError) return json({ result: null, message: error.message }, { status: 403 });
    throw error;
  }
}

type IdeaActionError = { ideaError: { slug: string; message: string } };

/** Shortlist an idea or ask for an introduction (the match is made first when there is none). */
async function ideaAction(
  user: { id: string; role: "innovator" | "commissioner" | "broker" | "admin" },
  need: NeedRow,
  intent: "shortlist" | "request-introduction",
  idea: FormDataEntryValue | null,
  url: URL,
) {
  const ideaSlug = typeof idea === "string" ? idea.trim() : "";
  const fail = (message: string, status: number) => json<IdeaActionError>({ ideaError: { slug: ideaSlug, message } }, { status });
  if (!ideaSlug) return fail("Choose an idea.", 400);
  try {
    const { db, meili } = getExchange();
    actOnIdeaForNeed(db, user, need.id, ideaSlug, intent, await engineViewOfIdea(db, meili, need, ideaSlug));
  } catch (error) {
    if (error instanceof NotFoundError) return fail("There is no published idea with that address.", 400);
    if (error instanceof ConflictError) return fail(error.message, 409);
    if (error instanceof NotAllowedError) return fail(error.message, 403);
    throw error;
  }
  // Back to the same filtered list, at the idea.
  const search = new URLSearchParams(url.search);
  search.delete("done");
  search.delete("idea");
  search.set("done", intent);
  search.set("idea", ideaSlug);
  return redirect(`/my/needs/${encodeURIComponent(need.slug)}?${search}#idea-${ideaSlug}`);
}

export default function EditNeed() {
  const { need, defaults, quality, filters, view, ranked, searchUnavailable, matches, questions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const ideaError = data && "ideaError" in data ? data.ideaError : null;
  const actionData = data && "result" in data ? data : undefined;
  return (
    <div>
      <OwnItemHeader place={ownNeeds} publicPath={`/needs/${need.slug}`} item={need} actionMessage={actionData?.message} savedMessages={savedMessages} />
      {need.status === "open" || matches.length ? <NeedMatchList matches={matches} /> : null}
      {need.status === "open" ? (
        <NeedMatchesPanel needSlug={need.slug} filters={filters} view={view} ranked={ranked} searchUnavailable={searchUnavailable} ideaError={ideaError} />
      ) : null}
      {need.status === "open" || questions.questions.length ? (
        <OwnerQuestionsSection needSlug={need.slug} {...questions} lastAnswer={data && "answerQuestion" in data ? data.answerQuestion : null} />
      ) : null}
      <Section id="edit-heading" title={need.status === "open" ? "Edit the need" : "The need"} className="mt-10">
        <div className="mt-4">
          {need.status === "closed" ? (
            <p className="rounded bg-slate-50 p-4">This need is closed.</p>
          ) : (
            <NeedForm
              alwaysComplete={need.status !== "draft"}
              lastResult={actionData?.result}
              defaultValue={defaults}
              initialQuality={quality}
              submitLabel={
                need.status === "draft" ? (need.reviewOutcome === "changes-requested" ? "Resubmit to a broker" : "Submit to a broker") : "Save changes"
              }
            />
          )}
        </div>
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
