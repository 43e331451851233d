// The brokers' moderation list of clarification questions on needs: every question, newest
// first, by state (waiting for the commissioner, answered, hidden), with who asked (brokers see
// the name even when the public does not). Hiding needs a reason the asker is told; a hidden
// question can be restored. Views are GET links and hide/restore are POST forms, so it all
// works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { useSchemaForm } from "../../components/form-hooks";
import { PageHeading } from "../../components/page-heading";
import { TabNav } from "../../components/tab-nav";
import { TextareaField } from "../../components/form-controls";
import { FormErrorSummary } from "../../components/forms";
import { Badge } from "../../components/tags";
import { brokerRoles } from "../../domain/broker-roles";
import { formatDate } from "../../domain/broker-queue";
import {
  brokerQuestionViewLabels,
  brokerQuestionViews,
  moderateQuestionSchema,
  needQuestionStatusLabels,
  parseBrokerQuestionView,
  type BrokerQuestionView,
} from "../../domain/need-questions";
import { BROKER_QUESTIONS_LIMIT, countQuestionsByStatus, hideQuestion, listQuestionsForBrokers, restoreQuestion } from "../../models/need-questions.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError, domainErrorResponse } from "../../models/errors.server";
import { Banner } from "../../components/banner";

export const meta: MetaFunction = () => [{ title: "Questions on needs | Innovation Exchange" }];

const notices = {
  hidden: "Question hidden: it is no longer on the need's page, and the person who asked has been told your reason.",
  restored: "Question restored: it is back where it was, and the person who asked has been told.",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, brokerRoles);
  const url = new URL(request.url);
  const view = parseBrokerQuestionView(url.searchParams);
  const { db } = getExchange();
  const counts = countQuestionsByStatus(db);
  const done = url.searchParams.get("done");
  return json(
    {
      view,
      counts: { ...counts, all: counts.open + counts.answered + counts.hidden },
      questions: listQuestionsForBrokers(db, view),
      notice: done && done in notices ? notices[done as keyof typeof notices] : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionResult = { questionId: string; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const formData = await request.formData();
  const raw = formData.get("questionId");
  const questionId = typeof raw === "string" ? raw.slice(0, 20) : "";
  const submission = parseWithZod(formData, { schema: moderateQuestionSchema });
  if (submission.status !== "success") return json<ActionResult>({ questionId, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    const actor = { id: user.id, role: user.role };
    if (value.intent === "hide-question") hideQuestion(getExchange().db, actor, value.questionId, value.reason);
    else restoreQuestion(getExchange().db, actor, value.questionId);
  } catch (error) {
    if (error instanceof ConflictError) return json<ActionResult>({ questionId, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    throw domainErrorResponse(error);
  }
  // Back to the same view, at the question.
  const view = parseBrokerQuestionView(new URL(request.url).searchParams);
  const search = new URLSearchParams({ ...(view !== "all" ? { view } : {}), done: value.intent === "hide-question" ? "hidden" : "restored" });
  return redirect(`/broker/questions?${search}#question-${value.questionId}`);
}

function ViewTabs({ view, counts }: { view: BrokerQuestionView; counts: Record<BrokerQuestionView, number> }) {
  return (
    <TabNav
      label="Question views"
      tabs={brokerQuestionViews.map((option) => ({
        to: option === "all" ? "/broker/questions" : `/broker/questions?view=${option}`,
        current: option === view,
        label: `${brokerQuestionViewLabels[option]} (${counts[option]})`,
      }))}
    />
  );
}

function HideForm({ questionId, view, lastResult }: { questionId: number; view: BrokerQuestionView; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useSchemaForm(moderateQuestionSchema, { id: `hide-${questionId}`, lastResult });
  const busy = useNavigation().formData?.get("questionId") === String(questionId);
  return (
    <details className="mt-3" open={!!lastResult}>
      <summary className="cursor-pointer font-semibold link">Hide this question</summary>
      <Form method="post" action={view === "all" ? "/broker/questions" : `/broker/questions?view=${view}`} {...getFormProps(form)} className="mt-2 max-w-2xl">
        <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
        <input type="hidden" name="intent" value="hide-question" />
        <input type="hidden" name="questionId" value={questionId} />
        <TextareaField label="Reason" hint="The person who asked will see it. The question disappears from the need's page." field={fields.reason} rows={3} />
        <button type="submit" disabled={busy} className="rounded border-2 border-red-800 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
          Hide the question
        </button>
      </Form>
    </details>
  );
}

function RestoreForm({ questionId, view, lastResult }: { questionId: number; view: BrokerQuestionView; lastResult?: SubmissionResult<string[]> }) {
  const [form] = useForm({ id: `restore-${questionId}`, lastResult });
  const busy = useNavigation().formData?.get("questionId") === String(questionId);
  return (
    <Form method="post" action={view === "all" ? "/broker/questions" : `/broker/questions?view=${view}`} {...getFormProps(form)} className="mt-3">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="restore-question" />
      <input type="hidden" name="questionId" value={questionId} />
      <button type="submit" disabled={busy} className="rounded border-2 border-slate-700 px-4 py-2 font-semibold hover:bg-slate-100">
        Restore the question
      </button>
    </Form>
  );
}

export default function BrokerQuestions() {
  const { view, counts, questions, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (id: number) => (actionData && actionData.questionId === String(id) ? actionData.result : undefined);
  return (
    <div>
      <PageHeading back={{ to: "/broker", label: "Review queue" }}>Questions on needs</PageHeading>
      <p className="mt-2 max-w-3xl text-slate-700">
        Innovators' clarification questions to commissioners. Answered questions are public on the need's page, with the asker's name only if they chose to show
        it. Hide a question (or its answer) that breaks the exchange's rules; the person who asked is told your reason.
      </p>
      {notice ? <Banner tone="success">{notice}</Banner> : null}
      {actionData && !questions.some((item) => String(item.id) === actionData.questionId) ? (
        <Banner tone="error">That did not work: reload the page and try again.</Banner>
      ) : null}
      <ViewTabs view={view} counts={counts} />
      {questions.length === 0 ? (
        <p className="mt-6 rounded bg-slate-50 p-4">
          {view === "all" ? "No questions have been asked yet." : `No questions are ${brokerQuestionViewLabels[view].toLowerCase()}.`}
        </p>
      ) : (
        <ol className="mt-6 space-y-4">
          {questions.map((item) => (
            <li
              key={item.id}
              id={`question-${item.id}`}
              className={`max-w-4xl rounded border p-4 ${item.status === "hidden" ? "border-amber-600 bg-amber-50" : "border-slate-300"}`}
            >
              <p className="text-sm">
                <Badge tone={item.status === "answered" ? "green" : item.status === "hidden" ? "amber" : "slate"}>
                  {needQuestionStatusLabels[item.status]}
                </Badge>{" "}
                on{" "}
                {item.need.status === "open" ? (
                  <Link to={`/needs/${item.need.slug}#questions`} className="link">
                    {item.need.title}
                  </Link>
                ) : (
                  <span>
                    {item.need.title} ({item.need.status})
                  </span>
                )}
              </p>
              <p className="mt-1 text-sm text-slate-700">
                Asked by {item.askerName ?? "(a deleted account)"}
                {item.askerOrganisation ? `, ${item.askerOrganisation}` : ""} on {formatDate(new Date(item.askedAt))}
                {item.anonymous ? " · shown to the public as “An innovator”" : " · name shown to the public"}
              </p>
              <p className="mt-2 font-semibold whitespace-pre-line break-words">{item.question}</p>
              {item.answer ? (
                <div className="mt-2 border-l-4 border-brand-700 pl-3">
                  <p className="text-sm text-slate-700">The commissioner answered{item.answeredAt ? ` on ${formatDate(new Date(item.answeredAt))}` : ""}:</p>
                  <p className="whitespace-pre-line break-words">{item.answer}</p>
                </div>
              ) : null}
              {item.status === "hidden" ? (
                <>
                  <p className="mt-2 text-sm">
                    Hidden{item.moderatorName ? ` by ${item.moderatorName}` : ""}
                    {item.moderationReason ? `: ${item.moderationReason}` : ""}
                  </p>
                  <RestoreForm questionId={item.id} view={view} lastResult={resultFor(item.id)} />
                </>
              ) : (
                <HideForm questionId={item.id} view={view} lastResult={resultFor(item.id)} />
              )}
            </li>
          ))}
        </ol>
      )}
      {questions.length >= BROKER_QUESTIONS_LIMIT ? <p className="mt-4 text-slate-700">Showing the newest {BROKER_QUESTIONS_LIMIT}.</p> : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
