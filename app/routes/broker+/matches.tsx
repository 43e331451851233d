// The brokers' match queue: suggested matches (the engine's and people's proposals) and every
// match on its way to adoption, most urgent first, with each status's deadline and an overdue
// view. Views and the status filter are GET links and a GET form; confirming (with a
// rationale), declining (with a reason) and refreshing one need's engine suggestions are POST
// forms, so it all works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { FilterSelect } from "../../components/filter-select";
import { PageHeading } from "../../components/page-heading";
import { controlBorder } from "../../components/plain-field";
import { Section } from "../../components/section";
import { SubmitButton } from "../../components/submit-button";
import { TabNav } from "../../components/tab-nav";
import { Pagination } from "../../components/pagination";
import { Badge } from "../../components/tags";
import { brokerRoles } from "../../domain/broker-roles";
import { describeDeadline, formatDate } from "../../domain/broker-queue";
import {
  canConfirmFromQueue,
  firstErrors,
  MATCH_TEXT_MAX,
  matchQueueActionSchema,
  matchQueueSearch,
  matchQueueViewLabels,
  matchQueueViews,
  matchSourceLabels,
  parseMatchQueueParams,
  type MatchQueueParams,
} from "../../domain/match-queue";
import { isMatchOpen, matchStatusDeadlineDays } from "../../domain/match-workflow";
import { matchStatuses, matchStatusLabels, needStatusLabels, type NeedStatus } from "../../domain/vocabulary";
import { assignmentsByItem } from "../../models/assignments.server";
import { loadMatchQueue, openNeedIdBySlug } from "../../models/match-queue.server";
import { suggestMatchesForNeed } from "../../models/match-suggestions.server";
import { applyMatchAction, type MatchSummary } from "../../models/match-workflow.server";
import { SearchUnavailableError } from "../../models/search.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError, domainErrorResponse, NotFoundError } from "../../models/errors.server";
import { Banner } from "../../components/banner";
import { DataTable } from "../../components/data-table";

export const meta: MetaFunction = () => [{ title: "Match queue | Innovation Exchange" }];

const notices = {
  confirmed: "Match confirmed: both sides can see your rationale.",
  declined: "Match declined: the other side can see your reason.",
  proposed: "Match proposed: it is in the queue, awaiting confirmation.",
} as const;

function toRow(match: MatchSummary, now: Date) {
  return {
    id: match.id,
    need: match.need,
    idea: match.idea,
    score: match.score,
    reasons: match.reasons.slice(0, 3),
    source: matchSourceLabels[match.source],
    status: match.status,
    statusLabel: matchStatusLabels[match.status],
    confirmed: match.confirmed,
    deadline: match.dueAt ? formatDate(match.dueAt) : null,
    deadlineWords: match.dueAt ? describeDeadline(match.dueAt, now) : null,
    overdue: match.overdue,
    canConfirm: canConfirmFromQueue(match),
    canDecline: isMatchOpen(match.status),
  };
}

function noticeFrom(search: URLSearchParams): string | null {
  const done = search.get("done");
  if (done === "refreshed") {
    const n = Number(search.get("n"));
    const created = Number.isSafeInteger(n) && n >= 0 ? n : 0;
    return created
      ? `Recorded ${created} new engine ${created === 1 ? "suggestion" : "suggestions"} for this need.`
      : "No new suggestions: the engine's best ideas for this need are already in the queue.";
  }
  return done && done in notices ? notices[done as keyof typeof notices] : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, brokerRoles);
  const url = new URL(request.url);
  const params = parseMatchQueueParams(url.searchParams);
  const now = new Date();
  const queue = loadMatchQueue(getExchange().db, params, now);
  if (!queue) throw new Response(`There is no need with the slug “${params.need}”.`, { status: 404 });
  return json(
    {
      params,
      rows: (() => {
        const assigned = assignmentsByItem(getExchange().db, ["match"]);
        return queue.items.map((match) => ({ ...toRow(match, now), assignedTo: assigned.get(`match:${match.id}`)?.name ?? null }));
      })(),
      total: queue.total,
      totalPages: queue.totalPages,
      counts: queue.counts,
      need: queue.need,
      notice: noticeFrom(url.searchParams),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionResult = { matchId?: number; intent?: string; errors: { rationale?: string; reason?: string; form?: string } };

/** Back to the same view of the queue, with what happened. */
function backTo(request: Request, done: string, extra: Record<string, string> = {}) {
  const params = parseMatchQueueParams(new URL(request.url).searchParams);
  const search = new URLSearchParams(matchQueueSearch(params).slice(1));
  search.set("done", done);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return redirect(`/broker/matches?${search}`);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { db, meili } = getExchange();
  const form = Object.fromEntries(await request.formData());
  const parsed = matchQueueActionSchema.safeParse(form);
  if (!parsed.success) {
    const errors = firstErrors(parsed.error);
    const matchId = Number(form.matchId);
    if ((form.intent === "confirm" || form.intent === "decline") && Number.isSafeInteger(matchId) && !errors.matchId) {
      return json<ActionResult>({ intent: form.intent, matchId, errors: { rationale: errors.rationale, reason: errors.reason } }, { status: 400 });
    }
    return json<ActionResult>({ errors: { form: "That request was not understood: reload the queue and try again." } }, { status: 400 });
  }
  const input = parsed.data;

  if (input.intent === "refresh") {
    const need = openNeedIdBySlug(db, input.need);
    if (need === undefined) return json<ActionResult>({ errors: { form: `There is no need with the slug “${input.need}”.` } }, { status: 400 });
    if (need === null) return json<ActionResult>({ errors: { form: "Only open needs get engine suggestions." } }, { status: 409 });
    try {
      const result = await suggestMatchesForNeed(db, meili, need);
      return backTo(request, "refreshed", { n: String(result?.created ?? 0) });
    } catch (error) {
      if (error instanceof SearchUnavailableError) {
        return json<ActionResult>(
          { errors: { form: "Search is not answering just now, so the engine can't suggest ideas. Try again in a minute." } },
          { status: 503 },
        );
      }
      throw error;
    }
  }

  if (input.intent === "decline" && form.confirmed !== "yes") {
    return redirect(
      `/matches/${input.matchId}/confirm/decline?${new URLSearchParams({ returnTo: `/broker/matches${matchQueueSearch(parseMatchQueueParams(new URL(request.url).searchParams))}` })}`,
      303,
    );
  }
  try {
    const text = input.intent === "confirm" ? input.rationale : input.reason;
    applyMatchAction(db, { id: user.id, role: user.role }, input.matchId, { action: input.intent, text });
  } catch (error) {
    const field = input.intent === "confirm" ? "rationale" : "reason";
    if (error instanceof ConflictError)
      return json<ActionResult>({ intent: input.intent, matchId: input.matchId, errors: { [field]: error.message } }, { status: 409 });
    if (error instanceof NotFoundError) return json<ActionResult>({ errors: { form: "There is no such match: reload the queue." } }, { status: 404 });
    throw domainErrorResponse(error);
  }
  return backTo(request, input.intent === "confirm" ? "confirmed" : "declined");
}

function ViewTabs({ params, counts }: { params: MatchQueueParams; counts: Record<string, number> }) {
  return (
    <TabNav
      label="Queue views"
      tabs={matchQueueViews.map((view) => ({
        to: `/broker/matches${matchQueueSearch({ ...params, view, page: 1 })}`,
        current: view === params.view,
        label: (
          <>
            {matchQueueViewLabels[view]} <span className={view === "overdue" && counts[view] ? "font-semibold text-red-800" : ""}>({counts[view] ?? 0})</span>
          </>
        ),
      }))}
    />
  );
}

const statusOptions = [{ value: "", label: "Any status" }, ...matchStatuses.map((status) => ({ value: status, label: matchStatusLabels[status] }))];

function StatusFilter({ params }: { params: MatchQueueParams }) {
  return (
    <Form method="get" action="/broker/matches" className="mt-4 flex flex-wrap items-end gap-4">
      {params.view !== "awaiting" ? <input type="hidden" name="view" value={params.view} /> : null}
      {params.need ? <input type="hidden" name="need" value={params.need} /> : null}
      <FilterSelect id="status" name="status" label="Status" defaultValue={params.status ?? ""} options={statusOptions} />
      <SubmitButton>Apply</SubmitButton>
    </Form>
  );
}

type Row = ReturnType<typeof toRow>;

/** A row's two forms: confirming, with a rationale both sides see, and declining, with a reason. */
const rowForms = {
  confirm: {
    field: "rationale",
    label: "Rationale both sides will see",
    button: "Confirm match",
    buttonClass: "mt-1 rounded bg-brand-700 px-3 py-1 font-semibold text-white hover:bg-brand-800",
    className: "mt-2",
  },
  decline: {
    field: "reason",
    label: "Reason for declining",
    button: "Decline match",
    buttonClass: "mt-1 rounded border-2 border-red-800 px-3 py-1 font-semibold text-red-800 hover:bg-red-50",
    className: "mt-3",
  },
} as const;

function RowForm({
  intent,
  rowId,
  action,
  returnTo,
  error,
  busy,
}: {
  intent: keyof typeof rowForms;
  rowId: number;
  action: string;
  returnTo?: string;
  error: string | undefined;
  busy: boolean;
}) {
  const { field, label, button, buttonClass, className } = rowForms[intent];
  const id = `${field}-${rowId}`;
  return (
    <Form method="post" action={action} className={className}>
      <input type="hidden" name="matchId" value={rowId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-semibold text-red-800">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <textarea
        id={id}
        name={field}
        rows={2}
        maxLength={MATCH_TEXT_MAX}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`mt-1 w-full min-w-56 rounded border-2 px-2 py-1 ${controlBorder(error)}`}
      />
      <button type="submit" name="intent" value={intent} disabled={busy} className={buttonClass}>
        {button}
      </button>
    </Form>
  );
}

function RowActions({ row, formAction, actionData, busy }: { row: Row; formAction: string; actionData: ActionResult | undefined; busy: boolean }) {
  const mine = actionData?.matchId === row.id ? actionData : undefined;
  if (!row.canConfirm && !row.canDecline) return null;
  return (
    <details open={!!mine} className="mt-2">
      <summary className="cursor-pointer font-semibold link">
        {row.canConfirm ? "Confirm or decline" : "Decline"}
        <span className="sr-only">
          : {row.idea.title} for {row.need.title}
        </span>
      </summary>
      {row.canConfirm ? <RowForm intent="confirm" rowId={row.id} action={formAction} error={mine?.errors.rationale} busy={busy} /> : null}
      {/* Declining cannot be undone: the reason goes to the match's confirmation page first. */}
      <RowForm intent="decline" rowId={row.id} action={`/matches/${row.id}/confirm/decline`} returnTo={formAction} error={mine?.errors.reason} busy={busy} />
    </details>
  );
}

export default function MatchQueue() {
  const { params, rows, total, totalPages, counts, need, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const search = matchQueueSearch(params);
  const formAction = `/broker/matches${search}`;
  const statusWords = params.status ? `, ${matchStatusLabels[params.status].toLowerCase()}` : "";
  const queueHeading = `${total} ${total === 1 ? "match" : "matches"}: ${matchQueueViewLabels[params.view].toLowerCase()}${statusWords}`;
  const deadlines = matchStatuses
    .filter((status) => matchStatusDeadlineDays[status] !== null)
    .map((status) => `${status} ${matchStatusDeadlineDays[status]} days`)
    .join(", ");
  return (
    <div>
      <PageHeading back={{ to: "/broker", label: "Broker dashboard" }}>Match queue</PageHeading>
      <p className="mt-2 max-w-3xl text-slate-700">
        Matches of needs and ideas, from the matching engine and from brokers, commissioners and innovators, most urgent first. Each status has a deadline (
        {deadlines}
        ); after it the match shows as overdue.
      </p>
      <p className="mt-4">
        <Link
          to={`/broker/matches/new${need ? `?need=${encodeURIComponent(need.slug)}` : ""}`}
          className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          Propose a match{need ? " for this need" : ""}
        </Link>
      </p>
      {notice ? (
        <Banner tone="success" as="p">
          {notice}
        </Banner>
      ) : null}
      {actionData?.errors.form ? (
        <Banner tone="error">
          <h2 className="font-semibold">That did not work</h2>
          <p>{actionData.errors.form}</p>
        </Banner>
      ) : null}
      {need ? (
        <Section
          id="need-heading"
          title={`Matches for “${need.title}”`}
          className="mt-6 rounded border border-slate-300 bg-slate-50 p-4"
          headingClassName="text-xl font-semibold"
        >
          <p className="mt-1">
            {need.status === "open" ? (
              <Link to={`/needs/${need.slug}`} className="link">
                The need&apos;s page
              </Link>
            ) : (
              <span>This need is {(needStatusLabels[need.status as NeedStatus] ?? need.status).toLowerCase()}.</span>
            )}{" "}
            ·{" "}
            <Link to={`/broker/matches${matchQueueSearch({ view: params.view, status: params.status })}`} className="link">
              Show every need
            </Link>
          </p>
          {need.status === "open" ? (
            <Form method="post" action={formAction} className="mt-3">
              <input type="hidden" name="need" value={need.slug} />
              <button
                type="submit"
                name="intent"
                value="refresh"
                disabled={busy}
                className="rounded border-2 border-slate-700 px-3 py-1 font-semibold hover:bg-slate-100"
              >
                Refresh suggestions
              </button>
              <span className="ml-2 text-sm text-slate-700">Adds the engine&apos;s current best ideas that are not in the queue yet.</span>
            </Form>
          ) : null}
        </Section>
      ) : null}
      <ViewTabs params={params} counts={counts} />
      <StatusFilter key={search} params={params} />
      <Section id="queue-heading" title={queueHeading} className="mt-6" headingClassName="text-xl font-semibold">
        {rows.length === 0 ? (
          <div className="mt-4 rounded bg-slate-50 p-4">
            <p>{params.view === "overdue" ? "Nothing is overdue." : "No matches here."}</p>
            {params.view !== "all" || params.status ? (
              <p className="mt-1">
                <Link to={`/broker/matches${matchQueueSearch({ view: "all", need: params.need })}`} className="link">
                  Show all matches
                </Link>
              </p>
            ) : null}
          </div>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <DataTable caption="Matches, most urgent first" columns={["Idea", "Need", "Score", "Source", "Status", "Deadline", "Actions"]}>
              {rows.map((row) => (
                <tr key={row.id} className={`border-b border-slate-200 align-top ${row.overdue ? "bg-red-50" : ""}`}>
                  <th scope="row" data-label="Idea" className="py-3 pr-4 font-normal">
                    <Link to={`/ideas/${row.idea.slug}`} className="font-semibold link">
                      {row.idea.title}
                    </Link>
                    {row.reasons.length ? (
                      <ul className="mt-1 list-disc pl-4 text-slate-700">
                        {row.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    ) : null}
                  </th>
                  <td data-label="Need" className="py-3 pr-4">
                    <Link to={`/broker/matches${matchQueueSearch({ view: params.view, status: params.status, need: row.need.slug })}`} className="link">
                      {row.need.title}
                    </Link>
                    {row.need.locality ? <span className="block text-slate-700">{row.need.locality}</span> : null}
                  </td>
                  <td data-label="Score" className="py-3 pr-4">
                    {row.score === null ? <span className="text-slate-700">none</span> : row.score.toFixed(1)}
                  </td>
                  <td data-label="Source" className="py-3 pr-4">
                    {row.source}
                  </td>
                  <td data-label="Status" className="py-3 pr-4">
                    {row.statusLabel}
                    {row.confirmed && (row.status === "suggested" || row.status === "shortlisted") ? (
                      <span className="block text-slate-700">confirmed</span>
                    ) : null}
                  </td>
                  <td data-label="Deadline" className="py-3 pr-4">
                    {row.deadline ? (
                      <>
                        {row.deadline}
                        <span className="block">
                          {row.overdue ? <Badge tone="amber">Overdue: {row.deadlineWords}</Badge> : <span className="text-slate-700">{row.deadlineWords}</span>}
                        </span>
                      </>
                    ) : (
                      <span className="text-slate-700">none</span>
                    )}
                  </td>
                  <td data-label="Actions" className="py-3">
                    <Link to={`/matches/${row.id}`} className="font-semibold whitespace-nowrap link">
                      Open match
                      <span className="sr-only">
                        {" "}
                        #{row.id}: {row.idea.title} for {row.need.title}
                      </span>
                    </Link>
                    <p className="mt-1 text-slate-700">
                      Assigned to {row.assignedTo ?? "no one"} ·{" "}
                      <Link to={`/broker/matches/${row.id}/assign`} className="whitespace-nowrap link">
                        Assign<span className="sr-only"> match #{row.id}</span>
                      </Link>
                    </p>
                    <RowActions row={row} formAction={formAction} actionData={actionData} busy={busy} />
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
        <Pagination page={params.page} totalPages={totalPages} />
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
