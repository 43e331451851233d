// Clarification questions on a need: innovators ask, the need's commissioner answers (the
// answer is public on the need's page), brokers hide or restore. The forms, the words and the
// small rules shared by the model, the routes, the components and the tests. Pure.
import { z } from "zod";
import type { NeedQuestionStatus } from "./vocabulary";
import { writtenText } from "./form-fields";

export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 3000;
export const MODERATION_REASON_MAX = 500;

/** What the public (and the commissioner) see in place of an asker who did not show their name. */
export const ANONYMOUS_ASKER = "An innovator";

export const needQuestionStatusLabels: Record<NeedQuestionStatus, string> = {
  open: "Waiting for an answer",
  answered: "Answered",
  hidden: "Hidden by a broker",
};

const questionId = z.coerce.number({ error: "That question was not understood: reload the page and try again" }).int().positive().max(Number.MAX_SAFE_INTEGER);

/** An innovator's question on a need's public page. */
export const askQuestionSchema = z.object({
  intent: z.literal("ask-question"),
  question: z
    .string({ error: "Enter your question" })
    .trim()
    .min(1, "Enter your question")
    .max(QUESTION_MAX, `Your question must be ${QUESTION_MAX.toLocaleString("en-GB")} characters or fewer`),
  /** Unticked (absent) by default: the question is shown as from "An innovator". */
  showName: z.boolean().optional(),
});
export type AskQuestionInput = z.output<typeof askQuestionSchema>;

/** The commissioner's answer to one question (published when saved). */
export const answerQuestionSchema = z.object({
  intent: z.literal("answer-question"),
  questionId,
  answer: z
    .string({ error: "Enter your answer" })
    .trim()
    .min(1, "Enter your answer")
    .max(ANSWER_MAX, `Your answer must be ${ANSWER_MAX.toLocaleString("en-GB")} characters or fewer`),
});

/** A broker hides a question (with a reason the asker sees) or restores it. */
export const moderateQuestionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("hide-question"),
    questionId,
    reason: writtenText("Give a reason: the person who asked will see it", "reason", MODERATION_REASON_MAX),
  }),
  z.object({ intent: z.literal("restore-question"), questionId }),
]);

/** How the asker is named on the public page: their name and organisation, or "An innovator". */
export function askerLabel(asker: { anonymous: boolean; name: string | null; organisation: string | null }): string {
  if (asker.anonymous || !asker.name) return ANONYMOUS_ASKER;
  return asker.organisation ? `${asker.name}, ${asker.organisation}` : asker.name;
}

/** Where a hidden question goes back to when a broker restores it. */
export function restoredStatus(question: { answer: string | null }): Exclude<NeedQuestionStatus, "hidden"> {
  return question.answer ? "answered" : "open";
}

/** Who may answer: the commissioner who owns the need, or an admin. */
export function mayAnswer(actor: { id: string; role: string }, need: { ownerId: string | null }): boolean {
  return actor.role === "admin" || (actor.role === "commissioner" && !!need.ownerId && need.ownerId === actor.id);
}

/** "You have 12 characters remaining" / "You have 3 characters too many", as the GOV.UK character count says it. */
export function charactersLeftText(length: number, max: number): string {
  const left = max - length;
  if (left >= 0) return `You have ${left.toLocaleString("en-GB")} ${left === 1 ? "character" : "characters"} remaining`;
  return `You have ${(-left).toLocaleString("en-GB")} ${left === -1 ? "character" : "characters"} too many`;
}

export const brokerQuestionViews = ["open", "answered", "hidden", "all"] as const;
export type BrokerQuestionView = (typeof brokerQuestionViews)[number];

export const brokerQuestionViewLabels: Record<BrokerQuestionView, string> = {
  open: "Waiting for an answer",
  answered: "Answered",
  hidden: "Hidden",
  all: "All",
};

/** Forgiving, like the other queues: an unknown view falls back to all questions. */
export function parseBrokerQuestionView(search: URLSearchParams): BrokerQuestionView {
  const view = search.get("view");
  return (brokerQuestionViews as readonly string[]).includes(view ?? "") ? (view as BrokerQuestionView) : "all";
}
