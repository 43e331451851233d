import { describe, expect, it } from "vitest";
import {
  ANONYMOUS_ASKER,
  answerQuestionSchema,
  askerLabel,
  askQuestionSchema,
  charactersLeftText,
  mayAnswer,
  moderateQuestionSchema,
  parseBrokerQuestionView,
  QUESTION_MAX,
  restoredStatus,
} from "../../app/domain/need-questions";

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe("the ask-a-question form", () => {
  it("accepts a question, trimmed, anonymous unless the box is ticked", () => {
    const parsed = askQuestionSchema.parse({ intent: "ask-question", question: "  Is the budget per year?  " });
    expect(parsed).toEqual({ intent: "ask-question", question: "Is the budget per year?" });
    expect(askQuestionSchema.parse({ intent: "ask-question", question: "Who runs it?", showName: true }).showName).toBe(true);
  });

  it("refuses an empty or blank question with a clear message", () => {
    expect(issues(askQuestionSchema.safeParse({ intent: "ask-question", question: "" }))).toEqual({ question: "Enter your question" });
    expect(issues(askQuestionSchema.safeParse({ intent: "ask-question", question: "   \n " }))).toEqual({ question: "Enter your question" });
    expect(issues(askQuestionSchema.safeParse({ intent: "ask-question" }))).toEqual({ question: "Enter your question" });
  });

  it("refuses a question over the limit, and takes one exactly at it", () => {
    expect(issues(askQuestionSchema.safeParse({ intent: "ask-question", question: "x".repeat(QUESTION_MAX + 1) }))).toEqual({
      question: "Your question must be 1,000 characters or fewer",
    });
    expect(askQuestionSchema.safeParse({ intent: "ask-question", question: "x".repeat(QUESTION_MAX) }).success).toBe(true);
  });
});

describe("the answer and moderation forms", () => {
  it("needs an answer and a question id", () => {
    expect(answerQuestionSchema.parse({ intent: "answer-question", questionId: "12", answer: " Yes. " })).toEqual({
      intent: "answer-question",
      questionId: 12,
      answer: "Yes.",
    });
    expect(Object.keys(issues(answerQuestionSchema.safeParse({ intent: "answer-question", questionId: "x", answer: "" })))).toEqual(["questionId", "answer"]);
  });

  it("needs a reason to hide, none to restore", () => {
    expect(issues(moderateQuestionSchema.safeParse({ intent: "hide-question", questionId: "3", reason: " " }))).toEqual({
      reason: "Give a reason: the person who asked will see it",
    });
    expect(moderateQuestionSchema.parse({ intent: "restore-question", questionId: "3" })).toEqual({ intent: "restore-question", questionId: 3 });
    expect(moderateQuestionSchema.safeParse({ intent: "delete-question", questionId: "3" }).success).toBe(false);
  });
});

describe("how the asker is named", () => {
  it("hides the name and organisation of an anonymous asker", () => {
    expect(askerLabel({ anonymous: true, name: "Ines Innovator", organisation: "Bromley by Bow Centre" })).toBe(ANONYMOUS_ASKER);
  });
  it("shows the name, and the organisation when there is one, when the asker chose to", () => {
    expect(askerLabel({ anonymous: false, name: "Ines Innovator", organisation: "Bromley by Bow Centre" })).toBe("Ines Innovator, Bromley by Bow Centre");
    expect(askerLabel({ anonymous: false, name: "Ines Innovator", organisation: null })).toBe("Ines Innovator");
  });
  it("falls back to the anonymous label when the account is gone", () => {
    expect(askerLabel({ anonymous: false, name: null, organisation: null })).toBe(ANONYMOUS_ASKER);
  });
});

describe("rules", () => {
  it("restores a hidden question to answered when it has an answer, otherwise to waiting", () => {
    expect(restoredStatus({ answer: "Yes" })).toBe("answered");
    expect(restoredStatus({ answer: null })).toBe("open");
  });

  it("lets only the need's commissioner, or an admin, answer", () => {
    const need = { ownerId: "c1" };
    expect(mayAnswer({ id: "c1", role: "commissioner" }, need)).toBe(true);
    expect(mayAnswer({ id: "c2", role: "commissioner" }, need)).toBe(false);
    expect(mayAnswer({ id: "a1", role: "admin" }, need)).toBe(true);
    expect(mayAnswer({ id: "c1", role: "broker" }, need)).toBe(false);
    expect(mayAnswer({ id: "i1", role: "innovator" }, { ownerId: null })).toBe(false);
  });

  it("counts characters as the GOV.UK character count does", () => {
    expect(charactersLeftText(0, 1000)).toBe("You have 1,000 characters remaining");
    expect(charactersLeftText(999, 1000)).toBe("You have 1 character remaining");
    expect(charactersLeftText(1001, 1000)).toBe("You have 1 character too many");
    expect(charactersLeftText(1010, 1000)).toBe("You have 10 characters too many");
  });

  it("falls back to all questions on an unknown view", () => {
    expect(parseBrokerQuestionView(new URLSearchParams("view=hidden"))).toBe("hidden");
    expect(parseBrokerQuestionView(new URLSearchParams("view=bogus"))).toBe("all");
  });
});
