// A living case study, for the commissioner of the adopted match it came from: complete the
// case study drafted at adoption, write the 6, 12 and 24-month outcome updates (or one in
// between), and send back an update a broker asked to change. Everything goes to the broker
// queue; published updates show under the case study on the idea's page.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { Section } from "../../components/section";
import { useSchemaForm } from "../../components/form-hooks";
import { PendingButton } from "../../components/pending-button";
import { SubmitButton } from "../../components/submit-button";
import { LinkTrail } from "../../components/link-trail";
import { caseStudyFields } from "../../domain/case-study-fields";
import { RadioGroup, TextareaField } from "../../components/form-controls";
import { ErrorList, FormErrorSummary } from "../../components/forms";
import { Badge } from "../../components/tags";
import { parseItemId } from "../../domain/broker-queue";
import {
  caseStudyEditSchema,
  formatDay,
  milestoneBlocker,
  milestoneMonths,
  outcomeMilestoneLabel,
  outcomeMilestones,
  outcomeResubmitSchema,
  outcomeUpdateSchema,
  OUTCOMES_MAX,
  reviewStatusText,
  suggestedMilestone,
  type OutcomeMilestone,
} from "../../domain/living-case-studies";
import { editLivingCaseStudy, getLivingCaseStudy, resubmitOutcomeUpdate, submitOutcomeUpdate } from "../../models/living-case-studies.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError, domainErrorResponse } from "../../models/errors.server";
import { Banner } from "../../components/banner";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Outcomes: ${data.idea.title} in ${data.caseStudy.locality} | Innovation Exchange` : "Outcomes | Innovation Exchange" },
];

function load(user: { id: string; role: string }, rawId: string | undefined) {
  const matchId = parseItemId(rawId);
  if (matchId === null) throw new Response("There is no adopted match at this address.", { status: 404 });
  try {
    return getLivingCaseStudy(getExchange().db, user, matchId);
  } catch (error) {
    throw domainErrorResponse(error, { 404: "There is no adopted match at this address." });
  }
}

const reviewTone = { submitted: "slate", published: "green", "changes-requested": "amber", rejected: "amber" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const living = load(user, params.matchId);
  const now = new Date();
  const asked = new URL(request.url).searchParams.get("milestone");
  const askedMilestone = (outcomeMilestones as readonly string[]).includes(asked ?? "") ? (asked as OutcomeMilestone) : null;
  return json(
    {
      matchId: living.match.id,
      adoptedOn: formatDay(living.match.adoptedAt),
      need: { slug: living.need.slug, title: living.need.title, open: living.need.status === "open" },
      idea: living.idea,
      caseStudy: { ...caseStudyFields(living.caseStudy), reviewStatus: living.caseStudy.reviewStatus, reviewReason: living.caseStudy.reviewReason },
      milestones: living.reminders.map((reminder) => ({
        months: reminder.monthsAfterAdoption,
        dueOn: formatDay(reminder.dueAt),
        due: reminder.dueAt.getTime() <= now.getTime(),
        written: milestoneBlocker(reminder.monthsAfterAdoption, living.updates) !== null,
      })),
      updates: living.updates.map((update) => ({
        id: update.id,
        label: outcomeMilestoneLabel(update.monthsAfterAdoption),
        outcomes: update.outcomes,
        reviewStatus: update.reviewStatus,
        reviewReason: update.reviewReason,
        submittedOn: update.submittedAt ? formatDay(update.submittedAt) : null,
      })),
      defaultMilestone: askedMilestone ?? suggestedMilestone(now, living.updates, living.reminders),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionResult =
  { intent: "add-update" | "edit-case-study"; result: SubmissionResult<string[]> } | { intent: "resubmit-update"; updateId: number | null; errors: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const living = load(user, params.matchId);
  const { db } = getExchange();
  const self = `/my/outcomes/${living.match.id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "add-update") {
    const submission = parseWithZod(formData, { schema: outcomeUpdateSchema });
    if (submission.status !== "success") return json<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
    try {
      submitOutcomeUpdate(db, user, living.match.id, { monthsAfterAdoption: milestoneMonths(submission.value.milestone), outcomes: submission.value.outcomes });
    } catch (error) {
      if (error instanceof ConflictError)
        return json<ActionResult>({ intent, result: submission.reply({ fieldErrors: { milestone: [error.message] } }) }, { status: 409 });
      throw error;
    }
    return redirect(`${self}?sent=update#updates`);
  }

  if (intent === "edit-case-study") {
    const submission = parseWithZod(formData, { schema: caseStudyEditSchema });
    if (submission.status !== "success") return json<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
    try {
      editLivingCaseStudy(db, user, living.match.id, submission.value);
    } catch (error) {
      if (error instanceof ConflictError) return json<ActionResult>({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
      throw error;
    }
    getExchange().relay?.kick();
    return redirect(`${self}?sent=case-study#case-study`);
  }

  if (intent === "resubmit-update") {
    const parsed = outcomeResubmitSchema.safeParse(Object.fromEntries(formData));
    const updateId = parseItemId(String(formData.get("updateId") ?? ""));
    if (!parsed.success) return json<ActionResult>({ intent, updateId, errors: parsed.error.issues.map((issue) => issue.message) }, { status: 400 });
    try {
      resubmitOutcomeUpdate(db, user, living.match.id, parsed.data.updateId, parsed.data.outcomes);
    } catch (error) {
      if (error instanceof ConflictError) return json<ActionResult>({ intent, updateId, errors: [error.message] }, { status: 409 });
      throw error;
    }
    return redirect(`${self}?sent=resubmitted#updates`);
  }

  throw new Response("That request was not understood.", { status: 400 });
}

const sentMessages: Record<string, string> = {
  update: "Your outcome update has gone to a broker. Once published it shows, dated, under the case study on the idea's page.",
  resubmitted: "Your changed update has gone back to a broker.",
  "case-study": "The case study has gone to a broker for review.",
};

function UpdateForm({
  lastResult,
  defaultMilestone,
  milestones,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultMilestone: string;
  milestones: { months: number; dueOn: string; due: boolean; written: boolean }[];
}) {
  const [form, fields] = useSchemaForm(outcomeUpdateSchema, { id: "outcome-update", lastResult, defaultValue: { milestone: defaultMilestone } });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-2xl rounded border border-slate-300 p-4">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-update" />
      <RadioGroup
        legend="Which update is this?"
        field={fields.milestone}
        options={[
          ...milestones.map((milestone) => ({
            value: String(milestone.months),
            label: `The ${milestone.months}-month update`,
            hint: milestone.written ? "Already written." : `${milestone.due ? "Due since" : "Due on"} ${milestone.dueOn}.`,
          })),
          { value: "ad-hoc", label: "An update between milestones", hint: "News that should not wait: a result, a setback, a change of plan." },
        ]}
      />
      <TextareaField
        label="What has happened since adoption"
        hint={`What changed, for whom, how you know (figures help), and what you would tell another commissioner. Up to ${OUTCOMES_MAX} characters.`}
        field={fields.outcomes}
        rows={8}
      />
      <PendingButton pendingWhen={{ intent: "add-update" }} pendingLabel="Sending…">
        Send to a broker for review
      </PendingButton>
    </Form>
  );
}

function CaseStudyForm({
  lastResult,
  outcomes,
  lessons,
  resubmit,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  outcomes: string;
  lessons: string;
  resubmit: boolean;
}) {
  const [form, fields] = useSchemaForm(caseStudyEditSchema, { id: "case-study-form", lastResult, defaultValue: { outcomes, lessons } });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-2xl rounded border border-slate-300 p-4">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="edit-case-study" />
      <TextareaField label="Outcomes so far" hint="What the adoption has achieved so far, with figures where you have them." field={fields.outcomes} rows={6} />
      <TextareaField label="Lessons (optional)" hint="What worked, and what failed or had to be adapted." field={fields.lessons} rows={4} />
      <SubmitButton>{resubmit ? "Resubmit the case study" : "Save the case study"}</SubmitButton>
    </Form>
  );
}

function ResubmitForm({ update, errors }: { update: { id: number; label: string; outcomes: string }; errors: string[] | null }) {
  const fieldId = `resubmit-${update.id}`;
  return (
    <Form method="post" className="mt-3">
      <input type="hidden" name="intent" value="resubmit-update" />
      <input type="hidden" name="updateId" value={update.id} />
      <label htmlFor={fieldId} className="block font-semibold">
        Change this update ({update.label.toLowerCase()})
      </label>
      <ErrorList id={`${fieldId}-error`} errors={errors} />
      <textarea
        id={fieldId}
        name="outcomes"
        rows={6}
        defaultValue={update.outcomes}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${fieldId}-error` : undefined}
        className={`mt-1 w-full max-w-2xl rounded border-2 px-3 py-2 ${errors?.length ? "border-red-700" : "border-slate-700"}`}
      />
      <SubmitButton className="mt-2">Send it back to the broker</SubmitButton>
    </Form>
  );
}

export default function LivingCaseStudy() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const sent = sentMessages[searchParams.get("sent") ?? ""];
  const study = data.caseStudy;
  const place = [study.locality, study.country].filter(Boolean).join(", ");
  return (
    <article>
      <LinkTrail
        links={[
          { to: "/my/outcomes", label: "Your outcome updates" },
          { to: `/matches/${data.matchId}`, label: "The match" },
          { to: `/ideas/${data.idea.slug}#case-studies`, label: "The idea's page" },
        ]}
      />
      <h1 className="mt-2 text-3xl font-bold">
        Outcomes: {data.idea.title} in {study.locality}
      </h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        You adopted “{data.idea.title}” for your need “{data.need.title}” on {data.adoptedOn}. Other commissioners learn most from what happened next: you are
        asked for outcomes 6, 12 and 24 months on, and can add news at any time. A broker reviews each update before it is published.
      </p>
      {sent ? <Banner tone="success">{sent}</Banner> : null}

      <Section id="case-study" title="The case study" className="mt-8">
        <p className="mt-2">
          {place}
          {study.year ? ` (${study.year})` : ""}: {study.status} · <Badge tone={reviewTone[study.reviewStatus]}>{reviewStatusText[study.reviewStatus]}</Badge>
        </p>
        {study.reviewReason && study.reviewStatus !== "published" ? (
          <Banner tone="warning" role={null} className="mt-3 max-w-3xl p-4">
            <h3 className="font-semibold">{study.reviewStatus === "rejected" ? "The broker rejected the case study" : "The broker asked for changes"}</h3>
            <p className="mt-1 whitespace-pre-line">{study.reviewReason}</p>
          </Banner>
        ) : null}
        {study.reviewStatus === "published" ? (
          <dl className="mt-3 max-w-3xl space-y-2">
            <div>
              <dt className="font-semibold">Outcomes</dt>
              <dd className="whitespace-pre-line">{study.outcomes ?? "(none)"}</dd>
            </div>
            {study.lessons ? (
              <div>
                <dt className="font-semibold">Lessons</dt>
                <dd className="whitespace-pre-line">{study.lessons}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <>
            <p className="mt-3 max-w-3xl">
              A draft was made from the match when it was adopted. Complete it with the outcomes so far: a broker publishes it on the idea's page.
            </p>
            <CaseStudyForm
              lastResult={actionData?.intent === "edit-case-study" ? actionData.result : undefined}
              outcomes={study.outcomes ?? ""}
              lessons={study.lessons ?? ""}
              resubmit={study.reviewStatus !== "submitted"}
            />
          </>
        )}
      </Section>

      <Section id="updates" title="Outcome updates" className="mt-10">
        {data.updates.length === 0 ? (
          <p className="mt-2 text-slate-700">You have not written an outcome update yet.</p>
        ) : (
          <ol className="mt-3 max-w-3xl space-y-4">
            {data.updates.map((update) => (
              <li key={update.id} className="rounded border border-slate-300 p-4">
                <h3 className="font-semibold">
                  {update.label}
                  {update.submittedOn ? `, sent ${update.submittedOn}` : ""}
                </h3>
                <p className="mt-1">
                  <Badge tone={reviewTone[update.reviewStatus]}>{reviewStatusText[update.reviewStatus]}</Badge>
                </p>
                <p className="mt-2 whitespace-pre-line">{update.outcomes}</p>
                {update.reviewReason && update.reviewStatus !== "published" ? (
                  <p className="mt-2 whitespace-pre-line rounded bg-amber-50 p-3">
                    <span className="font-semibold">The broker's reason: </span>
                    {update.reviewReason}
                  </p>
                ) : null}
                {update.reviewStatus === "changes-requested" ? (
                  <ResubmitForm
                    update={update}
                    errors={actionData?.intent === "resubmit-update" && actionData.updateId === update.id ? actionData.errors : null}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {actionData?.intent === "resubmit-update" &&
        !data.updates.some((update) => update.id === actionData.updateId && update.reviewStatus === "changes-requested") ? (
          <p role="alert" className="mt-2 font-semibold text-red-800">
            {actionData.errors.join(" ")}
          </p>
        ) : null}
      </Section>

      <Section id="write-update" title="Write an outcome update" className="mt-10">
        <UpdateForm
          lastResult={actionData?.intent === "add-update" ? actionData.result : undefined}
          defaultMilestone={data.defaultMilestone}
          milestones={data.milestones}
        />
      </Section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
