// One match, for the parties getMatchView allows (the need's commissioner, the idea's
// innovator once a broker has confirmed it, brokers and admins): status and deadline, the
// broker's rationale and the reasons, the procurement route hint, the viewer's actions,
// where the introduction stands, contact details and the message thread once both sides
// agreed, and the status history. Every form is a plain POST with a hidden intent.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { MatchDeadline, MatchStatusBadge, ProcurementHintBox } from "../components/match-parts";
import { budgetText } from "../domain/need-display";
import { formatDateTime } from "../domain/broker-queue";
import { consentText, matchDeadlineView, matchDoneMessages, matchHistoryLabels } from "../domain/match-display";
import { MATCH_MESSAGE_MAX, matchMessageSchema, matchStepSchema } from "../domain/match-forms";
import { MATCH_TEXT_MAX } from "../domain/match-queue";
import { matchActionLabels, matchActionNeedsText, matchActions, type MatchAction, type MatchParty } from "../domain/match-workflow";
import { matchStatusLabels, type MatchStatus } from "../domain/vocabulary";
import { getAssignment } from "../models/assignments.server";
import { listAuditLog } from "../models/audit.server";
import { applyMatchAction, postMatchMessage } from "../models/match-workflow.server";
import { getExchange } from "../utils/exchange.server";
import { matchIdFrom, matchViewOrThrow as viewOrThrow } from "../utils/match-route.server";
import { requireUser } from "../utils/session.server";
import { ConflictError, domainErrorResponse, NotAllowedError } from "../models/errors.server";
import { Banner } from "../components/banner";
import { PendingButton } from "../components/pending-button";
import { Section } from "../components/section";
import { LinkTrail } from "../components/link-trail";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Match: ${data.match.idea.title} for ${data.match.need.title} | Innovation Exchange` : "Match | Innovation Exchange" },
];

const statusOf = (value: unknown): string | null =>
  value && typeof value === "object" && "status" in value && typeof value.status === "string" ? value.status : null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const matchId = matchIdFrom(params);
  const view = viewOrThrow(user, matchId);
  const now = new Date();
  const history = listAuditLog(getExchange().db, "match", matchId).map((entry) => {
    const before = statusOf(entry.before);
    const after = statusOf(entry.after);
    return {
      id: entry.id,
      label: matchHistoryLabels[entry.action] ?? entry.action,
      actor: entry.actorName ?? (entry.action === "propose" ? "The matching engine" : "A former user"),
      at: formatDateTime(entry.createdAt),
      change:
        after && before !== after
          ? `${before ? `${matchStatusLabels[before as MatchStatus] ?? before} → ` : ""}${matchStatusLabels[after as MatchStatus] ?? after}`
          : null,
      reason: entry.reason,
    };
  });
  return json(
    {
      match: {
        id: view.id,
        status: view.status,
        source: view.source,
        party: view.party,
        score: view.score,
        reasons: view.reasons,
        rationale: view.rationale,
        declineReason: view.declineReason,
        declinedFrom: view.declinedFrom,
        confirmed: view.confirmed,
        commissionerAgreed: view.commissionerAgreed,
        innovatorAgreed: view.innovatorAgreed,
        deadline: matchDeadlineView(view.dueAt, view.overdue, now),
        statusSince: formatDateTime(view.statusChangedAt),
        actions: view.actions,
        hint: view.procurementHint,
        need: {
          slug: view.need.slug,
          title: view.need.title,
          locality: view.need.locality,
          problem: view.need.problem,
          budget: budgetText(view.need.budgetMin, view.need.budgetMax),
        },
        idea: { slug: view.idea.slug, title: view.idea.title, summary: view.idea.summary },
        contacts: view.contacts,
        messages: view.messages.map((message) => ({
          id: message.id,
          author: message.authorName ?? "A former user",
          body: message.body,
          at: formatDateTime(message.createdAt),
        })),
      },
      history,
      // Brokers: who follows this match up (issue 13); assigned on /broker/matches/:id/assign.
      assignedTo: view.party === "broker" ? (getAssignment(getExchange().db, "match", matchId)?.assigneeName ?? null) : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionError = { intent: MatchAction | "message"; field: "rationale" | "reason" | "body" | null; message: string };

function needsConfirmation(action: MatchAction): action is "adopt" | "decline" {
  return action === "adopt" || action === "decline";
}

function isMatchAction(value: unknown): value is MatchAction {
  return (matchActions as readonly unknown[]).includes(value);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const matchId = matchIdFrom(params);
  // 404 / 403 before anything else, so a stranger learns nothing from validation.
  viewOrThrow(user, matchId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const { db } = getExchange();
  const fail = (error: ActionError, status: number) => json({ error }, { status });

  if (intent === "message") {
    const submission = parseWithZod(formData, { schema: matchMessageSchema });
    if (submission.status !== "success") return fail({ intent, field: "body", message: submission.error?.body?.[0] ?? "Write a message first." }, 400);
    try {
      postMatchMessage(db, user, matchId, submission.value.body);
    } catch (error) {
      if (error instanceof ConflictError) return fail({ intent, field: "body", message: error.message }, 409);
      if (error instanceof NotAllowedError) return fail({ intent, field: null, message: error.message }, 403);
      throw error;
    }
    return redirect(`/matches/${matchId}?done=message#messages`);
  }

  if (!isMatchAction(intent)) return fail({ intent: "message", field: null, message: "That request was not understood." }, 400);
  // Adoption and declining cannot be undone: they happen on their confirmation page.
  if (needsConfirmation(intent)) return redirect(`/matches/${matchId}/confirm/${intent}`, 303);
  const field = matchActionNeedsText(intent);
  const submission = parseWithZod(formData, { schema: matchStepSchema(intent) });
  if (submission.status !== "success")
    return fail({ intent, field, message: (field && submission.error?.[field]?.[0]) || "That request was not understood." }, 400);
  const value = submission.value as { rationale?: string; reason?: string };
  try {
    applyMatchAction(db, user, matchId, { action: intent, text: field ? (value[field] ?? null) : null });
  } catch (error) {
    if (error instanceof ConflictError) return fail({ intent, field, message: error.message }, 409);
    if (error instanceof NotAllowedError) return fail({ intent, field: null, message: error.message }, 403);
    throw domainErrorResponse(error, { 404: "There is no match at this address." });
  }
  return redirect(`/matches/${matchId}?done=${intent}`);
}

function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm font-semibold text-red-800">
      <span className="sr-only">Error: </span>
      {message}
    </p>
  );
}

const textFieldCopy: Record<"rationale" | "reason", { label: string; hint: string }> = {
  rationale: {
    label: "Rationale both sides will see",
    hint: "Why this idea fits this need: what a commissioner and an innovator should know before they talk.",
  },
  reason: { label: "Reason for declining", hint: "Required: the other side sees it." },
};

const actionHints: Partial<Record<MatchAction, Record<MatchParty, string>>> = {
  "request-introduction": { commissioner: "Your contact details are shared with the innovator once they agree too.", innovator: "", broker: "" },
  "opt-in": { innovator: "Your contact details are shared with the commissioner once they have asked for an introduction too.", commissioner: "", broker: "" },
};

function ActionForm({ matchId, action, party, error }: { matchId: number; action: MatchAction; party: MatchParty; error: ActionError | null }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === action;
  const field = matchActionNeedsText(action);
  const fieldId = `${action}-${field}`;
  const errorId = `${action}-error`;
  const hint = actionHints[action]?.[party];
  const message = error?.intent === action ? error.message : null;
  const danger = action === "decline";
  return (
    <Form
      method="post"
      action={needsConfirmation(action) ? `/matches/${matchId}/confirm/${action}` : undefined}
      className={`rounded border p-4 ${danger ? "border-red-300" : "border-slate-300"}`}
      aria-labelledby={`${action}-legend`}
    >
      <h3 id={`${action}-legend`} className="font-semibold">
        {matchActionLabels[action]}
      </h3>
      <input type="hidden" name="intent" value={action} />
      {hint ? <p className="mt-1 text-sm text-slate-700">{hint}</p> : null}
      {field ? (
        <div className="mt-2">
          <label htmlFor={fieldId} className="block font-semibold">
            {textFieldCopy[field].label}
          </label>
          <p id={`${fieldId}-hint`} className="text-sm text-slate-700">
            {textFieldCopy[field].hint}
          </p>
          <FieldError id={errorId} message={message} />
          <textarea
            id={fieldId}
            name={field}
            rows={3}
            required
            maxLength={MATCH_TEXT_MAX}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${fieldId}-hint ${errorId}` : `${fieldId}-hint`}
            className={`mt-1 w-full max-w-2xl rounded border-2 px-3 py-2 ${message ? "border-red-700" : "border-slate-700"}`}
          />
        </div>
      ) : (
        <FieldError id={errorId} message={message} />
      )}
      <button
        type="submit"
        disabled={busy}
        className={`mt-2 rounded px-4 py-2 font-semibold disabled:opacity-70 ${
          danger ? "border-2 border-red-800 bg-white text-red-800 hover:bg-red-50" : "bg-brand-700 text-white hover:bg-brand-800"
        }`}
      >
        {matchActionLabels[action]}
      </button>
    </Form>
  );
}

function ContactCard({ title, contact }: { title: string; contact: { name: string; email: string; organisation: string | null } | null }) {
  return (
    <div className="rounded border border-slate-300 p-4">
      <h3 className="font-semibold">{title}</h3>
      {contact ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
          <dt className="font-semibold">Name</dt>
          <dd>{contact.name}</dd>
          <dt className="font-semibold">Email</dt>
          <dd>
            <a href={`mailto:${contact.email}`} className="link">
              {contact.email}
            </a>
          </dd>
          {contact.organisation ? (
            <>
              <dt className="font-semibold">Organisation</dt>
              <dd>{contact.organisation}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="mt-1 text-sm">No account is linked to this side yet; ask a broker.</p>
      )}
    </div>
  );
}

export default function MatchPage() {
  const { match, history, assignedTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? actionData.error : null;
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done") as MatchAction | "message" | null;
  const messageError = error?.intent === "message" && error.field === "body" ? error.message : null;
  const generalError = error && !error.field && !(isMatchAction(error.intent) && match.actions.includes(error.intent)) ? error.message : null;
  const backLink =
    match.party === "broker"
      ? { to: "/broker/matches", label: "Match queue" }
      : match.party === "commissioner"
        ? { to: `/my/needs/${match.need.slug}`, label: "Your need" }
        : { to: "/my/matches", label: "Your matches" };
  return (
    <article>
      <LinkTrail links={[backLink, ...(match.party === "commissioner" ? [{ to: "/my/matches", label: "All your matches" }] : [])]} />
      <p className="mt-2 text-sm font-semibold text-slate-700">Match</p>
      <h1 className="mt-1 text-3xl font-bold">
        {match.idea.title} <span className="font-normal">for</span> {match.need.title}
      </h1>
      {done && matchDoneMessages[done] ? (
        <Banner tone="success">
          <p className="font-semibold">{matchDoneMessages[done]}</p>
        </Banner>
      ) : null}
      {generalError ? (
        <Banner tone="error" as="p" className="mt-4 p-4 font-semibold">
          {generalError}
        </Banner>
      ) : null}
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        <dt className="font-semibold">Status</dt>
        <dd>
          <MatchStatusBadge status={match.status} /> since {match.statusSince}
        </dd>
        <dt className="font-semibold">Deadline</dt>
        <dd>
          <MatchDeadline deadline={match.deadline} />
        </dd>
        <dt className="font-semibold">Idea</dt>
        <dd>
          <Link to={`/ideas/${match.idea.slug}`} className="link">
            {match.idea.title}
          </Link>
        </dd>
        <dt className="font-semibold">Need</dt>
        <dd>
          {match.party === "commissioner" ? (
            <Link to={`/my/needs/${match.need.slug}`} className="link">
              {match.need.title}
            </Link>
          ) : (
            <Link to={`/needs/${match.need.slug}`} className="link">
              {match.need.title}
            </Link>
          )}
          {match.need.locality ? `, ${match.need.locality}` : ""}
        </dd>
        {match.need.budget ? (
          <>
            <dt className="font-semibold">Budget</dt>
            <dd>{match.need.budget}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Put forward by</dt>
        <dd>{match.source === "engine" ? "the matching engine" : `a ${match.source}`}</dd>
      </dl>

      {match.status === "declined" ? (
        <Banner tone="warning" role={null} className="mt-6 max-w-3xl p-4">
          <h2 className="font-semibold">Declined{match.declinedFrom ? ` when ${matchStatusLabels[match.declinedFrom].toLowerCase()}` : ""}</h2>
          <p className="mt-1 whitespace-pre-line">{match.declineReason}</p>
        </Banner>
      ) : null}

      <Section id="why-heading" title="Why this match" className="mt-8">
        {match.rationale ? (
          <div className="mt-3 max-w-3xl rounded border-l-4 border-brand-700 bg-slate-50 p-4">
            <h3 className="font-semibold">The broker’s rationale</h3>
            <p className="mt-1 whitespace-pre-line">{match.rationale}</p>
          </div>
        ) : (
          <p className="mt-2">{match.confirmed ? "" : "A broker has not confirmed this match yet."}</p>
        )}
        {match.reasons.length ? (
          <>
            <h3 className="mt-4 font-semibold">The matching engine’s reasons{match.score !== null ? ` (score ${Math.round(match.score)} of 100)` : ""}</h3>
            <ul className="ml-5 list-disc">
              {match.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        ) : null}
        <ProcurementHintBox hint={match.hint} />
        <h3 className="mt-4 font-semibold">The need</h3>
        <p className="mt-1 max-w-3xl whitespace-pre-line">{match.need.problem}</p>
        <h3 className="mt-4 font-semibold">The idea</h3>
        <p className="mt-1 max-w-3xl">{match.idea.summary}</p>
      </Section>

      <Section id="introduction-heading" title="Introduction" className="mt-8">
        <p className="mt-2 max-w-3xl" data-testid="consent-state">
          {consentText(match.party, match)}
        </p>
        {match.contacts ? (
          <div className="mt-4 grid max-w-3xl gap-4 sm:grid-cols-2" data-testid="contacts">
            <ContactCard title="The commissioner" contact={match.contacts.commissioner} />
            <ContactCard title="The innovator" contact={match.contacts.innovator} />
          </div>
        ) : null}
      </Section>

      <Section id="actions-heading" title="What you can do" className="mt-8">
        {match.actions.length ? (
          <div className="mt-3 grid max-w-3xl gap-4">
            {match.actions.map((action) => (
              <ActionForm key={action} matchId={match.id} action={action} party={match.party} error={error} />
            ))}
          </div>
        ) : (
          <p className="mt-2">
            {match.status === "adopted" && match.party === "commissioner" ? (
              <>
                This match is adopted.{" "}
                <Link to={`/my/outcomes/${match.id}`} className="link">
                  Complete its case study and report outcomes
                </Link>{" "}
                (you will be reminded at 6, 12 and 24 months).
              </>
            ) : match.status === "adopted" || match.status === "declined" ? (
              `This match is ${match.status}: nothing more to do here.`
            ) : (
              "Nothing for you to do on this match just now."
            )}
          </p>
        )}
        {match.party === "broker" ? (
          <p className="mt-3">
            Assigned to {assignedTo ?? "no one"} ·{" "}
            <Link to={`/broker/matches/${match.id}/assign`} className="link">
              Assign this match
            </Link>
          </p>
        ) : null}
        {match.party === "broker" ? (
          <p className="mt-3">
            <Link to="/broker/matches" className="link">
              Back to the match queue
            </Link>
          </p>
        ) : null}
      </Section>

      <Section id="messages" title="Messages" className="mt-8">
        {match.contacts ? (
          <>
            {match.messages.length ? (
              <ol className="mt-3 max-w-3xl space-y-3">
                {match.messages.map((message) => (
                  <li key={message.id} className="rounded border border-slate-300 p-3">
                    <p className="text-sm text-slate-700">
                      <span className="font-semibold text-slate-900">{message.author}</span>, {message.at}
                    </p>
                    <p className="mt-1 whitespace-pre-line">{message.body}</p>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mt-2">No messages yet.</p>
            )}
            <Form method="post" className="mt-4 max-w-2xl">
              <input type="hidden" name="intent" value="message" />
              <label htmlFor="message-body" className="block font-semibold">
                Write a message
              </label>
              <p id="message-body-hint" className="text-sm text-slate-700">
                Both sides and the exchange’s brokers can read the thread.
              </p>
              <FieldError id="message-body-error" message={messageError} />
              <textarea
                id="message-body"
                name="body"
                rows={4}
                required
                maxLength={MATCH_MESSAGE_MAX}
                aria-invalid={messageError ? true : undefined}
                aria-describedby={messageError ? "message-body-hint message-body-error" : "message-body-hint"}
                className={`mt-1 w-full rounded border-2 px-3 py-2 ${messageError ? "border-red-700" : "border-slate-700"}`}
              />
              <PendingButton pendingWhen={{ intent: "message" }} pendingLabel="Sending…" className="mt-2">
                Send message
              </PendingButton>
            </Form>
          </>
        ) : (
          <p className="mt-2">The message thread opens once both sides have agreed to an introduction.</p>
        )}
      </Section>

      <Section id="history-heading" title="Status history" className="mt-8">
        <ol className="mt-3 max-w-3xl space-y-2">
          {history.map((entry) => (
            <li key={entry.id} className="border-b border-slate-200 pb-2">
              <p>
                <span className="font-semibold">{entry.label}</span>
                {entry.change ? ` (${entry.change})` : ""} by {entry.actor}, {entry.at}
              </p>
              {entry.reason ? <p className="whitespace-pre-line text-sm text-slate-700">{entry.reason}</p> : null}
            </li>
          ))}
        </ol>
      </Section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
