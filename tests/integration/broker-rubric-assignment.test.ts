// Issue 13, items 10, 11 and 6: the brokers' review rubric, assigning queue items and matches,
// and rejection confirmed on its own page. The models on a real database, and the routes
// called in-process as Remix calls them (a real Request with a real session cookie): who may
// call them, what they answer and what they changed.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { assignments, auditLog, emailOutbox, ideas, needs, notifications, reviewClaims, reviewScores, type UserRow } from "../../db/schema";
import type { Role } from "../../app/domain/vocabulary";
import { AssigneeError, assignItem, getAssignment } from "../../app/models/assignments.server";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { applyMatchAction, proposeMatch } from "../../app/models/match-workflow.server";
import { latestReviewScore, saveReviewScore, ScoreValidationError } from "../../app/models/review-rubric.server";
import { claimItem, decideIdea, getClaim, releaseItem } from "../../app/models/review.server";
import { createUser } from "../../app/models/users.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { startSession } from "../../app/utils/session.server";
import * as brokerItem from "../../app/routes/broker+/$itemType.$itemId";
import * as confirmReject from "../../app/routes/broker+/$itemType.$itemId_.confirm-reject";
import * as brokerQueue from "../../app/routes/broker+/_index";
import * as assignMatch from "../../app/routes/broker+/matches_.$id.assign";
import { countRows, idea, ideaItems, need, needItems, openTestExchange, type TestExchange } from "./helpers";
import { ConflictError, NotAllowedError } from "../../app/models/errors.server";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response> | Response;
type Person = "innovator" | "commissioner" | "broker" | "colleague" | "admin";

let exchange: TestExchange;
let db: ExchangeDb;
const people = {} as Record<Person, UserRow>;
const cookies = {} as Record<Person, string>;

async function call(handler: unknown, path: string, options: { as?: Person; form?: Record<string, string>; params?: Record<string, string> } = {}) {
  const headers = new Headers();
  if (options.as) headers.set("Cookie", cookies[options.as]);
  const request = new Request(`http://localhost${path}`, options.form ? { method: "POST", headers, body: new URLSearchParams(options.form) } : { headers });
  try {
    return await (handler as Handler)({ request, params: options.params ?? {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const json = async <T>(response: Response) => (await response.json()) as T;
let counter = 0;

function submitIdea(title = `Idea ${++counter}`): number {
  return db
    .insert(ideas)
    .values({
      slug: `rubric-${++counter}`,
      title,
      summary: "s",
      sectors: ["ageing"],
      diffusionModels: ["franchise"],
      status: "submitted",
      submittedAt: new Date(),
      ownerId: people.innovator.id,
    })
    .returning({ id: ideas.id })
    .get().id;
}

const itemParams = (id: number) => ({ itemType: "idea", itemId: String(id) });
const ideaScores = { evidence: "3", transferability: "4", costClarity: "2", diffusionFit: "4" };

function auditOf(itemType: "idea" | "match", itemId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.itemType, itemType), eq(auditLog.itemId, itemId)))
    .all();
}

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
  (globalThis as unknown as { __exchangeReady?: ExchangeContext }).__exchangeReady = exchange;
  const make = async (key: Person, role: Role) => {
    people[key] = await createUser(db, {
      email: `${key}@rubric.example`,
      password: "correct-horse-1",
      displayName: `${key[0].toUpperCase()}${key.slice(1)}`,
      role,
    });
    cookies[key] = (await startSession(people[key].id)).get("Set-Cookie")!.split(";")[0];
  };
  await make("innovator", "innovator");
  await make("commissioner", "commissioner");
  await make("broker", "broker");
  await make("colleague", "broker");
  await make("admin", "admin");
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("scoring with the rubric", () => {
  it("saves a scoring with its total and an audit entry, and the latest is the item's score", () => {
    const id = submitIdea();
    saveReviewScore(db, people.broker.id, "idea", id, { evidence: 1, transferability: 1, costClarity: 1, diffusionFit: 1 });
    const saved = saveReviewScore(db, people.colleague.id, "idea", id, { evidence: 3, transferability: 4, costClarity: 2, diffusionFit: 4 });
    expect(saved.total).toBe(13);
    expect(latestReviewScore(db, "idea", id)).toMatchObject({
      total: 13,
      brokerName: "Colleague",
      scores: { evidence: 3, transferability: 4, costClarity: 2, diffusionFit: 4 },
    });
    const scored = auditOf("idea", id).filter((entry) => entry.action === "scored");
    expect(scored).toHaveLength(2);
    expect(scored[1]).toMatchObject({
      actorId: people.colleague.id,
      after: { scores: { evidence: 3, transferability: 4, costClarity: 2, diffusionFit: 4 }, total: 13 },
    });
  });

  it("refuses scores that do not fit the rubric and saves nothing", () => {
    const id = submitIdea();
    const before = { scores: countRows(db, reviewScores), audit: countRows(db, auditLog) };
    expect(() => saveReviewScore(db, people.broker.id, "idea", id, { evidence: 5, transferability: 1, costClarity: 1, diffusionFit: 1 })).toThrow(
      ScoreValidationError,
    );
    expect(() => saveReviewScore(db, people.broker.id, "idea", id, { evidence: 1, transferability: 1, costClarity: 1 })).toThrow(
      /fit with the diffusion model/,
    );
    expect(() => saveReviewScore(db, people.broker.id, "idea", id, { problemClarity: 1, outcomeClarity: 1, budgetRoute: 1 })).toThrow(ScoreValidationError);
    expect({ scores: countRows(db, reviewScores), audit: countRows(db, auditLog) }).toEqual(before);
  });

  it("through the item page: saved, shown on the page and in the queue's Score column", async () => {
    const id = submitIdea("Scored through the page");
    const saved = await call(brokerItem.action, `/broker/idea/${id}`, { as: "broker", params: itemParams(id), form: { intent: "score", ...ideaScores } });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/broker/idea/${id}?done=scored`);
    const page = await json<{ score: { total: string; rows: { label: string; score: number }[] }; myScores: Record<string, number> }>(
      await call(brokerItem.loader, `/broker/idea/${id}`, { as: "broker", params: itemParams(id) }),
    );
    expect(page.score.total).toBe("13 / 16");
    expect(page.score.rows.map((row) => `${row.label} ${row.score}`)).toEqual([
      "Evidence 3",
      "Transferability 4",
      "Cost clarity 2",
      "Fit with the diffusion model 4",
    ]);
    expect(page.myScores).toEqual({ evidence: 3, transferability: 4, costClarity: 2, diffusionFit: 4 });
    const queue = await json<{ items: { itemId: number; title: string; score: string | null }[] }>(await call(brokerQueue.loader, "/broker", { as: "broker" }));
    expect(queue.items.find((item) => item.itemId === id)?.score).toBe("13 / 16");
    const unscored = submitIdea("Not scored yet");
    expect(
      (await json<{ items: { itemId: number; score: string | null }[] }>(await call(brokerQueue.loader, "/broker", { as: "broker" }))).items.find(
        (item) => item.itemId === unscored,
      )?.score,
    ).toBeNull();
  });

  it("answers bad scores with a field error for each criterion and saves nothing", async () => {
    const id = submitIdea();
    const before = countRows(db, reviewScores);
    const response = await call(brokerItem.action, `/broker/idea/${id}`, {
      as: "broker",
      params: itemParams(id),
      form: { intent: "score", evidence: "9", transferability: "x", costClarity: "2" },
    });
    expect(response.status).toBe(400);
    const body = await json<{ intent: string; result: { error: Record<string, string[]> } }>(response);
    expect(body.intent).toBe("score");
    expect(body.result.error).toEqual({
      evidence: ["Choose a score from 0 to 4 for evidence"],
      transferability: ["Choose a score from 0 to 4 for transferability"],
      diffusionFit: ["Choose a score from 0 to 4 for fit with the diffusion model"],
    });
    expect(countRows(db, reviewScores)).toBe(before);
  });

  it("lets only brokers and admins score: others are refused and nothing is saved", async () => {
    const id = submitIdea();
    const before = countRows(db, reviewScores);
    expect(
      (await call(brokerItem.action, `/broker/idea/${id}`, { params: itemParams(id), form: { intent: "score", ...ideaScores } })).headers.get("Location"),
    ).toMatch(/^\/signin/);
    for (const who of ["innovator", "commissioner"] as const) {
      expect(
        (await call(brokerItem.action, `/broker/idea/${id}`, { as: who, params: itemParams(id), form: { intent: "score", ...ideaScores } })).status,
        who,
      ).toBe(403);
    }
    expect(countRows(db, reviewScores)).toBe(before);
    expect(
      (await call(brokerItem.action, `/broker/idea/${id}`, { as: "admin", params: itemParams(id), form: { intent: "score", ...ideaScores } })).status,
    ).toBe(302);
  });
});

describe("assigning a queue item", () => {
  it("assigns to a colleague: the claim moves to them, it is audited, and they are told in the site and by email", async () => {
    const id = submitIdea("Assign me");
    claimItem(db, people.broker.id, "idea", id);
    const emails = countRows(db, emailOutbox);
    const response = await call(brokerItem.action, `/broker/idea/${id}`, {
      as: "broker",
      params: itemParams(id),
      form: { intent: "assign", assigneeId: people.colleague.id, note: "You know franchising" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/broker/idea/${id}?done=assigned`);
    expect(getAssignment(db, "idea", id)).toMatchObject({ assigneeId: people.colleague.id, assignedById: people.broker.id, note: "You know franchising" });
    expect(getClaim(db, "idea", id)?.brokerId).toBe(people.colleague.id);
    expect(auditOf("idea", id).at(-1)).toMatchObject({
      action: "assigned",
      actorId: people.broker.id,
      after: { assignedTo: "Colleague" },
      reason: "You know franchising",
    });
    const told = db.select().from(notifications).where(eq(notifications.userId, people.colleague.id)).all().at(-1);
    expect(told).toMatchObject({ title: "Assigned to you: Assign me", link: `/broker/idea/${id}` });
    expect(told?.body).toContain("You know franchising");
    expect(countRows(db, emailOutbox)).toBe(emails + 1);
    expect(db.select().from(emailOutbox).all().at(-1)).toMatchObject({
      userId: people.colleague.id,
      subject: "Innovation Exchange: Assigned to you: Assign me",
    });

    // The queue: an Assigned to column, and the colleague's "Assigned to me" view.
    type Queue = { items: { itemId: number; assignedTo: { name: string } | null; claimedBy: { name: string } | null }[]; summary: { assignedToMe: number } };
    const theirs = await json<Queue>(await call(brokerQueue.loader, "/broker?assigned=me", { as: "colleague" }));
    expect(theirs.items.map((item) => item.itemId)).toEqual([id]);
    expect(theirs.items[0]).toMatchObject({ assignedTo: { name: "Colleague" }, claimedBy: { name: "Colleague" } });
    expect(theirs.summary.assignedToMe).toBe(1);
    const mine = await json<Queue>(await call(brokerQueue.loader, "/broker?assigned=me", { as: "broker" }));
    expect(mine.items.map((item) => item.itemId)).not.toContain(id);
    const all = await json<Queue>(await call(brokerQueue.loader, "/broker", { as: "broker" }));
    expect(all.items.find((item) => item.itemId === id)?.assignedTo?.name).toBe("Colleague");
  });

  it("assigns to oneself without a notification", () => {
    const id = submitIdea();
    const before = countRows(db, notifications);
    assignItem(db, people.broker, { itemType: "idea", itemId: id, assigneeId: people.broker.id });
    expect(getClaim(db, "idea", id)?.brokerId).toBe(people.broker.id);
    expect(countRows(db, notifications)).toBe(before);
  });

  it("refuses an assignee who is not a broker, with a field error, and changes nothing", async () => {
    const id = submitIdea();
    for (const assigneeId of [people.innovator.id, people.commissioner.id, "no-such-user"]) {
      const response = await call(brokerItem.action, `/broker/idea/${id}`, { as: "broker", params: itemParams(id), form: { intent: "assign", assigneeId } });
      expect(response.status).toBe(400);
      const error = (await json<{ result: { error: Record<string, string[]> } }>(response)).result.error;
      expect(error.assigneeId[0]).toMatch(/is not a broker|Choose a broker/);
    }
    expect(() => assignItem(db, people.broker, { itemType: "idea", itemId: id, assigneeId: people.innovator.id })).toThrow(AssigneeError);
    expect(getAssignment(db, "idea", id)).toBeNull();
    expect(getClaim(db, "idea", id)).toBeNull();
    const empty = await call(brokerItem.action, `/broker/idea/${id}`, { as: "broker", params: itemParams(id), form: { intent: "assign", assigneeId: "" } });
    expect((await json<{ result: { error: Record<string, string[]> } }>(empty)).result.error).toEqual({ assigneeId: ["Choose who to assign it to"] });
  });

  it("lets only brokers and admins assign", async () => {
    const id = submitIdea();
    for (const who of ["innovator", "commissioner"] as const) {
      expect(
        (await call(brokerItem.action, `/broker/idea/${id}`, { as: who, params: itemParams(id), form: { intent: "assign", assigneeId: people.broker.id } }))
          .status,
      ).toBe(403);
    }
    expect(
      (await call(brokerItem.action, `/broker/idea/${id}`, { params: itemParams(id), form: { intent: "assign", assigneeId: people.broker.id } })).headers.get(
        "Location",
      ),
    ).toMatch(/^\/signin/);
    expect(() => assignItem(db, people.innovator, { itemType: "idea", itemId: id, assigneeId: people.broker.id })).toThrow(NotAllowedError);
    expect(getAssignment(db, "idea", id)).toBeNull();
  });

  it("an item another broker has claimed is reassigned only by them or an admin", async () => {
    const id = submitIdea();
    claimItem(db, people.colleague.id, "idea", id);
    const blocked = await call(brokerItem.action, `/broker/idea/${id}`, {
      as: "broker",
      params: itemParams(id),
      form: { intent: "assign", assigneeId: people.broker.id },
    });
    expect(blocked.status).toBe(409);
    expect(getClaim(db, "idea", id)?.brokerId).toBe(people.colleague.id);
    assignItem(db, people.admin, { itemType: "idea", itemId: id, assigneeId: people.broker.id });
    expect(getClaim(db, "idea", id)?.brokerId).toBe(people.broker.id);
    expect(auditOf("idea", id).at(-1)).toMatchObject({ action: "assigned", before: null, after: { assignedTo: "Broker" } });
  });

  it("ends with the claim: releasing it or deciding the item drops the assignment", () => {
    const released = submitIdea();
    assignItem(db, people.broker, { itemType: "idea", itemId: released, assigneeId: people.colleague.id });
    releaseItem(db, people.colleague.id, "idea", released);
    expect(getAssignment(db, "idea", released)).toBeNull();
    const decided = submitIdea();
    assignItem(db, people.broker, { itemType: "idea", itemId: decided, assigneeId: people.colleague.id });
    decideIdea(db, people.colleague.id, decided, { decision: "request-changes", reason: "Add costs" });
    expect(getAssignment(db, "idea", decided)).toBeNull();
    expect(() => assignItem(db, people.broker, { itemType: "idea", itemId: decided, assigneeId: people.colleague.id })).toThrow(ConflictError);
  });
});

describe("assigning a match", () => {
  let matchId = 0;
  let closedMatchId = 0;

  beforeAll(() => {
    importIdeas(
      db,
      ideaItems([
        idea({ slug: "assign-idea", title: "Shed network", sectors: ["ageing"] }),
        idea({ slug: "assign-idea-2", title: "Repair cafes", sectors: ["ageing"] }),
      ]),
    );
    importNeeds(db, needItems([need({ slug: "assign-need", title: "Lonely older men", sectors: ["ageing"] })]));
    const ideaId = (slug: string) => db.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, slug)).get()!.id;
    const needId = db.select({ id: needs.id }).from(needs).where(eq(needs.slug, "assign-need")).get()!.id;
    matchId = proposeMatch(db, people.broker, { needId, ideaId: ideaId("assign-idea") }).match.id;
    closedMatchId = proposeMatch(db, people.broker, { needId, ideaId: ideaId("assign-idea-2") }).match.id;
    applyMatchAction(db, people.broker, closedMatchId, { action: "decline", text: "Not a fit" });
  });

  it("assigns through its page, tells the assignee, and lists it under their Assigned to me", async () => {
    const page = await json<{ title: string; assignment: null; assignees: { value: string; label: string }[] }>(
      await call(assignMatch.loader, `/broker/matches/${matchId}/assign`, { as: "broker", params: { id: String(matchId) } }),
    );
    expect(page.title).toBe("Shed network for Lonely older men");
    expect(page.assignment).toBeNull();
    expect(page.assignees[0]).toEqual({ value: people.broker.id, label: "Me (Broker)" });
    expect(page.assignees.map((option) => option.label)).toEqual(["Me (Broker)", "Admin", "Colleague"]);

    const response = await call(assignMatch.action, `/broker/matches/${matchId}/assign`, {
      as: "broker",
      params: { id: String(matchId) },
      form: { intent: "assign", assigneeId: people.colleague.id, note: "Chase the council" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/broker/matches/${matchId}/assign?done=assigned`);
    expect(getAssignment(db, "match", matchId)).toMatchObject({ assigneeId: people.colleague.id, note: "Chase the council" });
    expect(auditOf("match", matchId).at(-1)).toMatchObject({ action: "assigned", after: { assignedTo: "Colleague" } });
    expect(db.select().from(notifications).where(eq(notifications.userId, people.colleague.id)).all().at(-1)).toMatchObject({
      title: "Assigned to you: Shed network for Lonely older men",
      link: `/matches/${matchId}`,
    });
    const view = await json<{ assignedMatches: { id: number; note: string }[] }>(await call(brokerQueue.loader, "/broker?assigned=me", { as: "colleague" }));
    expect(view.assignedMatches).toMatchObject([{ id: matchId, note: "Chase the council" }]);
    // No match claims exist.
    expect(
      db
        .select()
        .from(reviewClaims)
        .all()
        .some((claim) => (claim.itemType as string) === "match"),
    ).toBe(false);
  });

  it("refuses a declined match, a non-broker assignee and non-brokers", async () => {
    const declined = await call(assignMatch.action, `/broker/matches/${closedMatchId}/assign`, {
      as: "broker",
      params: { id: String(closedMatchId) },
      form: { intent: "assign", assigneeId: people.colleague.id },
    });
    expect(declined.status).toBe(409);
    const notBroker = await call(assignMatch.action, `/broker/matches/${matchId}/assign`, {
      as: "broker",
      params: { id: String(matchId) },
      form: { intent: "assign", assigneeId: people.commissioner.id },
    });
    expect(notBroker.status).toBe(400);
    expect((await json<{ result: { error: Record<string, string[]> } }>(notBroker)).result.error.assigneeId).toEqual([
      "Commissioner is not a broker: only brokers and admins can be assigned work",
    ]);
    for (const who of ["innovator", "commissioner"] as const) {
      expect((await call(assignMatch.loader, `/broker/matches/${matchId}/assign`, { as: who, params: { id: String(matchId) } })).status).toBe(403);
      expect(
        (
          await call(assignMatch.action, `/broker/matches/${matchId}/assign`, {
            as: who,
            params: { id: String(matchId) },
            form: { intent: "assign", assigneeId: people.broker.id },
          })
        ).status,
      ).toBe(403);
    }
    expect((await call(assignMatch.loader, `/broker/matches/999999/assign`, { as: "broker", params: { id: "999999" } })).status).toBe(404);
    expect(getAssignment(db, "match", matchId)?.assigneeId).toBe(people.colleague.id);
    expect(getAssignment(db, "match", closedMatchId)).toBeNull();
  });
});

describe("rejecting only after confirmation", () => {
  const ideaStatus = (id: number) => db.select({ status: ideas.status, reviewReason: ideas.reviewReason }).from(ideas).where(eq(ideas.id, id)).get();

  it("sends a valid rejection to its confirmation page, changing nothing until Yes, reject", async () => {
    const id = submitIdea("Reject me");
    const decided = await call(brokerItem.action, `/broker/idea/${id}`, {
      as: "broker",
      params: itemParams(id),
      form: { intent: "decide", decision: "reject", reason: "Not a public service" },
    });
    expect(decided.status).toBe(302);
    expect(decided.headers.get("Location")).toBe(`/broker/idea/${id}/confirm-reject?reason=Not+a+public+service`);
    expect(ideaStatus(id)).toEqual({ status: "submitted", reviewReason: null });

    const page = await json<{ title: string; reason: string; blocked: string | null }>(
      await call(confirmReject.loader, `/broker/idea/${id}/confirm-reject?reason=Not+a+public+service`, { as: "broker", params: itemParams(id) }),
    );
    expect(page).toMatchObject({ title: "Reject me", reason: "Not a public service", blocked: null });
    expect(ideaStatus(id)?.status).toBe("submitted");

    const confirmed = await call(confirmReject.action, `/broker/idea/${id}/confirm-reject`, {
      as: "broker",
      params: itemParams(id),
      form: { reason: "Not a public service" },
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`/broker/idea/${id}?decided=reject`);
    expect(ideaStatus(id)).toEqual({ status: "archived", reviewReason: "Not a public service" });
  });

  it("keeps publish and request changes one step", async () => {
    const id = submitIdea();
    const decided = await call(brokerItem.action, `/broker/idea/${id}`, {
      as: "broker",
      params: itemParams(id),
      form: { intent: "decide", decision: "request-changes", reason: "Add costs" },
    });
    expect(decided.headers.get("Location")).toBe(`/broker/idea/${id}?decided=request-changes`);
    expect(ideaStatus(id)?.status).toBe("draft");
  });

  it("sends a confirmation page without a reason back to the item, and refuses a reasonless rejection", async () => {
    const id = submitIdea();
    const page = await call(confirmReject.loader, `/broker/idea/${id}/confirm-reject`, { as: "broker", params: itemParams(id) });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/broker/idea/${id}`);
    const confirmed = await call(confirmReject.action, `/broker/idea/${id}/confirm-reject`, { as: "broker", params: itemParams(id), form: { reason: "  " } });
    expect(confirmed.status).toBe(400);
    expect(ideaStatus(id)?.status).toBe("submitted");
  });

  it("does not let another broker reject an item someone has claimed, nor anyone but brokers", async () => {
    const id = submitIdea();
    claimItem(db, people.colleague.id, "idea", id);
    const early = await call(brokerItem.action, `/broker/idea/${id}`, {
      as: "broker",
      params: itemParams(id),
      form: { intent: "decide", decision: "reject", reason: "Mine" },
    });
    expect(early.status).toBe(409);
    const page = await json<{ blocked: string | null }>(
      await call(confirmReject.loader, `/broker/idea/${id}/confirm-reject?reason=Mine`, { as: "broker", params: itemParams(id) }),
    );
    expect(page.blocked).toBe("Colleague has claimed this item: only they can decide it.");
    expect(
      (await call(confirmReject.action, `/broker/idea/${id}/confirm-reject`, { as: "broker", params: itemParams(id), form: { reason: "Mine" } })).status,
    ).toBe(409);
    for (const who of ["innovator", "commissioner"] as const) {
      expect((await call(confirmReject.loader, `/broker/idea/${id}/confirm-reject?reason=x`, { as: who, params: itemParams(id) })).status).toBe(403);
      expect((await call(confirmReject.action, `/broker/idea/${id}/confirm-reject`, { as: who, params: itemParams(id), form: { reason: "x" } })).status).toBe(
        403,
      );
    }
    expect(
      (await call(confirmReject.action, `/broker/idea/${id}/confirm-reject`, { params: itemParams(id), form: { reason: "x" } })).headers.get("Location"),
    ).toMatch(/^\/signin/);
    expect(ideaStatus(id)?.status).toBe("submitted");
    expect(db.select().from(assignments).where(eq(assignments.itemId, id)).all()).toEqual([]);
  });
});
