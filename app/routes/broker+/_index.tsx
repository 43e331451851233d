// The brokers' review queue: submitted ideas (new, and edits to published ones), needs and
// case studies, with their service-level deadlines, claims, filters and sort. The filters
// are a GET form and claim/release are POST forms, so it all works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { FilterSelect } from "../../components/filter-select";
import { ListOrEmpty } from "../../components/list-or-empty";
import { Section } from "../../components/section";
import { SubmitButton } from "../../components/submit-button";
import { Badge } from "../../components/tags";
import { brokerRoles } from "../../domain/broker-roles";
import { claimSchema } from "../../domain/broker-forms";
import { describeDeadline, formatAge, formatDate, parseQueueParams, queueSearch, type QueueParams } from "../../domain/broker-queue";
import { formatRubricTotal } from "../../domain/review-rubric";
import { reviewItemLabels, reviewItemPluralLabels } from "../../domain/review-workflow";
import { matchStatusLabels, reviewItemTypes, type ReviewItemType } from "../../domain/vocabulary";
import { assignmentsByItem, listAssignedMatches } from "../../models/assignments.server";
import { latestTotals } from "../../models/review-rubric.server";
import { claimItem, listReviewQueue, releaseItem, type QueueItem } from "../../models/review.server";
import { listMatchQueue } from "../../models/match-workflow.server";
import { countQuestionsByStatus } from "../../models/need-questions.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError } from "../../models/errors.server";
import { Banner } from "../../components/banner";
import { DataTable } from "../../components/data-table";

export const meta: MetaFunction = () => [{ title: "Review queue | Innovation Exchange" }];

type Extras = { totals: Map<string, number>; assigned: Map<string, { id: string; name: string }> };

function toRow(item: QueueItem, now: Date, extras: Extras) {
  const key = `${item.itemType}:${item.itemId}`;
  const total = extras.totals.get(key);
  return {
    itemType: item.itemType,
    itemId: item.itemId,
    title: item.title,
    detail: item.detail,
    submitterName: item.submitterName,
    submittedOn: formatDate(item.submittedAt),
    age: formatAge(item.submittedAt, now),
    deadline: formatDate(item.deadline),
    deadlineWords: describeDeadline(item.deadline, now),
    overdue: item.overdue,
    claimedBy: item.claimedBy,
    score: total === undefined ? null : formatRubricTotal(total, item.itemType),
    assignedTo: extras.assigned.get(key) ?? null,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { db, env } = getExchange();
  const params = parseQueueParams(new URL(request.url).searchParams);
  const now = new Date();
  const days = env.REVIEW_SERVICE_LEVEL_DAYS;
  const all = listReviewQueue(db, user.id, {}, now, days);
  // Scores and assignments (issue 13): the Score and Assigned to columns, and the "Assigned to me" view.
  const extras: Extras = { totals: latestTotals(db, reviewItemTypes), assigned: assignmentsByItem(db, reviewItemTypes) };
  const assignedToMe = (item: QueueItem) => extras.assigned.get(`${item.itemType}:${item.itemId}`)?.id === user.id;
  const items = listReviewQueue(
    db,
    user.id,
    { type: params.type ?? undefined, claim: params.claim, overdueOnly: params.overdue, sort: params.sort },
    now,
    days,
  ).filter((item) => !params.assignedToMe || assignedToMe(item));
  const assignedMatches = listAssignedMatches(db, user.id).map((match) => ({
    id: match.id,
    title: `${match.ideaTitle} for ${match.needTitle}`,
    status: matchStatusLabels[match.status],
    deadline: match.dueAt ? formatDate(match.dueAt) : null,
    assignedBy: match.assignedByName,
    note: match.note,
  }));
  const summary = {
    total: all.length,
    overdue: all.filter((item) => item.overdue).length,
    mine: all.filter((item) => item.claimedBy?.id === user.id).length,
    assignedToMe: all.filter(assignedToMe).length + assignedMatches.length,
    byType: Object.fromEntries(reviewItemTypes.map((type) => [type, all.filter((item) => item.itemType === type).length])) as Record<ReviewItemType, number>,
  };
  const matchQueue = {
    awaiting: listMatchQueue(db, { view: "awaiting", pageSize: 1 }, now).total,
    overdue: listMatchQueue(db, { view: "overdue", pageSize: 1 }, now).total,
  };
  return json(
    {
      params,
      items: items.map((item) => toRow(item, now, extras)),
      summary,
      matchQueue,
      assignedMatches: params.assignedToMe ? assignedMatches : [],
      questionsWaiting: countQuestionsByStatus(db).open,
      serviceLevelDays: days,
      userId: user.id,
      isAdmin: user.role === "admin",
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const parsed = claimSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: "That request was not understood: reload the queue and try again." }, { status: 400 });
  const { intent, itemType, itemId } = parsed.data;
  try {
    if (intent === "claim") claimItem(getExchange().db, user.id, itemType, itemId);
    else releaseItem(getExchange().db, user.id, itemType, itemId, { force: user.role === "admin" });
  } catch (error) {
    if (error instanceof ConflictError) return json({ error: error.message }, { status: 409 });
    throw error;
  }
  // Back to the same view of the queue (the filters are in the query string).
  const url = new URL(request.url);
  url.searchParams.delete("index");
  return redirect(`/broker${url.search}`);
}

const sortOptions = [
  { value: "oldest", label: "Oldest first" },
  { value: "newest", label: "Newest first" },
];

function FilterForm({ params }: { params: QueueParams }) {
  const radio = (name: string, value: string, label: string, checked: boolean) => (
    <div key={value} className="flex items-center gap-2">
      <input id={`${name}-${value || "all"}`} type="radio" name={name} value={value} defaultChecked={checked} className="size-4" />
      <label htmlFor={`${name}-${value || "all"}`}>{label}</label>
    </div>
  );
  return (
    <Form method="get" action="/broker" className="mt-6 flex flex-wrap items-end gap-x-8 gap-y-4 rounded border border-slate-300 bg-slate-50 p-4">
      <fieldset>
        <legend className="font-semibold">Type</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {radio("type", "", "All", !params.type)}
          {reviewItemTypes.map((type) => radio("type", type, reviewItemPluralLabels[type], params.type === type))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-semibold">Claimed</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {radio("claim", "any", "Any", params.claim === "any")}
          {radio("claim", "mine", "By me", params.claim === "mine")}
          {radio("claim", "unclaimed", "Unclaimed", params.claim === "unclaimed")}
        </div>
      </fieldset>
      <div className="flex items-center gap-2">
        <input id="overdue" type="checkbox" name="overdue" value="1" defaultChecked={params.overdue} className="size-4" />
        <label htmlFor="overdue">Overdue only</label>
      </div>
      <div className="flex items-center gap-2">
        <input id="assigned" type="checkbox" name="assigned" value="me" defaultChecked={params.assignedToMe} className="size-4" />
        <label htmlFor="assigned">Assigned to me</label>
      </div>
      <FilterSelect id="sort" name="sort" label="Sort" defaultValue={params.sort} options={sortOptions} />
      <SubmitButton>Apply</SubmitButton>
    </Form>
  );
}

export default function BrokerQueue() {
  const { params, items, summary, matchQueue, assignedMatches, questionsWaiting, serviceLevelDays, userId, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const filtered = Boolean(params.type || params.claim !== "any" || params.overdue || params.assignedToMe);
  const search = queueSearch(params);
  return (
    <div>
      <h1 className="text-3xl font-bold">Review queue</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Submitted ideas, changes to published ideas, needs, case studies and outcome updates on adopted matches. Each should be decided within{" "}
        {serviceLevelDays} working {serviceLevelDays === 1 ? "day" : "days"} of submission.
      </p>
      <p className="mt-2" role="status">
        <strong>{summary.total}</strong> waiting: {summary.byType.idea} {summary.byType.idea === 1 ? "idea" : "ideas"}, {summary.byType.need}{" "}
        {summary.byType.need === 1 ? "need" : "needs"}, {summary.byType["case-study"]} case {summary.byType["case-study"] === 1 ? "study" : "studies"},{" "}
        {summary.byType["outcome-update"]} outcome {summary.byType["outcome-update"] === 1 ? "update" : "updates"}.{" "}
        {summary.overdue ? <strong className="text-red-800">{summary.overdue} overdue.</strong> : "None overdue."} {summary.mine} claimed by you.{" "}
        <Link to="/broker?assigned=me" className="link">
          {summary.assignedToMe} assigned to you
        </Link>
        .
      </p>
      <p className="mt-2">
        Matches:{" "}
        <Link to="/broker/matches" className="link">
          {matchQueue.awaiting} awaiting confirmation
        </Link>
        ,{" "}
        <Link to="/broker/matches?view=overdue" className={matchQueue.overdue ? "font-semibold text-red-800 underline" : "text-brand-700 underline"}>
          {matchQueue.overdue} overdue
        </Link>
        .{" "}
        <Link to="/broker/matches/new" className="link">
          Propose a match
        </Link>
      </p>
      <p className="mt-2">
        Questions on needs:{" "}
        <Link to="/broker/questions" className="link">
          {questionsWaiting} waiting for a commissioner's answer
        </Link>
        .
      </p>
      {actionData?.error ? (
        <Banner tone="error">
          <h2 className="font-semibold">That did not work</h2>
          <p>{actionData.error}</p>
        </Banner>
      ) : null}
      <FilterForm key={search} params={params} />
      <Section
        id="queue-heading"
        title={`${items.length} ${filtered ? "matching " : ""}${items.length === 1 ? "item" : "items"}, ${params.sort === "newest" ? "newest" : "oldest"} first`}
        className="mt-8"
        headingClassName="text-xl font-semibold"
      >
        {items.length === 0 ? (
          <div className="mt-4 rounded bg-slate-50 p-4">
            {summary.total === 0 ? (
              <p>Nothing is waiting for review. New submissions will appear here.</p>
            ) : (
              <>
                <p>No items match these filters.</p>
                <p className="mt-1">
                  <Link to="/broker" className="link">
                    Show the whole queue
                  </Link>
                </p>
              </>
            )}
          </div>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <DataTable
              caption="Items waiting for review"
              columns={["Type", "Title", "Submitted by", "Waiting", "Deadline", "Claimed by", "Assigned to", "Score", { label: "Actions", hidden: true }]}
            >
              {items.map((item) => {
                const mine = item.claimedBy?.id === userId;
                const canRelease = item.claimedBy && (mine || isAdmin);
                return (
                  <tr key={`${item.itemType}-${item.itemId}`} className={`border-b border-slate-200 align-top ${item.overdue ? "bg-red-50" : ""}`}>
                    <td data-label="Type" className="py-3 pr-4">
                      {reviewItemLabels[item.itemType]}
                      <span className="block text-slate-700">{item.detail}</span>
                    </td>
                    <th scope="row" data-label="Title" className="py-3 pr-4 font-normal">
                      <Link to={`/broker/${item.itemType}/${item.itemId}`} className="font-semibold link">
                        {item.title}
                      </Link>
                    </th>
                    <td data-label="Submitted by" className="py-3 pr-4">
                      {item.submitterName ?? "(unknown)"}
                    </td>
                    <td data-label="Waiting" className="py-3 pr-4">
                      {item.age}
                      <span className="block text-slate-700">since {item.submittedOn}</span>
                    </td>
                    <td data-label="Deadline" className="py-3 pr-4">
                      {item.deadline}
                      <span className="block">
                        {item.overdue ? (
                          <Badge tone="amber">Overdue: {item.deadlineWords}</Badge>
                        ) : (
                          <span className="text-slate-700">{item.deadlineWords}</span>
                        )}
                      </span>
                    </td>
                    <td data-label="Claimed by" className="py-3 pr-4">
                      {item.claimedBy ? mine ? "You" : item.claimedBy.name : <span className="text-slate-700">Unclaimed</span>}
                    </td>
                    <td data-label="Assigned to" className="py-3 pr-4">
                      {item.assignedTo ? item.assignedTo.id === userId ? "You" : item.assignedTo.name : <span className="text-slate-700">No one</span>}
                    </td>
                    <td data-label="Score" className="py-3 pr-4 whitespace-nowrap">
                      {item.score ?? <span className="text-slate-700">Not scored</span>}
                    </td>
                    <td className="py-3">
                      {!item.claimedBy || canRelease ? (
                        <Form method="post" action={`/broker?index${search ? `&${search.slice(1)}` : ""}`}>
                          <input type="hidden" name="itemType" value={item.itemType} />
                          <input type="hidden" name="itemId" value={item.itemId} />
                          <button
                            type="submit"
                            name="intent"
                            value={item.claimedBy ? "release" : "claim"}
                            disabled={busy}
                            className="rounded border-2 border-slate-700 px-3 py-1 font-semibold whitespace-nowrap hover:bg-slate-100"
                          >
                            {item.claimedBy ? "Release" : "Claim"}
                            <span className="sr-only"> {item.title}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </div>
        )}
      </Section>
      {params.assignedToMe ? <AssignedMatches matches={assignedMatches} /> : null}
    </div>
  );
}

function AssignedMatches({
  matches,
}: {
  matches: { id: number; title: string; status: string; deadline: string | null; assignedBy: string | null; note: string | null }[];
}) {
  return (
    <Section id="assigned-matches-heading" title="Matches assigned to you" className="mt-10" headingClassName="text-xl font-semibold">
      <ListOrEmpty items={matches} className="mt-3 max-w-3xl space-y-3" empty={<p className="mt-2 text-slate-700">No open matches are assigned to you.</p>}>
        {(match) => (
          <li key={match.id} className="rounded border border-slate-300 p-3">
            <Link to={`/matches/${match.id}`} className="font-semibold link">
              {match.title}
            </Link>
            <p className="text-sm">
              {match.status}
              {match.deadline ? ` · due ${match.deadline}` : ""}
              {match.assignedBy ? ` · assigned by ${match.assignedBy}` : ""}
            </p>
            {match.note ? <p className="mt-1 text-sm whitespace-pre-line text-slate-700">Note: “{match.note}”</p> : null}
          </li>
        )}
      </ListOrEmpty>
    </Section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
