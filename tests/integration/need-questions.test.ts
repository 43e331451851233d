// Clarification questions on a need, on a real database through the route modules: an
// innovator asks on the need's public page (anonymous by default), the need's commissioner
// answers from their need screen (published at once, the asker told), brokers hide and restore;
// each refused request (wrong role, another commissioner's need, bad input) stores nothing.
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, needQuestions, needs, notifications } from "../../db/schema";
import { QUESTION_MAX } from "../../app/domain/need-questions";
import { answerQuestion, askQuestion, hideQuestion, listPublicQuestions, listQuestionsForBrokers } from "../../app/models/need-questions.server";
import { importNeeds } from "../../app/models/exchange-import.server";
import { need, needItems } from "./helpers";
import { buildRequest, importRoute, openHarness, type Harness, type RouteModule, type Visitor } from "./route-harness";
import { ConflictError, NotAllowedError, NotFoundError } from "../../app/models/errors.server";

let harness: Harness;
let publicPage: RouteModule;
let ownerPage: RouteModule;
let brokerPage: RouteModule;

const needSlug = "open-need";
const otherNeedSlug = "someone-elses-open-need";
let needId: number;
let otherNeedId: number;

beforeAll(async () => {
  harness = await openHarness();
  [publicPage, ownerPage, brokerPage] = await Promise.all([
    importRoute("needs.$slug.tsx"),
    importRoute("my+/needs.$slug.tsx"),
    importRoute("broker+/questions.tsx"),
  ]);
  const { db } = harness.exchange;
  const { users } = harness.fixtures;
  importNeeds(db, needItems([need({ slug: otherNeedSlug, title: "Someone else's open need" })]));
  db.update(needs).set({ ownerId: users.commissioner.id }).where(eq(needs.slug, needSlug)).run();
  db.update(needs).set({ ownerId: users.otherCommissioner.id }).where(eq(needs.slug, otherNeedSlug)).run();
  needId = db.select({ id: needs.id }).from(needs).where(eq(needs.slug, needSlug)).get()!.id;
  otherNeedId = db.select({ id: needs.id }).from(needs).where(eq(needs.slug, otherNeedSlug)).get()!.id;
});

afterAll(async () => {
  await harness?.dispose();
});

async function call(
  kind: "loader" | "action",
  mod: RouteModule,
  visitor: Visitor,
  path: string,
  params: Record<string, string>,
  form?: Record<string, string>,
): Promise<Response> {
  const request = buildRequest(kind === "loader" ? "GET" : "POST", path, { cookie: await harness.cookieFor(visitor), form });
  try {
    return (await mod[kind]!({ request, params, context: { clientAddress: "192.0.2.10" } })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type Json = any;

const ask = (visitor: Visitor, form: Record<string, string>, slug = needSlug) =>
  call("action", publicPage, visitor, `/needs/${slug}`, { slug }, { intent: "ask-question", ...form });
const viewNeed = (visitor: Visitor, query = "") => call("loader", publicPage, visitor, `/needs/${needSlug}${query}`, { slug: needSlug });
const answer = (visitor: Visitor, slug: string, form: Record<string, string>) =>
  call("action", ownerPage, visitor, `/my/needs/${slug}`, { slug }, { intent: "answer-question", ...form });
const moderate = (visitor: Visitor, form: Record<string, string>) => call("action", brokerPage, visitor, "/broker/questions", {}, form);

const questionCount = () => harness.exchange.db.select({ n: count() }).from(needQuestions).get()!.n;
const questionRow = (id: number) => harness.exchange.db.select().from(needQuestions).where(eq(needQuestions.id, id)).get()!;
const notificationsOf = (userId: string) => harness.exchange.db.select().from(notifications).where(eq(notifications.userId, userId)).all();
const latestQuestionId = () => harness.exchange.db.select({ id: needQuestions.id }).from(needQuestions).orderBy(desc(needQuestions.id)).limit(1).get()!.id;

describe("asking a question on a need's page", () => {
  it("an innovator asks; it is stored anonymous by default, audited, and the commissioner is told in the site and by email", async () => {
    const { users } = harness.fixtures;
    const before = notificationsOf(users.commissioner.id).length;
    const response = await ask("innovator", { question: "  Is the budget for one year or for the whole pilot?  " });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/needs/${needSlug}?asked=1#questions`);
    const row = questionRow(latestQuestionId());
    expect(row).toMatchObject({
      needId,
      askerId: users.innovator.id,
      anonymous: true,
      status: "open",
      question: "Is the budget for one year or for the whole pilot?",
      answer: null,
    });
    const audit = harness.exchange.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.itemType, "need"), eq(auditLog.itemId, needId), eq(auditLog.action, "question-asked")))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(users.innovator.id);
    const told = notificationsOf(users.commissioner.id);
    expect(told).toHaveLength(before + 1);
    expect(told.at(-1)).toMatchObject({ title: "New question on your need “An open need”", link: `/my/needs/${needSlug}#questions` });
    const emails = harness.exchange.db.select().from(emailOutbox).where(eq(emailOutbox.userId, users.commissioner.id)).all();
    expect(emails.at(-1)?.body).toContain("Is the budget for one year");
  });

  it("shows the asker their own question as waiting for an answer, and the success banner after the redirect; nobody else sees it", async () => {
    const mine: Json = await (await viewNeed("innovator", "?asked=1")).json();
    expect(mine.questions.asked).toBe(true);
    expect(mine.questions.viewer).toBe("innovator");
    expect(mine.questions.mine.map((item: Json) => [item.question, item.status])).toEqual([["Is the budget for one year or for the whole pilot?", "open"]]);
    expect(mine.questions.answered).toEqual([]);
    const theirs: Json = await (await viewNeed("public")).json();
    expect(theirs.questions.viewer).toBe("public");
    expect(theirs.questions.mine).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain("whole pilot");
  });

  it("refuses an empty or too long question with a field error and stores nothing", async () => {
    const before = questionCount();
    for (const question of ["", "   ", "x".repeat(QUESTION_MAX + 1)]) {
      const response = await ask("innovator", { question });
      expect(response.status, JSON.stringify(question.slice(0, 5))).toBe(400);
      const data: Json = await response.json();
      expect(data.askQuestion.error.question[0]).toMatch(question.length > QUESTION_MAX ? /1,000 characters or fewer/ : /Enter your question/);
    }
    expect(questionCount()).toBe(before);
  });

  it("does not let the public, a commissioner or a broker ask, and stores nothing", async () => {
    const before = questionCount();
    const publicResponse = await ask("public", { question: "Can I ask without an account?" });
    expect(publicResponse.status).toBe(302);
    expect(publicResponse.headers.get("Location")).toMatch(/^\/signin\?redirectTo=%2Fneeds%2Fopen-need/);
    for (const visitor of ["commissioner", "broker", "admin"] as const) expect((await ask(visitor, { question: "May I ask?" })).status, visitor).toBe(403);
    expect(questionCount()).toBe(before);
    expect(() => askQuestion(harness.exchange.db, { id: harness.fixtures.users.broker.id, role: "broker" }, needSlug, { question: "Hm?" })).toThrow(
      NotAllowedError,
    );
  });

  it("takes questions only on open needs", async () => {
    const { db } = harness.exchange;
    const innovator = { id: harness.fixtures.users.innovator.id, role: "innovator" as const };
    const before = questionCount();
    // A draft is not public: not found. A closed need says so.
    expect((await ask("innovator", { question: "Still open?" }, harness.fixtures.ownNeedSlug)).status).toBe(404);
    expect(() => askQuestion(db, innovator, harness.fixtures.ownNeedSlug, { question: "Still open?" })).toThrow(NotFoundError);
    importNeeds(db, needItems([need({ slug: "closed-need", title: "A closed need" })]));
    db.update(needs).set({ status: "closed" }).where(eq(needs.slug, "closed-need")).run();
    expect(() => askQuestion(db, innovator, "closed-need", { question: "Still open?" })).toThrow(ConflictError);
    expect(questionCount()).toBe(before);
  });

  it("keeps putting an idea forward working beside the question form", async () => {
    const response = await call("action", publicPage, "innovator", `/needs/${needSlug}`, { slug: needSlug }, { intent: "put-forward", idea: "" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).errors.idea).toBe("Choose one of your published ideas");
  });
});

describe("answering", () => {
  let questionId: number;
  beforeAll(() => {
    questionId = latestQuestionId();
  });

  it("lists the waiting question, with an answer form, on the commissioner's need screen (the asker anonymous to them too)", async () => {
    const data: Json = await (await call("loader", ownerPage, "commissioner", `/my/needs/${needSlug}`, { slug: needSlug })).json();
    expect(data.questions.questions).toEqual([expect.objectContaining({ id: questionId, status: "open", asker: "An innovator" })]);
  });

  it("does not let the commissioner of another need answer, nor the commissioner answer through their own need a question on another", async () => {
    const other = await answer("commissioner", otherNeedSlug, { questionId: String(questionId), answer: "I am not its commissioner." });
    expect(other.status).toBe(403);
    // The other commissioner asks on their own screen for a question that is not on their need.
    const crossed = await answer("otherCommissioner" as Visitor, otherNeedSlug, { questionId: String(questionId), answer: "Sneaky." });
    expect(crossed.status).toBe(404);
    expect(() =>
      answerQuestion(harness.exchange.db, { id: harness.fixtures.users.otherCommissioner.id, role: "commissioner" }, questionId, "Not mine"),
    ).toThrow(NotAllowedError);
    for (const visitor of ["innovator", "broker", "public"] as const) {
      const response = await answer(visitor, needSlug, { questionId: String(questionId), answer: "Let me." });
      expect([302, 403], visitor).toContain(response.status);
      if (response.status === 302) expect(response.headers.get("Location"), visitor).toMatch(/^\/signin/);
    }
    expect(questionRow(questionId)).toMatchObject({ status: "open", answer: null });
  });

  it("refuses an empty answer with a field error for that question, and stores nothing", async () => {
    const response = await answer("commissioner", needSlug, { questionId: String(questionId), answer: " " });
    expect(response.status).toBe(400);
    const data: Json = await response.json();
    expect(data.answerQuestion.questionId).toBe(String(questionId));
    expect(data.answerQuestion.result.error.answer).toEqual(["Enter your answer"]);
    expect(questionRow(questionId)).toMatchObject({ status: "open", answer: null });
  });

  it("refuses a question of another need through the commissioner's own need screen", async () => {
    const foreign = askQuestion(harness.exchange.db, { id: harness.fixtures.users.otherInnovator.id, role: "innovator" }, otherNeedSlug, {
      question: "A question on the other need",
    });
    const response = await answer("commissioner", needSlug, { questionId: String(foreign.id), answer: "Not my need." });
    expect(response.status).toBe(404);
    expect(questionRow(foreign.id)).toMatchObject({ status: "open", answer: null });
  });

  it("the need's commissioner answers: published at once, audited, the asker told; a second answer is refused", async () => {
    const { users } = harness.fixtures;
    const response = await answer("commissioner", needSlug, { questionId: String(questionId), answer: "For the whole pilot: two years." });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/my/needs/${needSlug}?answered=${questionId}#questions`);
    expect(questionRow(questionId)).toMatchObject({ status: "answered", answer: "For the whole pilot: two years.", answeredById: users.commissioner.id });
    expect(questionRow(questionId).answeredAt).toBeInstanceOf(Date);
    expect(notificationsOf(users.innovator.id).at(-1)).toMatchObject({
      title: "Your question on “An open need” has been answered",
      link: `/needs/${needSlug}#questions`,
    });
    expect(
      harness.exchange.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.itemId, needId), eq(auditLog.action, "question-answered")))
        .all(),
    ).toHaveLength(1);
    const again = await answer("commissioner", needSlug, { questionId: String(questionId), answer: "Changed my mind." });
    expect(again.status).toBe(409);
    expect(questionRow(questionId).answer).toBe("For the whole pilot: two years.");
  });

  it("shows the answered question publicly, the asker anonymised, and never leaks their name or organisation", async () => {
    const data: Json = await (await viewNeed("public")).json();
    expect(data.questions.answered).toEqual([
      expect.objectContaining({
        id: questionId,
        question: "Is the budget for one year or for the whole pilot?",
        answer: "For the whole pilot: two years.",
        asker: "An innovator",
        mine: false,
      }),
    ]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("Shed Network");
    expect(text).not.toContain(harness.fixtures.users.innovator.id);
    const asker: Json = await (await viewNeed("innovator")).json();
    expect(asker.questions.answered[0].mine).toBe(true);
    expect(asker.questions.mine).toEqual([]);
  });

  it("names the asker and their organisation when they chose to show their name", async () => {
    expect((await ask("innovator", { question: "Can volunteers drive the minibus?", showName: "on" })).status).toBe(302);
    const id = latestQuestionId();
    expect(questionRow(id).anonymous).toBe(false);
    answerQuestion(harness.exchange.db, { id: harness.fixtures.users.commissioner.id, role: "commissioner" }, id, "Yes, with a MiDAS certificate.");
    const shown = listPublicQuestions(harness.exchange.db, needId).find((item) => item.id === id);
    expect(shown?.asker).toBe("innovator, Shed Network");
  });

  it("lets an admin answer through the model", () => {
    const { db } = harness.exchange;
    const question = askQuestion(db, { id: harness.fixtures.users.innovator.id, role: "innovator" }, otherNeedSlug, { question: "Does the admin see this?" });
    expect(answerQuestion(db, { id: harness.fixtures.users.admin.id, role: "admin" }, question.id, "Yes.").status).toBe("answered");
    expect(questionRow(question.id).needId).toBe(otherNeedId);
  });
});

describe("brokers moderating", () => {
  it("lists every question with who asked, whatever the public sees", async () => {
    const response = await call("loader", brokerPage, "broker", "/broker/questions?view=answered", {});
    const data: Json = await response.json();
    expect(data.view).toBe("answered");
    expect(data.questions.length).toBeGreaterThan(0);
    expect(data.questions.every((item: Json) => item.status === "answered")).toBe(true);
    const anonymous = data.questions.find((item: Json) => item.question === "Is the budget for one year or for the whole pilot?");
    expect(anonymous).toMatchObject({ anonymous: true, askerName: "innovator", askerOrganisation: "Shed Network" });
  });

  it("does not let innovators or commissioners hide a question", async () => {
    const id = harness.exchange.db
      .select({ id: needQuestions.id })
      .from(needQuestions)
      .where(eq(needQuestions.question, "Is the budget for one year or for the whole pilot?"))
      .get()!.id;
    for (const visitor of ["innovator", "commissioner"] as const)
      expect((await moderate(visitor, { intent: "hide-question", questionId: String(id), reason: "Mine now" })).status, visitor).toBe(403);
    expect(() => hideQuestion(harness.exchange.db, { id: harness.fixtures.users.commissioner.id, role: "commissioner" }, id, "No")).toThrow(NotAllowedError);
    expect(questionRow(id).status).toBe("answered");
  });

  it("needs a reason to hide, and stores nothing without one", async () => {
    const id = harness.exchange.db
      .select({ id: needQuestions.id })
      .from(needQuestions)
      .where(eq(needQuestions.question, "Is the budget for one year or for the whole pilot?"))
      .get()!.id;
    const response = await moderate("broker", { intent: "hide-question", questionId: String(id), reason: "" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).result.error.reason[0]).toMatch(/Give a reason/);
    expect(questionRow(id)).toMatchObject({ status: "answered", moderationReason: null });
  });

  it("a broker hides an answered question: gone from the public page, the asker told the reason; restoring brings it back", async () => {
    const { users } = harness.fixtures;
    const id = harness.exchange.db
      .select({ id: needQuestions.id })
      .from(needQuestions)
      .where(eq(needQuestions.question, "Is the budget for one year or for the whole pilot?"))
      .get()!.id;
    const response = await moderate("broker", { intent: "hide-question", questionId: String(id), reason: "It names a member of staff." });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/broker/questions?done=hidden#question-${id}`);
    expect(questionRow(id)).toMatchObject({ status: "hidden", moderationReason: "It names a member of staff.", moderatedById: users.broker.id });
    expect(notificationsOf(users.innovator.id).at(-1)).toMatchObject({ title: "A broker hid your question on “An open need”" });
    expect(notificationsOf(users.innovator.id).at(-1)?.body).toContain("It names a member of staff.");

    const publicView: Json = await (await viewNeed("public")).json();
    expect(publicView.questions.answered.map((item: Json) => item.id)).not.toContain(id);
    expect(JSON.stringify(publicView)).not.toContain("whole pilot");
    // The asker sees it hidden, with the reason.
    const askerView: Json = await (await viewNeed("innovator")).json();
    expect(askerView.questions.mine).toEqual([expect.objectContaining({ id, status: "hidden", moderationReason: "It names a member of staff." })]);
    expect((await moderate("broker", { intent: "hide-question", questionId: String(id), reason: "Again" })).status).toBe(409);

    expect((await moderate("admin", { intent: "restore-question", questionId: String(id) })).status).toBe(302);
    expect(questionRow(id)).toMatchObject({ status: "answered", moderationReason: null });
    const back: Json = await (await viewNeed("public")).json();
    expect(back.questions.answered.map((item: Json) => item.id)).toContain(id);
    const actions = harness.exchange.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.itemType, "need"), eq(auditLog.itemId, needId)))
      .all()
      .map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["question-asked", "question-answered", "question-hidden", "question-restored"]));
  });

  it("hides a waiting question too: the commissioner can no longer answer it, and it returns as waiting when restored", async () => {
    const { db } = harness.exchange;
    const { users } = harness.fixtures;
    const question = askQuestion(db, { id: users.innovator.id, role: "innovator" }, needSlug, { question: "Buy my product?" });
    expect((await moderate("broker", { intent: "hide-question", questionId: String(question.id), reason: "Advertising, not a question." })).status).toBe(302);
    const response = await answer("commissioner", needSlug, { questionId: String(question.id), answer: "No." });
    expect(response.status).toBe(409);
    expect(questionRow(question.id)).toMatchObject({ status: "hidden", answer: null });
    expect(listQuestionsForBrokers(db, "hidden").map((item) => item.id)).toContain(question.id);
    expect((await moderate("broker", { intent: "restore-question", questionId: String(question.id) })).status).toBe(302);
    expect(questionRow(question.id).status).toBe("open");
  });

  it("answers an unknown question with not found and a malformed form with 400, writing nothing", async () => {
    const before = questionCount();
    expect((await moderate("broker", { intent: "hide-question", questionId: "999999", reason: "Gone" })).status).toBe(404);
    expect((await moderate("broker", { intent: "restore-question", questionId: "abc" })).status).toBe(400);
    expect((await moderate("broker", {})).status).toBe(400);
    expect(questionCount()).toBe(before);
  });
});
