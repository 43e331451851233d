// Clarification questions on a need: the "Questions and answers" section of the need's public
// page (answered questions, the innovator's own waiting ones, the "Ask a question" form) and
// the commissioner's list on their need screen (an answer form on each waiting question).
// Plain POST forms with conform: they work, and show the GOV.UK error summary, without JavaScript.
import { getFormProps, getInputProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { ANSWER_MAX, answerQuestionSchema, askQuestionSchema, charactersLeftText, needQuestionStatusLabels, QUESTION_MAX } from "../domain/need-questions";
import type { NeedQuestionStatus } from "../domain/vocabulary";
import { ErrorList, FormErrorSummary } from "./forms";
import { Badge } from "./tags";
import { Banner } from "./banner";
import { useSchemaForm } from "./form-hooks";
import { ListOrEmpty } from "./list-or-empty";
import { PendingButton } from "./pending-button";
import type { OwnerQuestion } from "../models/need-questions.server";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const formatDay = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : "");

/**
 * A textarea with a GOV.UK-style character count: the limit in the hint (so it is there without
 * JavaScript), and with JavaScript the characters left as you type. No maxlength: a long text is
 * refused by the server with a field error, never cut short silently.
 */
function CountedTextarea({ label, hint, field, max, rows = 5 }: { label: string; hint?: string; field: FieldMetadata<string>; max: number; rows?: number }) {
  const initial = typeof field.initialValue === "string" ? field.initialValue : "";
  const [length, setLength] = useState(initial.length);
  const [typed, setTyped] = useState(false);
  const hintId = `${field.id}-hint`;
  const countId = `${field.id}-count`;
  const over = length > max;
  const { maxLength: _ignored, ...props } = getTextareaProps(field, { ariaDescribedBy: `${hintId} ${countId}` });
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="block font-semibold">
        {label}
      </label>
      <p id={hintId} className="text-sm text-slate-700">
        {hint ? `${hint} ` : ""}You can enter up to {max.toLocaleString("en-GB")} characters.
      </p>
      <ErrorList id={field.errorId} errors={field.errors} />
      <textarea
        {...props}
        rows={rows}
        onChange={(event) => {
          setLength(event.currentTarget.value.length);
          setTyped(true);
        }}
        className={`mt-1 w-full max-w-2xl rounded border-2 bg-white px-3 py-2 ${field.errors?.length || over ? "border-red-700" : "border-slate-700"}`}
      />
      <p id={countId} className={`text-sm ${over ? "font-semibold text-red-800" : "text-slate-700"}`} aria-live={typed ? "polite" : undefined}>
        {typed || initial ? charactersLeftText(length, max) : ""}
      </p>
    </div>
  );
}

/** A question, with who asked it, and what follows it (its answer, or the form to answer it). */
function QuestionCard({
  question,
  byline,
  className,
  children,
}: {
  question: { id: number; question: string };
  byline: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <li id={`question-${question.id}`} className={className}>
      <p className="text-sm text-slate-700">{byline}</p>
      <p className="mt-1 font-semibold whitespace-pre-line break-words">{question.question}</p>
      {children}
    </li>
  );
}

// ---------------------------------------------------------------------------------------
// The need's public page

export type PublicQuestionsProps = {
  needSlug: string;
  answered: { id: number; question: string; answer: string; answeredAt: string | null; asker: string; mine: boolean }[];
  mine: { id: number; question: string; status: NeedQuestionStatus; askedAt: string; moderationReason: string | null }[];
  viewer: "public" | "innovator" | "owner" | "other";
  asked: boolean;
  lastResult?: SubmissionResult<string[]> | null;
};

export function NeedQuestionsSection({ needSlug, answered, mine, viewer, asked, lastResult }: PublicQuestionsProps) {
  return (
    <section id="questions" aria-labelledby="questions-heading" className="mt-8 max-w-3xl">
      <h2 id="questions-heading" className="text-xl font-semibold">
        Questions and answers
      </h2>
      {asked && !lastResult ? (
        <Banner tone="success" className="mt-3 p-3">
          <p className="font-semibold">Your question has been sent to the commissioner</p>
          <p>Their answer will appear on this page, and you will be told when it does.</p>
        </Banner>
      ) : null}
      <ListOrEmpty items={answered} ordered empty={<p className="mt-2 text-slate-700">No questions have been answered yet.</p>} className="mt-3 space-y-4">
        {(item) => (
          <QuestionCard
            key={item.id}
            question={item}
            byline={`Asked by ${item.asker}${item.mine ? " (your question)" : ""}`}
            className="rounded border border-slate-300 p-4"
          >
            <div className="mt-3 border-l-4 border-brand-700 pl-3">
              <p className="text-sm text-slate-700">The commissioner answered{item.answeredAt ? ` on ${formatDay(item.answeredAt)}` : ""}:</p>
              <p className="mt-1 whitespace-pre-line break-words">{item.answer}</p>
            </div>
          </QuestionCard>
        )}
      </ListOrEmpty>
      {mine.length ? (
        <div className="mt-6">
          <h3 className="text-lg font-semibold">Your questions not yet public</h3>
          <ul className="mt-2 space-y-3">
            {mine.map((item) => (
              <li key={item.id} className="rounded bg-slate-50 p-3">
                <p className="whitespace-pre-line break-words">{item.question}</p>
                <p className="mt-1 text-sm">
                  {item.status === "hidden" ? (
                    <>
                      <Badge tone="amber">{needQuestionStatusLabels.hidden}</Badge>{" "}
                      {item.moderationReason ? <span>Reason: {item.moderationReason}</span> : null}
                    </>
                  ) : (
                    <>
                      <Badge tone="slate">Waiting for an answer</Badge> <span className="text-slate-700">asked on {formatDay(item.askedAt)}</span>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {viewer === "innovator" ? (
        // Keyed by how many questions the viewer has asked here: after a question is sent (a
        // redirect back to this page) the form starts empty again, the name box unticked.
        <AskQuestionForm key={mine.length + answered.filter((item) => item.mine).length} needSlug={needSlug} lastResult={lastResult ?? undefined} />
      ) : null}
      {viewer === "public" ? (
        <p className="mt-4">
          <Link to={`/signin?${new URLSearchParams({ redirectTo: `/needs/${needSlug}` })}`} className="font-semibold link">
            Sign in to ask a question
          </Link>{" "}
          (innovators can ask the commissioner about this need).
        </p>
      ) : null}
      {viewer === "owner" ? (
        <p className="mt-4">
          You posted this need: answer its questions from{" "}
          <Link to={`/my/needs/${needSlug}#questions`} className="link">
            your need's page
          </Link>
          .
        </p>
      ) : null}
    </section>
  );
}

function AskQuestionForm({ needSlug, lastResult }: { needSlug: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useSchemaForm(askQuestionSchema, { id: "ask-question", lastResult });
  return (
    <div className="mt-6 rounded border border-slate-300 bg-slate-50 p-4">
      <h3 className="text-lg font-semibold">Ask a question</h3>
      <p className="mt-1 text-slate-700">Ask the commissioner something the need does not say. Their answer will be public on this page.</p>
      <Form method="post" action={`/needs/${needSlug}`} {...getFormProps(form)} className="mt-3">
        <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
        <input type="hidden" name="intent" value="ask-question" />
        <CountedTextarea label="Your question" field={fields.question} max={QUESTION_MAX} />
        <div className="mb-4">
          <div className="flex items-start gap-2">
            <input {...getInputProps(fields.showName, { type: "checkbox", ariaDescribedBy: `${fields.showName.id}-hint` })} className="mt-1 size-4" />
            <label htmlFor={fields.showName.id}>Show my name with the question</label>
          </div>
          <p id={`${fields.showName.id}-hint`} className="ml-6 text-sm text-slate-700">
            If you leave this unticked, the commissioner and the public see “An innovator”. Brokers, who moderate questions, can see who asked.
          </p>
        </div>
        <PendingButton pendingWhen={{ intent: "ask-question" }} pendingLabel="Sending…">
          Send your question
        </PendingButton>
      </Form>
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// The commissioner's need screen

export type OwnerQuestionsProps = {
  needSlug: string;
  questions: OwnerQuestion[];
  answeredId: number | null;
  /** The failed answer, for the form of the question it was for. */
  lastAnswer?: { questionId: string; result: SubmissionResult<string[]> } | null;
};

export function OwnerQuestionsSection({ needSlug, questions, answeredId, lastAnswer }: OwnerQuestionsProps) {
  const waiting = questions.filter((item) => item.status === "open");
  const answered = questions.filter((item) => item.status === "answered");
  const hidden = questions.filter((item) => item.status === "hidden");
  const justAnswered = answeredId && !lastAnswer ? questions.find((item) => item.id === answeredId && item.status === "answered") : null;
  return (
    <section id="questions" aria-labelledby="questions-heading" className="mt-10">
      <h2 id="questions-heading" className="text-2xl font-semibold">
        Questions from innovators
      </h2>
      <p className="mt-1 max-w-3xl text-slate-700">
        Answers are published on{" "}
        <Link to={`/needs/${needSlug}#questions`} className="link">
          the need's public page
        </Link>{" "}
        as soon as you send them, with the question. Brokers may hide a question that breaks the exchange's rules.
      </p>
      {justAnswered ? (
        <Banner tone="success">
          <p className="font-semibold">Your answer is published on the need's page</p>
          <p>The person who asked has been told.</p>
        </Banner>
      ) : null}
      <h3 className="mt-6 text-lg font-semibold">
        {waiting.length} {waiting.length === 1 ? "question" : "questions"} waiting for an answer
      </h3>
      <ListOrEmpty items={waiting} empty={<p className="mt-2 text-slate-700">No questions are waiting for you.</p>} className="mt-2 space-y-4">
        {(item) => (
          <QuestionCard
            key={item.id}
            question={item}
            byline={`Asked by ${item.asker} on ${formatDay(item.askedAt)}`}
            className="max-w-3xl rounded border border-slate-300 p-4"
          >
            <AnswerForm
              needSlug={needSlug}
              questionId={item.id}
              lastResult={lastAnswer && lastAnswer.questionId === String(item.id) ? lastAnswer.result : undefined}
            />
          </QuestionCard>
        )}
      </ListOrEmpty>
      {answered.length ? (
        <>
          <h3 className="mt-6 text-lg font-semibold">Answered</h3>
          <ul className="mt-2 space-y-3">
            {answered.map((item) => (
              <QuestionCard key={item.id} question={item} byline={`Asked by ${item.asker}`} className="max-w-3xl rounded bg-slate-50 p-3">
                <p className="mt-2 text-sm text-slate-700">You answered on {formatDay(item.answeredAt)}:</p>
                <p className="whitespace-pre-line break-words">{item.answer}</p>
              </QuestionCard>
            ))}
          </ul>
        </>
      ) : null}
      {hidden.length ? (
        <>
          <h3 className="mt-6 text-lg font-semibold">Hidden by a broker</h3>
          <ul className="mt-2 space-y-3">
            {hidden.map((item) => (
              <li key={item.id} className="max-w-3xl rounded bg-slate-50 p-3">
                <p className="whitespace-pre-line break-words">{item.question}</p>
                {item.moderationReason ? <p className="mt-1 text-sm">The broker's reason: {item.moderationReason}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function AnswerForm({ needSlug, questionId, lastResult }: { needSlug: string; questionId: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useSchemaForm(answerQuestionSchema, { id: `answer-${questionId}`, lastResult });
  return (
    <Form method="post" action={`/my/needs/${needSlug}`} {...getFormProps(form)} className="mt-3">
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <input type="hidden" name="intent" value="answer-question" />
      <input type="hidden" name="questionId" value={questionId} />
      <CountedTextarea label="Your answer" hint="It will be public, with the question." field={fields.answer} max={ANSWER_MAX} rows={4} />
      <PendingButton pendingWhen={{ questionId: String(questionId) }} pendingLabel="Publishing…">
        Publish your answer
        <span className="sr-only"> to question {questionId}</span>
      </PendingButton>
    </Form>
  );
}
