// The route side of clarification questions on a need, kept out of the two route modules they
// serve (the need's public page asks, the commissioner's need screen answers) so those stay
// small: loader data, and the action for each form, with the role checks done on the server.
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import type { User } from "lucia";
import type { NeedRow } from "../../db/schema";
import { answerQuestionSchema, askQuestionSchema } from "../domain/need-questions";
import { answerQuestion, askQuestion, listOwnPendingQuestions, listPublicQuestions, listQuestionsForOwner } from "../models/need-questions.server";
import { getExchange } from "./exchange.server";
import { ConflictError, domainErrorResponse } from "../models/errors.server";

/** The "Questions and answers" section of an open need's public page. */
export function publicQuestionsData(need: Pick<NeedRow, "id" | "ownerId">, user: User | null, searchParams: URLSearchParams) {
  const { db } = getExchange();
  return {
    answered: listPublicQuestions(db, need.id, user?.id),
    mine: user?.role === "innovator" ? listOwnPendingQuestions(db, need.id, user.id) : [],
    viewer: !user
      ? ("public" as const)
      : user.role === "innovator"
        ? ("innovator" as const)
        : need.ownerId === user.id
          ? ("owner" as const)
          : ("other" as const),
    asked: searchParams.get("asked") === "1",
  };
}
export type PublicQuestionsData = ReturnType<typeof publicQuestionsData>;

/**
 * "Ask a question" on the need's public page (intent ask-question). The caller has checked the
 * visitor is a signed-in innovator; the model checks again and that the need is open.
 */
export function askQuestionAction(user: User, needSlug: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: askQuestionSchema });
  if (submission.status !== "success") return json({ askQuestion: submission.reply() }, { status: 400 });
  try {
    askQuestion(getExchange().db, { id: user.id, role: user.role }, needSlug, submission.value);
  } catch (error) {
    if (error instanceof ConflictError) return json({ askQuestion: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    throw domainErrorResponse(error);
  }
  return redirect(`/needs/${encodeURIComponent(needSlug)}?asked=1#questions`);
}

/** Every question on the commissioner's own need, for their need screen. */
export function ownerQuestionsData(need: Pick<NeedRow, "id">, searchParams: URLSearchParams) {
  const answered = Number(searchParams.get("answered"));
  return { questions: listQuestionsForOwner(getExchange().db, need.id), answeredId: Number.isSafeInteger(answered) && answered > 0 ? answered : null };
}
export type OwnerQuestionsData = ReturnType<typeof ownerQuestionsData>;

/**
 * The commissioner answers one question of their need (intent answer-question). The caller has
 * loaded the need as the user's own; the model checks the question belongs to it and that the
 * user may answer (its owner, or an admin).
 */
export function answerQuestionAction(user: User, need: Pick<NeedRow, "id" | "slug">, formData: FormData) {
  const raw = formData.get("questionId");
  const questionId = typeof raw === "string" ? raw.slice(0, 20) : "";
  const submission = parseWithZod(formData, { schema: answerQuestionSchema });
  if (submission.status !== "success") return json({ answerQuestion: { questionId, result: submission.reply() } }, { status: 400 });
  try {
    answerQuestion(getExchange().db, { id: user.id, role: user.role }, submission.value.questionId, submission.value.answer, { needId: need.id });
  } catch (error) {
    if (error instanceof ConflictError)
      return json({ answerQuestion: { questionId, result: submission.reply({ formErrors: [error.message] }) } }, { status: 409 });
    throw domainErrorResponse(error, { 404: "There is no such question on this need." });
  }
  return redirect(`/my/needs/${encodeURIComponent(need.slug)}?answered=${submission.value.questionId}#questions`);
}
