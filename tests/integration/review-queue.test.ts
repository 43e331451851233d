// The broker review workflow on a real SQLite file: the queue, claims, every decision's
// state transition, reasons, evidence, notifications, audit entries and notes.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { auditLog, caseStudies, emailOutbox, ideaRevisions, ideas, needs, notifications, reviewClaims, searchOutbox, type UserRow } from "../../db/schema";
import { caseStudyFormSchema, ideaFormSchema } from "../../app/domain/idea-form";
import { addBrokerNote, listAuditLog, listBrokerNotes } from "../../app/models/audit.server";
import { addCaseStudy, createIdeaDraft, updateOwnIdea } from "../../app/models/idea-editor.server";
import { claimItem, decideCaseStudy, decideIdea, decideNeed, getClaim, isAwaitingReview, listReviewQueue, releaseItem } from "../../app/models/review.server";
import { createUser } from "../../app/models/users.server";
import { openTestExchange, type TestExchange } from "./helpers";
import { ConflictError, NotAllowedError } from "../../app/models/errors.server";

let exchange: TestExchange;
let db: ExchangeDb;
let innovator: UserRow;
let commissioner: UserRow;
let broker: UserRow;
let otherBroker: UserRow;
let admin: UserRow;

const DAY = 24 * 60 * 60 * 1000;
// Thursday 12 March 2026: five working days later is Thursday 19 March.
const submittedAt = new Date("2026-03-12T10:00:00Z");
let slugCounter = 0;

function countWhere(
  table: typeof auditLog | typeof notifications | typeof emailOutbox | typeof searchOutbox | typeof ideaRevisions,
  where?: ReturnType<typeof eq>,
) {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}

function submitIdea(ownerId: string, at = submittedAt, extra: Partial<typeof ideas.$inferInsert> = {}): number {
  const slug = `idea-${++slugCounter}`;
  return db
    .insert(ideas)
    .values({
      slug,
      title: `Idea ${slugCounter}`,
      summary: "A summary.",
      sectors: ["ageing"],
      diffusionModels: ["franchise"],
      status: "submitted",
      submittedAt: at,
      ownerId,
      ...extra,
    })
    .returning({ id: ideas.id })
    .get().id;
}

function submitNeed(ownerId: string, at = submittedAt): number {
  const slug = `need-${++slugCounter}`;
  return db
    .insert(needs)
    .values({ slug, title: `Need ${slugCounter}`, problem: "A problem.", sectors: ["ageing"], status: "submitted", submittedAt: at, ownerId })
    .returning({ id: needs.id })
    .get().id;
}

function submitCaseStudy(ideaId: number, submitterId: string, at = submittedAt): number {
  return db
    .insert(caseStudies)
    .values({ ideaId, locality: `Place ${++slugCounter}`, status: "piloting", reviewStatus: "submitted", submittedById: submitterId, submittedAt: at })
    .returning({ id: caseStudies.id })
    .get().id;
}

function idea(id: number) {
  return db.select().from(ideas).where(eq(ideas.id, id)).get()!;
}

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
  const make = (role: UserRow["role"], name: string) => createUser(db, { email: `${name}@test.example`, password: "correct-horse-1", displayName: name, role });
  [innovator, commissioner, broker, otherBroker, admin] = await Promise.all([
    make("innovator", "Ines"),
    make("commissioner", "Colin"),
    make("broker", "Bea"),
    make("broker", "Bob"),
    make("admin", "Ada"),
  ]);
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("the review queue", () => {
  let newIdea: number;
  let editedIdea: number;
  let need: number;
  let study: number;

  beforeAll(() => {
    newIdea = submitIdea(innovator.id, submittedAt);
    editedIdea = submitIdea(innovator.id, new Date(submittedAt.getTime() + DAY), {
      status: "published",
      publishedAt: new Date("2025-01-01T00:00:00Z"),
      pendingChanges: { evidence: "New evidence" },
    });
    need = submitNeed(commissioner.id, new Date(submittedAt.getTime() + 2 * DAY));
    study = submitCaseStudy(editedIdea, innovator.id, new Date(submittedAt.getTime() + 3 * DAY));
    // Not in the queue: a draft, a published idea without pending edits, an open need, a published case study.
    submitIdea(innovator.id, submittedAt, { status: "draft" });
    submitIdea(innovator.id, submittedAt, { status: "published" });
    db.insert(needs)
      .values({ slug: "open-need", title: "Open", problem: "p", sectors: ["ageing"], status: "open" })
      .run();
  });

  afterAll(() => {
    db.delete(reviewClaims).run();
  });

  it("holds submitted ideas, edits to published ideas, needs and case studies, oldest first", () => {
    const queue = listReviewQueue(db, broker.id, {}, submittedAt, 5).filter((item) => [newIdea, editedIdea, need, study].includes(item.itemId));
    expect(queue.map((item) => [item.itemType, item.itemId, item.detail])).toEqual([
      ["idea", newIdea, "New idea"],
      ["idea", editedIdea, "Changes to a published idea"],
      ["need", need, "New need"],
      ["case-study", study, "Case study"],
    ]);
    expect(queue[0].submitterName).toBe("Ines");
    expect(queue[2].submitterName).toBe("Colin");
    expect(listReviewQueue(db, broker.id, { sort: "newest" }, submittedAt, 5)[0].itemId).toBe(study);
    expect(isAwaitingReview(db, "idea", newIdea)).toBe(true);
    expect(isAwaitingReview(db, "case-study", study)).toBe(true);
  });

  it("gives each item a deadline in working days and flags the overdue", () => {
    const onTime = new Date("2026-03-19T09:00:00Z");
    const [first] = listReviewQueue(db, broker.id, { type: "idea" }, onTime, 5);
    expect(first.itemId).toBe(newIdea);
    expect(first.deadline.toISOString()).toBe("2026-03-19T10:00:00.000Z");
    expect(first.overdue).toBe(false);
    const late = new Date("2026-03-19T11:00:00Z");
    expect(listReviewQueue(db, broker.id, { overdueOnly: true }, late, 5).map((item) => item.itemId)).toEqual([newIdea]);
    // A configured service level of 1 working day makes everything older than a day overdue.
    expect(listReviewQueue(db, broker.id, { overdueOnly: true }, late, 1).length).toBe(4);
  });

  it("filters by type and by claim", () => {
    expect(listReviewQueue(db, broker.id, { type: "need" }, submittedAt, 5).map((item) => item.itemId)).toEqual([need]);
    expect(listReviewQueue(db, broker.id, { type: "case-study" }, submittedAt, 5).map((item) => item.itemId)).toEqual([study]);
    claimItem(db, broker.id, "need", need);
    expect(listReviewQueue(db, broker.id, { claim: "mine" }, submittedAt, 5).map((item) => item.itemId)).toEqual([need]);
    expect(listReviewQueue(db, otherBroker.id, { claim: "mine" }, submittedAt, 5)).toEqual([]);
    expect(listReviewQueue(db, otherBroker.id, { claim: "unclaimed" }, submittedAt, 5).map((item) => `${item.itemType}:${item.itemId}`)).not.toContain(
      `need:${need}`,
    );
    const claimed = listReviewQueue(db, otherBroker.id, { type: "need" }, submittedAt, 5)[0];
    expect(claimed.claimedBy).toEqual({ id: broker.id, name: "Bea" });
  });
});

describe("claims", () => {
  let ideaId: number;
  beforeEach(() => {
    ideaId = submitIdea(innovator.id);
  });

  it("lets one broker claim an item and refuses another broker", () => {
    claimItem(db, broker.id, "idea", ideaId);
    expect(() => claimItem(db, otherBroker.id, "idea", ideaId)).toThrow(ConflictError);
    expect(getClaim(db, "idea", ideaId)?.brokerId).toBe(broker.id);
    // Claiming again is harmless.
    claimItem(db, broker.id, "idea", ideaId);
    expect(
      db
        .select({ n: count() })
        .from(reviewClaims)
        .where(and(eq(reviewClaims.itemType, "idea"), eq(reviewClaims.itemId, ideaId)))
        .get()?.n,
    ).toBe(1);
    expect(listAuditLog(db, "idea", ideaId).map((entry) => [entry.action, entry.actorName])).toEqual([["claimed", "Bea"]]);
  });

  it("lets only the claiming broker release it, or an admin by force", () => {
    claimItem(db, broker.id, "idea", ideaId);
    expect(() => releaseItem(db, otherBroker.id, "idea", ideaId)).toThrow(ConflictError);
    expect(getClaim(db, "idea", ideaId)?.brokerId).toBe(broker.id);
    releaseItem(db, admin.id, "idea", ideaId, { force: true });
    expect(getClaim(db, "idea", ideaId)).toBeNull();
    claimItem(db, otherBroker.id, "idea", ideaId);
    releaseItem(db, otherBroker.id, "idea", ideaId);
    expect(getClaim(db, "idea", ideaId)).toBeNull();
    expect(listAuditLog(db, "idea", ideaId).map((entry) => entry.action)).toEqual(["released", "claimed", "released another broker's claim", "claimed"]);
  });

  it("refuses to claim an item that is not waiting for review", () => {
    const draft = submitIdea(innovator.id, submittedAt, { status: "draft" });
    expect(() => claimItem(db, broker.id, "idea", draft)).toThrow(ConflictError);
    expect(() => claimItem(db, broker.id, "need", 999_999)).toThrow(ConflictError);
    expect(getClaim(db, "idea", draft)).toBeNull();
  });
});

describe("decisions on ideas", () => {
  it("refuses a rejection or a request for changes without a reason, and changes nothing", () => {
    const ideaId = submitIdea(innovator.id);
    claimItem(db, broker.id, "idea", ideaId);
    const audits = countWhere(auditLog);
    const notes = countWhere(notifications);
    for (const decision of ["reject", "request-changes"] as const) {
      expect(() => decideIdea(db, broker.id, ideaId, { decision })).toThrow(NotAllowedError);
      expect(() => decideIdea(db, broker.id, ideaId, { decision, reason: "   " })).toThrow(NotAllowedError);
    }
    expect(idea(ideaId).status).toBe("submitted");
    expect(getClaim(db, "idea", ideaId)?.brokerId).toBe(broker.id);
    expect(countWhere(auditLog)).toBe(audits);
    expect(countWhere(notifications)).toBe(notes);
  });

  it("refuses an evidence level without a one-line justification", () => {
    const ideaId = submitIdea(innovator.id);
    expect(() => decideIdea(db, broker.id, ideaId, { decision: "publish", evidenceLevel: 3 })).toThrow(NotAllowedError);
    expect(idea(ideaId).status).toBe("submitted");
  });

  it("requests changes: back to draft with the reason, the innovator told in-app and by email, the claim dropped, audited", () => {
    const ideaId = submitIdea(innovator.id);
    claimItem(db, broker.id, "idea", ideaId);
    decideIdea(db, broker.id, ideaId, { decision: "request-changes", reason: "Say how readers are trained." });
    const after = idea(ideaId);
    expect(after.status).toBe("draft");
    expect(after.reviewOutcome).toBe("changes-requested");
    expect(after.reviewReason).toBe("Say how readers are trained.");
    expect(after.submittedAt).toBeNull();
    expect(getClaim(db, "idea", ideaId)).toBeNull();
    const notification = db.select().from(notifications).where(eq(notifications.userId, innovator.id)).all().at(-1)!;
    expect(notification.title).toContain("needs changes");
    expect(notification.body).toBe("Say how readers are trained.");
    const email = db.select().from(emailOutbox).where(eq(emailOutbox.userId, innovator.id)).all().at(-1)!;
    expect(email.kind).toBe("immediate");
    expect(email.body).toContain("Say how readers are trained.");
    const [entry] = listAuditLog(db, "idea", ideaId);
    expect(entry).toMatchObject({
      action: "request-changes",
      actorName: "Bea",
      reason: "Say how readers are trained.",
      before: { status: "submitted" },
      after: { status: "draft" },
    });
    expect(isAwaitingReview(db, "idea", ideaId)).toBe(false);
  });

  it("does not let a broker decide an item another broker has claimed", () => {
    const ideaId = submitIdea(innovator.id);
    claimItem(db, broker.id, "idea", ideaId);
    expect(() => decideIdea(db, otherBroker.id, ideaId, { decision: "reject", reason: "Duplicate" })).toThrow(ConflictError);
    expect(idea(ideaId).status).toBe("submitted");
  });

  it("publishes with the evidence level and its justification, and queues the search update", () => {
    const ideaId = submitIdea(innovator.id);
    const pendingSearch = countWhere(searchOutbox, eq(searchOutbox.documentId, ideaId));
    decideIdea(db, broker.id, ideaId, { decision: "publish", evidenceLevel: 3, evidenceJustification: "Matched comparison group in two areas" });
    const after = idea(ideaId);
    expect(after).toMatchObject({
      status: "published",
      reviewOutcome: "published",
      reviewReason: null,
      evidenceLevel: 3,
      evidenceJustification: "Matched comparison group in two areas",
    });
    expect(after.publishedAt).toBeInstanceOf(Date);
    expect(countWhere(searchOutbox, eq(searchOutbox.documentId, ideaId))).toBe(pendingSearch + 1);
    expect(listAuditLog(db, "idea", ideaId)[0]).toMatchObject({
      action: "publish",
      before: { status: "submitted", evidenceLevel: null },
      after: { status: "published", evidenceLevel: 3 },
    });
    // Decided once: it is no longer in the queue, and cannot be decided again.
    expect(() => decideIdea(db, broker.id, ideaId, { decision: "reject", reason: "Changed my mind" })).toThrow(ConflictError);
  });

  it("rejects: archived with the reason", () => {
    const ideaId = submitIdea(innovator.id);
    decideIdea(db, otherBroker.id, ideaId, { decision: "reject", reason: "Not a public-service innovation" });
    expect(idea(ideaId)).toMatchObject({ status: "archived", reviewOutcome: "rejected", reviewReason: "Not a public-service innovation" });
  });

  it("goes round the whole cycle with the innovator's editor: submit, changes requested, resubmit, publish", () => {
    const values = ideaFormSchema.parse({
      title: "Shared reading groups",
      summary: "Volunteers read aloud with small groups.",
      sectors: ["mental-health"],
      diffusionModels: ["franchise"],
      franchiseFeeModel: "Annual licence",
      franchiseCoreElements: "A trained reader",
    });
    const created = createIdeaDraft(db, { id: innovator.id, organisationId: null }, values, true);
    expect(isAwaitingReview(db, "idea", created.id)).toBe(true);
    claimItem(db, broker.id, "idea", created.id);
    decideIdea(db, broker.id, created.id, { decision: "request-changes", reason: "Describe the reader training." });
    expect(idea(created.id).status).toBe("draft");
    updateOwnIdea(db, innovator.id, created.slug, { ...values, franchiseCoreElements: "A reader trained over two days" }, true);
    expect(idea(created.id).status).toBe("submitted");
    claimItem(db, broker.id, "idea", created.id);
    decideIdea(db, broker.id, created.id, { decision: "publish", evidenceLevel: 3, evidenceJustification: "Comparison with waiting-list controls" });
    expect(idea(created.id)).toMatchObject({ status: "published", evidenceLevel: 3 });
    expect(
      listAuditLog(db, "idea", created.id)
        .map((entry) => entry.action)
        .reverse(),
    ).toEqual(["created", "submitted", "claimed", "request-changes", "edited", "resubmitted", "claimed", "publish"]);
  });
});

describe("decisions on edits to a published idea", () => {
  function publishedWithEdits() {
    return submitIdea(innovator.id, submittedAt, {
      status: "published",
      publishedAt: new Date("2025-01-01T00:00:00Z"),
      evidence: "Old evidence",
      evidenceLevel: 2,
      diffusionModels: ["franchise"],
      pendingChanges: { evidence: "New evidence", diffusionModels: ["franchise", "uncontrolled"] },
    });
  }

  it("publishing applies the pending changes with the new evidence level and keeps a revision", () => {
    const ideaId = publishedWithEdits();
    decideIdea(db, broker.id, ideaId, { decision: "publish", evidenceLevel: 3, evidenceJustification: "New comparison study" });
    expect(idea(ideaId)).toMatchObject({
      status: "published",
      evidence: "New evidence",
      diffusionModels: ["franchise", "uncontrolled"],
      evidenceLevel: 3,
      pendingChanges: null,
      submittedAt: null,
    });
    const revision = db.select().from(ideaRevisions).where(eq(ideaRevisions.ideaId, ideaId)).get()!;
    expect(revision.changes).toEqual(
      expect.arrayContaining([
        { field: "evidence", before: "Old evidence", after: "New evidence" },
        { field: "evidenceLevel", before: 2, after: 3 },
      ]),
    );
    expect(listAuditLog(db, "idea", ideaId)[0]).toMatchObject({
      action: "publish changes",
      before: { evidence: "Old evidence", diffusionModels: ["franchise"] },
      after: { evidence: "New evidence", diffusionModels: ["franchise", "uncontrolled"], evidenceLevel: 3 },
    });
  });

  it("rejecting drops the pending changes and leaves the published idea live as it was", () => {
    const ideaId = publishedWithEdits();
    decideIdea(db, broker.id, ideaId, { decision: "reject", reason: "The new evidence is not independent" });
    expect(idea(ideaId)).toMatchObject({
      status: "published",
      evidence: "Old evidence",
      evidenceLevel: 2,
      pendingChanges: null,
      reviewOutcome: "rejected",
      reviewReason: "The new evidence is not independent",
    });
    expect(isAwaitingReview(db, "idea", ideaId)).toBe(false);
  });

  it("requesting changes keeps the pending changes for the innovator to revise", () => {
    const ideaId = publishedWithEdits();
    decideIdea(db, broker.id, ideaId, { decision: "request-changes", reason: "Name the evaluator" });
    expect(idea(ideaId)).toMatchObject({
      status: "published",
      evidence: "Old evidence",
      pendingChanges: { evidence: "New evidence" },
      reviewOutcome: "changes-requested",
    });
    expect(isAwaitingReview(db, "idea", ideaId)).toBe(false);
  });
});

describe("decisions on needs and case studies", () => {
  it("publishes a need as open and rejects one as closed, with the reason told to the commissioner", () => {
    const open = submitNeed(commissioner.id);
    decideNeed(db, broker.id, open, { decision: "publish" });
    expect(db.select().from(needs).where(eq(needs.id, open)).get()).toMatchObject({ status: "open", reviewOutcome: "published" });
    const closed = submitNeed(commissioner.id);
    expect(() => decideNeed(db, broker.id, closed, { decision: "reject" })).toThrow(NotAllowedError);
    decideNeed(db, broker.id, closed, { decision: "reject", reason: "Please post it as one need, not three" });
    expect(db.select().from(needs).where(eq(needs.id, closed)).get()).toMatchObject({
      status: "closed",
      reviewReason: "Please post it as one need, not three",
    });
    const told = db.select().from(notifications).where(eq(notifications.userId, commissioner.id)).all();
    expect(told.map((notification) => notification.body)).toContain("Please post it as one need, not three");
    expect(listAuditLog(db, "need", closed)[0]).toMatchObject({ action: "reject", before: { status: "submitted" }, after: { status: "closed" } });
  });

  it("publishes a case study added to a published idea, or sends it back with a reason", () => {
    const host = submitIdea(innovator.id, submittedAt, { status: "published" });
    const study = addCaseStudy(
      db,
      innovator.id,
      idea(host).slug,
      caseStudyFormSchema.parse({ locality: "Leeds", status: "adopted", lessons: "Recruit readers early" }),
    );
    expect(isAwaitingReview(db, "case-study", study.id)).toBe(true);
    expect(() => decideCaseStudy(db, broker.id, study.id, { decision: "request-changes", reason: "" })).toThrow(NotAllowedError);
    decideCaseStudy(db, broker.id, study.id, { decision: "request-changes", reason: "Add the year" });
    expect(db.select().from(caseStudies).where(eq(caseStudies.id, study.id)).get()).toMatchObject({
      reviewStatus: "changes-requested",
      reviewReason: "Add the year",
    });
    const second = submitCaseStudy(host, innovator.id);
    decideCaseStudy(db, broker.id, second, { decision: "publish" });
    expect(db.select().from(caseStudies).where(eq(caseStudies.id, second)).get()).toMatchObject({ reviewStatus: "published", reviewReason: null });
  });
});

describe("private broker notes", () => {
  it("keeps notes per item, in order, with their authors", () => {
    const ideaId = submitIdea(innovator.id);
    addBrokerNote(db, broker.id, "idea", ideaId, "Phoned the council: the pilot is real.");
    addBrokerNote(db, otherBroker.id, "idea", ideaId, "Agreed.");
    addBrokerNote(db, broker.id, "need", ideaId, "A note on a different item type.");
    expect(listBrokerNotes(db, "idea", ideaId).map((note) => [note.authorName, note.body])).toEqual([
      ["Bea", "Phoned the council: the pilot is real."],
      ["Bob", "Agreed."],
    ]);
  });
});
