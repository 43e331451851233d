// One queue item as a broker reviews it: the item in full (for a published idea, its pending
// changes as before -> after), claim and release, the decision form, private broker notes
// and the item's audit log.
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AssignmentPanel } from "../../components/assignment-panel";
import { AuditTable, DataTable } from "../../components/data-table";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { useSchemaForm } from "../../components/form-hooks";
import { LinkParagraph } from "../../components/link-paragraph";
import { ListOrEmpty } from "../../components/list-or-empty";
import { Section } from "../../components/section";
import { PendingButton } from "../../components/pending-button";
import { SubmitButton } from "../../components/submit-button";
import { RadioGroup, SelectField, TextareaField } from "../../components/form-controls";
import { ErrorList, FormErrorSummary } from "../../components/forms";
import { LatestScore, ScoreForm } from "../../components/review-score";
import { Badge } from "../../components/tags";
import { brokerRoles } from "../../domain/broker-roles";
import { decisionSchema, JUSTIFICATION_MAX, noteSchema, toDecisionInput } from "../../domain/broker-forms";
import { describeDeadline, formatAge, formatDate, formatDateTime, isReviewItemType, parseItemId } from "../../domain/broker-queue";
import { auditChangeRows } from "../../domain/review-display";
import { decisionLabels, reviewDeadline, reviewItemLabels, type BrokerDecision } from "../../domain/review-workflow";
import { evidenceLevelLabels, evidenceLevels, type ReviewItemType } from "../../domain/vocabulary";
import { assigneeOptions, assignSchema } from "../../domain/assignment";
import { formatRubricTotal, rubricSchema, scoreRows } from "../../domain/review-rubric";
import { AssigneeError, assignItem, getAssignment, listAssignableBrokers } from "../../models/assignments.server";
import { addBrokerNote, listAuditLog, listBrokerNotes } from "../../models/audit.server";
import { latestReviewScore, myLatestScores, saveReviewScore, ScoreValidationError } from "../../models/review-rubric.server";
import { suggestAfterOpening } from "../../models/match-suggestions.server";
import {
  claimItem,
  decideCaseStudy,
  decideIdea,
  decideNeed,
  decideOutcomeUpdate,
  getClaim,
  getReviewItem,
  isAwaitingReview,
  releaseItem,
} from "../../models/review.server";
import { reviewItemView } from "../../domain/review-item-view";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError, domainErrorResponse, NotAllowedError } from "../../models/errors.server";
import { Banner } from "../../components/banner";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review: ${data.heading} | Innovation Exchange` : "Review item not found | Innovation Exchange" },
];

function itemFromParams(params: LoaderFunctionArgs["params"]): { itemType: ReviewItemType; itemId: number } {
  const itemId = parseItemId(params.itemId);
  if (!isReviewItemType(params.itemType) || itemId === null) throw new Response("There is no review item at this address.", { status: 404 });
  return { itemType: params.itemType, itemId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { itemType, itemId } = itemFromParams(params);
  const { db, env } = getExchange();
  const item = getReviewItem(db, itemType, itemId);
  if (!item) throw new Response("There is no review item at this address.", { status: 404 });
  const view = reviewItemView(item);
  const awaiting = isAwaitingReview(db, itemType, itemId);
  const claim = getClaim(db, itemType, itemId);
  const now = new Date();
  const deadline = awaiting && view.submittedAt ? reviewDeadline(view.submittedAt, env.REVIEW_SERVICE_LEVEL_DAYS) : null;
  const { submittedAt, ...rest } = view;
  return json(
    {
      ...rest,
      itemType,
      itemId,
      awaiting,
      timing:
        awaiting && submittedAt && deadline
          ? {
              submitted: formatDateTime(submittedAt),
              age: formatAge(submittedAt, now),
              deadline: formatDate(deadline),
              deadlineWords: describeDeadline(deadline, now),
              overdue: deadline.getTime() < now.getTime(),
            }
          : null,
      claim: claim ? { brokerId: claim.brokerId, name: claim.name, claimedAt: formatDateTime(claim.claimedAt) } : null,
      ...rubricAndAssignment(user.id, itemType, itemId),
      userId: user.id,
      isAdmin: user.role === "admin",
      notes: listBrokerNotes(db, itemType, itemId).map((note) => ({
        id: note.id,
        body: note.body,
        author: note.authorName ?? "(former user)",
        at: formatDateTime(note.createdAt),
      })),
      audit: listAuditLog(db, itemType, itemId).map((entry) => ({
        id: entry.id,
        action: entry.action,
        actor: entry.actorName ?? "(system or former user)",
        at: formatDateTime(entry.createdAt),
        reason: entry.reason,
        changes: auditChangeRows(entry.before, entry.after),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** The item's latest rubric score, this broker's last scores (to fill the form), its assignment and who can be assigned. */
function rubricAndAssignment(userId: string, itemType: ReviewItemType, itemId: number) {
  const { db } = getExchange();
  const score = latestReviewScore(db, itemType, itemId);
  const assignment = getAssignment(db, itemType, itemId);
  return {
    score: score
      ? {
          total: formatRubricTotal(score.total, itemType),
          by: score.brokerName ?? "(former user)",
          at: formatDateTime(score.createdAt),
          rows: scoreRows(itemType, score.scores),
        }
      : null,
    myScores: myLatestScores(db, userId, itemType, itemId),
    assignment: assignment ? { ...assignment, assignedAt: formatDateTime(assignment.assignedAt) } : null,
    assignees: assigneeOptions(listAssignableBrokers(db), userId),
  };
}

type ActionResult = { intent: "decide" | "note" | "score" | "assign"; result: SubmissionResult<string[]> } | { intent: "claim"; error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { itemType, itemId } = itemFromParams(params);
  const { db } = getExchange();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const self = `/broker/${itemType}/${itemId}`;
  if (!getReviewItem(db, itemType, itemId)) throw new Response("There is no review item at this address.", { status: 404 });

  if (intent === "claim" || intent === "release") {
    try {
      if (intent === "claim") claimItem(db, user.id, itemType, itemId);
      else releaseItem(db, user.id, itemType, itemId, { force: user.role === "admin" });
    } catch (error) {
      if (error instanceof ConflictError) return json<ActionResult>({ intent: "claim", error: error.message }, { status: 409 });
      throw error;
    }
    return redirect(self);
  }

  if (intent === "note") {
    const submission = parseWithZod(formData, { schema: noteSchema });
    if (submission.status !== "success") return json<ActionResult>({ intent: "note", result: submission.reply() }, { status: 400 });
    addBrokerNote(db, user.id, itemType, itemId, submission.value.body);
    return redirect(`${self}#notes`);
  }

  if (intent === "score") {
    const submission = parseWithZod(formData, { schema: rubricSchema(itemType) });
    if (submission.status !== "success") return json<ActionResult>({ intent: "score", result: submission.reply() }, { status: 400 });
    const { intent: _intent, ...scores } = submission.value;
    try {
      saveReviewScore(db, user.id, itemType, itemId, scores);
    } catch (error) {
      if (error instanceof ScoreValidationError) {
        const fieldErrors = Object.fromEntries(Object.entries(error.errors).map(([key, message]) => [key, [message]]));
        return json<ActionResult>({ intent: "score", result: submission.reply({ fieldErrors }) }, { status: 400 });
      }
      throw error;
    }
    return redirect(`${self}?done=scored`);
  }

  if (intent === "assign") {
    const submission = parseWithZod(formData, { schema: assignSchema });
    if (submission.status !== "success") return json<ActionResult>({ intent: "assign", result: submission.reply() }, { status: 400 });
    try {
      assignItem(db, user, { itemType, itemId, assigneeId: submission.value.assigneeId, note: submission.value.note });
    } catch (error) {
      if (error instanceof AssigneeError)
        return json<ActionResult>({ intent: "assign", result: submission.reply({ fieldErrors: { assigneeId: [error.message] } }) }, { status: 400 });
      if (error instanceof ConflictError)
        return json<ActionResult>({ intent: "assign", result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
      throw domainErrorResponse(error);
    }
    return redirect(`${self}?done=assigned`);
  }

  if (intent === "decide") {
    const submission = parseWithZod(formData, { schema: decisionSchema(itemType) });
    if (submission.status !== "success") return json<ActionResult>({ intent: "decide", result: submission.reply() }, { status: 400 });
    // A rejection cannot be undone: it happens only on its own confirmation page, with the reason carried there.
    if (submission.value.decision === "reject") {
      const claim = getClaim(db, itemType, itemId);
      if (!isAwaitingReview(db, itemType, itemId))
        return json<ActionResult>({ intent: "decide", result: submission.reply({ formErrors: ["This item is not waiting for review"] }) }, { status: 409 });
      if (claim && claim.brokerId !== user.id) {
        return json<ActionResult>(
          { intent: "decide", result: submission.reply({ formErrors: ["Another broker has claimed this item: only they can decide it"] }) },
          { status: 409 },
        );
      }
      return redirect(`${self}/confirm-reject?${new URLSearchParams({ reason: submission.value.reason ?? "" })}`);
    }
    try {
      const decide =
        itemType === "idea" ? decideIdea : itemType === "need" ? decideNeed : itemType === "outcome-update" ? decideOutcomeUpdate : decideCaseStudy;
      decide(db, user.id, itemId, toDecisionInput(itemType, submission.value));
    } catch (error) {
      if (error instanceof NotAllowedError)
        return json<ActionResult>({ intent: "decide", result: submission.reply({ formErrors: [error.message] }) }, { status: 400 });
      if (error instanceof ConflictError)
        return json<ActionResult>({ intent: "decide", result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
      throw domainErrorResponse(error);
    }
    // The need is open (committed): the engine's suggestions are best effort, after it.
    if (itemType === "need" && submission.value.decision === "publish") await suggestAfterOpening(db, getExchange().meili, itemId);
    return redirect(`${self}?decided=${submission.value.decision}`);
  }

  throw new Response("That request was not understood.", { status: 400 });
}

function DecisionForm({
  itemType,
  lastResult,
  evidenceDefaults,
}: {
  itemType: ReviewItemType;
  lastResult: SubmissionResult<string[]> | undefined;
  evidenceDefaults: { evidenceLevel: string; evidenceJustification: string } | null;
}) {
  const [form, fields] = useSchemaForm(decisionSchema(itemType), { id: "decision", lastResult, defaultValue: evidenceDefaults ?? undefined });
  const decisionHints: Record<BrokerDecision, string> = {
    publish:
      itemType === "need"
        ? "The need opens to commissioners and innovators."
        : itemType === "outcome-update"
          ? "It shows, dated, under its case study on the idea's page."
          : "It goes live on the exchange.",
    "request-changes": "It goes back to the submitter with your reason; they can resubmit.",
    reject: "It is closed with your reason. You will be asked to confirm on the next page.",
  };
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-2xl rounded border border-slate-300 p-4">
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <input type="hidden" name="intent" value="decide" />
      <RadioGroup
        legend="Decision"
        field={fields.decision}
        options={(["publish", "request-changes", "reject"] as const).map((value) => ({ value, label: decisionLabels[value], hint: decisionHints[value] }))}
      />
      {itemType === "idea" ? (
        <fieldset className="mb-5 rounded border border-slate-300 p-4">
          <legend className="px-1 font-semibold">Evidence (when publishing)</legend>
          <SelectField
            label="Evidence level"
            hint="The standard of evidence the idea has reached, from 1 (a clear account of what it does) to 5 (manuals and systems for delivery at scale)."
            field={fields.evidenceLevel}
            placeholder="Choose a level"
            options={evidenceLevels.map((level) => ({ value: String(level), label: evidenceLevelLabels[level] }))}
          />
          <div className="mb-1">
            <label htmlFor={fields.evidenceJustification.id} className="block font-semibold">
              Justification (one line)
            </label>
            <p id={`${fields.evidenceJustification.id}-hint`} className="text-sm text-slate-700">
              Why this level, in up to {JUSTIFICATION_MAX} characters: for example “a matched comparison group in two pilot areas”.
            </p>
            <ErrorList id={fields.evidenceJustification.errorId} errors={fields.evidenceJustification.errors} />
            <input
              {...getInputProps(fields.evidenceJustification, { type: "text", ariaDescribedBy: `${fields.evidenceJustification.id}-hint` })}
              className={`mt-1 w-full rounded border-2 px-3 py-2 ${fields.evidenceJustification.errors?.length ? "border-red-700" : "border-slate-700"}`}
            />
          </div>
        </fieldset>
      ) : null}
      <TextareaField
        label="Reason the submitter will see"
        hint="Required when you request changes or reject: say what to change, or why."
        field={fields.reason}
        rows={4}
      />
      <PendingButton pendingWhen={{ intent: "decide" }} pendingLabel="Recording…">
        Record decision
      </PendingButton>
    </Form>
  );
}

function NoteForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useSchemaForm(noteSchema, { id: "note", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-2xl">
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <input type="hidden" name="intent" value="note" />
      <TextareaField label="Add a private note" hint="Other brokers and admins see notes; the submitter never does." field={fields.body} rows={3} />
      <SubmitButton look="secondary">Add note</SubmitButton>
    </Form>
  );
}

/** A case study's longer text under its label, when it has any. */
function LabelledText({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <p className="mt-2 whitespace-pre-line">
      <span className="font-semibold">{label}: </span>
      {text}
    </p>
  );
}

const doneMessages: Record<string, string> = {
  scored: "Score saved. It is in the audit log and shown in the queue.",
  assigned: "Assigned. The broker has been told, and it is claimed for them.",
};

const decidedMessages: Record<string, string> = {
  publish: "Published. The submitter has been told.",
  "request-changes": "Changes requested. The submitter has been told, with your reason.",
  reject: "Rejected. The submitter has been told, with your reason.",
};

export default function ReviewItem() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const decided = searchParams.get("decided");
  const done = searchParams.get("done");
  const claimedByMe = data.claim?.brokerId === data.userId;
  const claimedByOther = data.claim && !claimedByMe;
  return (
    <article>
      <LinkParagraph to="/broker" className="text-sm">
        Review queue
      </LinkParagraph>
      <p className="mt-2 text-sm font-semibold text-slate-700">
        {reviewItemLabels[data.itemType]} · {data.subheading}
      </p>
      <h1 className="mt-1 text-3xl font-bold">{data.heading}</h1>
      {decided && decidedMessages[decided] ? (
        <Banner tone="success">
          <p className="font-semibold">{decidedMessages[decided]}</p>
          <LinkParagraph to="/broker">Back to the queue</LinkParagraph>
        </Banner>
      ) : null}
      {done && doneMessages[done] ? (
        <Banner tone="success">
          <p className="font-semibold">
            {done === "assigned" && data.assignment
              ? `Assigned to ${data.assignment.assigneeId === data.userId ? "you" : data.assignment.assigneeName}. ${data.assignment.assigneeId === data.userId ? "It is claimed for you." : "They have been told, and it is claimed for them."}`
              : doneMessages[done]}
          </p>
        </Banner>
      ) : null}
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-semibold">Status</dt>
        <dd>{data.status}</dd>
        <dt className="font-semibold">Submitted by</dt>
        <dd>{data.submitter ?? "(unknown)"}</dd>
        <dt className="font-semibold">Score</dt>
        <dd>{data.score ? data.score.total : "Not scored"}</dd>
        {data.timing ? (
          <>
            <dt className="font-semibold">Submitted</dt>
            <dd>
              {data.timing.submitted} ({data.timing.age} ago)
            </dd>
            <dt className="font-semibold">Deadline</dt>
            <dd>
              {data.timing.deadline} · {data.timing.overdue ? <Badge tone="amber">Overdue: {data.timing.deadlineWords}</Badge> : data.timing.deadlineWords}
            </dd>
          </>
        ) : null}
        {data.lastReason ? (
          <>
            <dt className="font-semibold">Last reason given</dt>
            <dd className="whitespace-pre-line">{data.lastReason}</dd>
          </>
        ) : null}
        {data.publicLink ? (
          <>
            <dt className="font-semibold">Public page</dt>
            <dd>
              <Link to={data.publicLink} className="link">
                {data.publicLink}
              </Link>
            </dd>
          </>
        ) : null}
        {data.parentIdea ? (
          <>
            <dt className="font-semibold">Idea</dt>
            <dd>
              <Link to={data.parentIdea.link} className="link">
                {data.parentIdea.title}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>

      <Section
        id="claim-heading"
        title="Claim"
        className="mt-6 max-w-3xl rounded border border-slate-300 bg-slate-50 p-4"
        headingClassName="text-lg font-semibold"
      >
        {actionData?.intent === "claim" ? (
          <p role="alert" className="mt-1 font-semibold text-red-800">
            {actionData.error}
          </p>
        ) : null}
        {!data.awaiting ? (
          <p className="mt-1">
            This item is not waiting for review{data.claim ? `, but ${claimedByMe ? "you" : data.claim.name} still hold a claim on it` : ""}.
          </p>
        ) : data.claim ? (
          <p className="mt-1">
            Claimed by {claimedByMe ? "you" : data.claim.name} on {data.claim.claimedAt}.
            {claimedByOther ? " Only they can decide it while they hold the claim." : ""}
          </p>
        ) : (
          <p className="mt-1">Unclaimed. Claim it so other brokers know you are reviewing it.</p>
        )}
        {(data.awaiting && !data.claim) || claimedByMe || (data.claim && data.isAdmin) ? (
          <Form method="post" className="mt-2">
            <button
              type="submit"
              name="intent"
              value={data.claim ? "release" : "claim"}
              className="rounded border-2 border-slate-700 bg-white px-3 py-1 font-semibold hover:bg-slate-100"
            >
              {data.claim ? (claimedByMe ? "Release my claim" : "Release their claim") : "Claim this item"}
            </button>
          </Form>
        ) : null}
      </Section>

      <AssignmentPanel
        assignment={data.assignment}
        viewerId={data.userId}
        assignees={data.assignees}
        lastResult={actionData?.intent === "assign" ? actionData.result : undefined}
        canAssign={data.awaiting && (!data.claim || claimedByMe || data.isAdmin)}
        cannotAssign={
          data.awaiting ? <p className="mt-1 text-slate-700">{data.claim?.name} has claimed it: only they or an admin can assign it to someone else.</p> : null
        }
        className="mt-4 max-w-3xl"
      />

      {data.pendingChanges.length ? (
        <Section id="pending-heading" title="Changes waiting for review" className="mt-10">
          <p className="mt-1 max-w-3xl text-slate-700">The published idea stays live as it is until you publish these changes.</p>
          <div className="mt-4 overflow-x-auto">
            <DataTable caption="Each changed field, before and after" columns={["Field", "Before (live)", "After (proposed)"]} className="max-w-5xl text-sm">
              {data.pendingChanges.map((change) => (
                <tr key={change.field} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4">
                    {change.label}
                  </th>
                  <td data-label="Before (live)" className="py-2 pr-4 whitespace-pre-line">
                    <del className="decoration-red-800">{change.before}</del>
                  </td>
                  <td data-label="After (proposed)" className="py-2 whitespace-pre-line">
                    <ins className="no-underline bg-emerald-50">{change.after}</ins>
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        </Section>
      ) : null}

      <Section
        id="item-heading"
        title={data.itemType === "idea" && data.pendingChanges.length ? "The live idea" : `The ${reviewItemLabels[data.itemType].toLowerCase()}`}
        className="mt-10"
      >
        <dl className="mt-4 max-w-3xl space-y-3">
          {data.facts.map((fact) => (
            <div key={fact.label} className={fact.long ? "" : "grid grid-cols-[14rem_1fr] gap-x-4"}>
              <dt className="font-semibold">{fact.label}</dt>
              <dd className="whitespace-pre-line">{fact.value}</dd>
            </div>
          ))}
        </dl>
        {data.itemType === "idea" ? (
          <>
            <h3 className="mt-6 text-xl font-semibold">How it spreads: route-specific detail</h3>
            {data.detailRows.length === 0 ? (
              <p className="mt-1 text-slate-700">No route-specific detail has been given.</p>
            ) : (
              <dl className="mt-2 max-w-3xl space-y-2">
                {data.detailRows.map((row) => (
                  <div key={`${row.model}-${row.label}`}>
                    <dt className="font-semibold">
                      {row.model}: {row.label}
                    </dt>
                    <dd className="whitespace-pre-line">{row.value}</dd>
                  </div>
                ))}
              </dl>
            )}
            <h3 className="mt-6 text-xl font-semibold">Case studies</h3>
            <ListOrEmpty
              items={data.caseStudies}
              className="mt-2 grid max-w-5xl gap-4 md:grid-cols-2"
              empty={<p className="mt-1 text-slate-700">No case studies.</p>}
            >
              {(study) => (
                <li key={study.id} className="rounded border border-slate-300 p-4">
                  <h4 className="font-semibold">{study.heading}</h4>
                  <p className="text-sm">
                    {study.status}
                    {study.reviewStatus !== "published" ? ` · review: ${study.reviewStatusLabel}` : ""}
                  </p>
                  <LabelledText label="Outcomes" text={study.outcomes} />
                  <LabelledText label="Lessons" text={study.lessons} />
                </li>
              )}
            </ListOrEmpty>
          </>
        ) : null}
      </Section>

      <Section id="score-heading" title="Score this item" className="mt-10">
        <LatestScore score={data.score} />
        <ScoreForm
          key={data.score?.at ?? "none"}
          itemType={data.itemType}
          defaults={data.myScores}
          lastResult={actionData?.intent === "score" ? actionData.result : undefined}
        />
      </Section>

      <Section id="decision-heading" title="Decision" className="mt-10">
        {data.awaiting && !claimedByOther ? (
          <DecisionForm
            itemType={data.itemType}
            lastResult={actionData?.intent === "decide" ? actionData.result : undefined}
            evidenceDefaults={data.evidenceDefaults}
          />
        ) : data.awaiting ? (
          <p className="mt-2">{data.claim?.name} has claimed this item; only they can decide it while they hold the claim.</p>
        ) : (
          <p className="mt-2">This item is not waiting for a decision. Its history is in the audit log below.</p>
        )}
      </Section>

      <Section id="notes" title="Private broker notes" className="mt-10">
        <ListOrEmpty items={data.notes} ordered className="mt-2 max-w-3xl space-y-3" empty={<p className="mt-2 text-slate-700">No notes yet.</p>}>
          {(note) => (
            <li key={note.id} className="rounded border-l-4 border-slate-400 bg-slate-50 p-3">
              <p className="whitespace-pre-line">{note.body}</p>
              <p className="mt-1 text-sm text-slate-700">
                {note.author}, {note.at}
              </p>
            </li>
          )}
        </ListOrEmpty>
        <NoteForm lastResult={actionData?.intent === "note" ? actionData.result : undefined} />
      </Section>

      <Section id="audit-heading" title="Audit log" className="mt-10">
        {data.audit.length === 0 ? (
          <p className="mt-2 text-slate-700">Nothing has been recorded yet.</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <AuditTable caption="Every state change of this item, newest first" actionHeading="Action" entries={data.audit} className="max-w-5xl" />
          </div>
        )}
      </Section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
