// Broker review queues: submitted ideas (and reviewed edits of published ones), submitted
// needs, submitted case studies and outcome updates on adopted matches; claims; decisions
// with reasons; all audited.
import { and, asc, eq, isNotNull, ne, or } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { assignments, caseStudies, ideaRevisions, ideas, needs, outcomeUpdates, reviewClaims, users } from "../../db/schema";
import { outcomeMilestoneLabel, outcomePageLink, outcomeUpdateName } from "../domain/living-case-studies";
import { decisionNeedsReason, ideaStatusAfterDecision, needStatusAfterDecision, reviewDeadline, type BrokerDecision } from "../domain/review-workflow";
import type { ReviewItemType } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { notifyUser } from "./notifications.server";
import { enqueueSearchSync } from "./search-outbox.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";

export type QueueItem = {
  itemType: ReviewItemType;
  itemId: number;
  title: string;
  detail: string;
  submitterName: string | null;
  submittedAt: Date;
  deadline: Date;
  overdue: boolean;
  claimedBy: { id: string; name: string } | null;
};

export type QueueFilter = {
  type?: ReviewItemType;
  claim?: "any" | "mine" | "unclaimed";
  overdueOnly?: boolean;
  sort?: "oldest" | "newest";
};

export function listReviewQueue(db: ExchangeDb, brokerId: string, filter: QueueFilter, now: Date, serviceLevelDays: number): QueueItem[] {
  const claims = db
    .select({ itemType: reviewClaims.itemType, itemId: reviewClaims.itemId, brokerId: reviewClaims.brokerId, name: users.displayName })
    .from(reviewClaims)
    .innerJoin(users, eq(users.id, reviewClaims.brokerId))
    .all();
  const claimOf = new Map(claims.map((claim) => [`${claim.itemType}:${claim.itemId}`, { id: claim.brokerId, name: claim.name }]));
  const items: Omit<QueueItem, "deadline" | "overdue" | "claimedBy">[] = [];
  if (!filter.type || filter.type === "idea") {
    const rows = db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, submittedAt: ideas.submittedAt, owner: users.displayName })
      .from(ideas)
      .leftJoin(users, eq(users.id, ideas.ownerId))
      .where(or(eq(ideas.status, "submitted"), and(eq(ideas.status, "published"), isNotNull(ideas.pendingChanges), isNotNull(ideas.submittedAt))))
      .all();
    for (const row of rows) {
      items.push({
        itemType: "idea",
        itemId: row.id,
        title: row.title,
        detail: row.status === "published" ? "Changes to a published idea" : "New idea",
        submitterName: row.owner,
        submittedAt: row.submittedAt ?? new Date(0),
      });
    }
  }
  if (!filter.type || filter.type === "need") {
    const rows = db
      .select({ id: needs.id, title: needs.title, submittedAt: needs.submittedAt, owner: users.displayName })
      .from(needs)
      .leftJoin(users, eq(users.id, needs.ownerId))
      .where(eq(needs.status, "submitted"))
      .all();
    for (const row of rows)
      items.push({
        itemType: "need",
        itemId: row.id,
        title: row.title,
        detail: "New need",
        submitterName: row.owner,
        submittedAt: row.submittedAt ?? new Date(0),
      });
  }
  if (!filter.type || filter.type === "case-study") {
    const rows = db
      .select({
        id: caseStudies.id,
        locality: caseStudies.locality,
        submittedAt: caseStudies.submittedAt,
        ideaTitle: ideas.title,
        submitter: users.displayName,
      })
      .from(caseStudies)
      .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
      .leftJoin(users, eq(users.id, caseStudies.submittedById))
      .where(eq(caseStudies.reviewStatus, "submitted"))
      .all();
    for (const row of rows)
      items.push({
        itemType: "case-study",
        itemId: row.id,
        title: `${row.locality}: ${row.ideaTitle}`,
        detail: "Case study",
        submitterName: row.submitter,
        submittedAt: row.submittedAt ?? new Date(0),
      });
  }
  if (!filter.type || filter.type === "outcome-update") {
    const rows = db
      .select({
        id: outcomeUpdates.id,
        months: outcomeUpdates.monthsAfterAdoption,
        submittedAt: outcomeUpdates.submittedAt,
        locality: caseStudies.locality,
        ideaTitle: ideas.title,
        submitter: users.displayName,
      })
      .from(outcomeUpdates)
      .innerJoin(caseStudies, eq(caseStudies.id, outcomeUpdates.caseStudyId))
      .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
      .leftJoin(users, eq(users.id, outcomeUpdates.submittedById))
      .where(eq(outcomeUpdates.reviewStatus, "submitted"))
      .all();
    for (const row of rows)
      items.push({
        itemType: "outcome-update",
        itemId: row.id,
        title: `${row.locality}: ${row.ideaTitle}`,
        detail: `Outcome update (${outcomeMilestoneLabel(row.months).toLowerCase()})`,
        submitterName: row.submitter,
        submittedAt: row.submittedAt ?? new Date(0),
      });
  }
  const withClaims = items.map((item): QueueItem => {
    const deadline = reviewDeadline(item.submittedAt, serviceLevelDays);
    return { ...item, deadline, overdue: deadline.getTime() < now.getTime(), claimedBy: claimOf.get(`${item.itemType}:${item.itemId}`) ?? null };
  });
  return withClaims
    .filter((item) => (filter.claim === "mine" ? item.claimedBy?.id === brokerId : filter.claim === "unclaimed" ? !item.claimedBy : true))
    .filter((item) => (filter.overdueOnly ? item.overdue : true))
    .sort((a, b) => (filter.sort === "newest" ? b.submittedAt.getTime() - a.submittedAt.getTime() : a.submittedAt.getTime() - b.submittedAt.getTime()));
}

/** Whether the item is in a queue now (submitted, or a published idea with edits sent for review). */
export function isAwaitingReview(db: Pick<ExchangeDb, "select">, itemType: ReviewItemType, itemId: number): boolean {
  if (itemType === "idea") {
    const idea = db
      .select({ status: ideas.status, pendingChanges: ideas.pendingChanges, submittedAt: ideas.submittedAt })
      .from(ideas)
      .where(eq(ideas.id, itemId))
      .get();
    return !!idea && (idea.status === "submitted" || (idea.status === "published" && !!idea.pendingChanges && !!idea.submittedAt));
  }
  if (itemType === "need") return db.select({ status: needs.status }).from(needs).where(eq(needs.id, itemId)).get()?.status === "submitted";
  if (itemType === "outcome-update") {
    return (
      db.select({ reviewStatus: outcomeUpdates.reviewStatus }).from(outcomeUpdates).where(eq(outcomeUpdates.id, itemId)).get()?.reviewStatus === "submitted"
    );
  }
  return db.select({ reviewStatus: caseStudies.reviewStatus }).from(caseStudies).where(eq(caseStudies.id, itemId)).get()?.reviewStatus === "submitted";
}

export function claimItem(db: ExchangeDb, brokerId: string, itemType: ReviewItemType, itemId: number): void {
  db.transaction((tx) => {
    const existing = tx
      .select()
      .from(reviewClaims)
      .where(and(eq(reviewClaims.itemType, itemType), eq(reviewClaims.itemId, itemId)))
      .get();
    if (existing?.brokerId === brokerId) return;
    if (existing) throw new ConflictError("Another broker has already claimed this item");
    if (!isAwaitingReview(tx, itemType, itemId)) throw new ConflictError("This item is not waiting for review");
    tx.insert(reviewClaims).values({ itemType, itemId, brokerId }).run();
    recordAudit(tx, { itemType, itemId, actorId: brokerId, action: "claimed" });
  });
}

/** Only the claiming broker releases a claim; an admin may release anyone's (force), e.g. when a broker is away. */
export function releaseItem(db: ExchangeDb, brokerId: string, itemType: ReviewItemType, itemId: number, options: { force?: boolean } = {}): void {
  db.transaction((tx) => {
    const existing = tx
      .select()
      .from(reviewClaims)
      .where(and(eq(reviewClaims.itemType, itemType), eq(reviewClaims.itemId, itemId)))
      .get();
    if (!existing) return;
    if (existing.brokerId !== brokerId && !options.force) throw new ConflictError("Only the broker who claimed this item can release it");
    tx.delete(reviewClaims).where(eq(reviewClaims.id, existing.id)).run();
    // An assignment is a claim made for the assignee (assignments.server.ts): it ends with the claim.
    dropAssignment(tx, itemType, itemId);
    recordAudit(tx, {
      itemType,
      itemId,
      actorId: brokerId,
      action: existing.brokerId === brokerId ? "released" : "released another broker's claim",
    });
  });
}

/** An item claimed by one broker is decided by that broker (or released first). */
function checkNotClaimedByOther(tx: Pick<ExchangeDb, "select">, brokerId: string, itemType: ReviewItemType, itemId: number) {
  const claim = tx
    .select({ brokerId: reviewClaims.brokerId })
    .from(reviewClaims)
    .where(and(eq(reviewClaims.itemType, itemType), eq(reviewClaims.itemId, itemId)))
    .get();
  if (claim && claim.brokerId !== brokerId) throw new ConflictError("Another broker has claimed this item: only they can decide it");
}

export type DecisionInput = { decision: BrokerDecision; reason?: string; evidenceLevel?: number; evidenceJustification?: string };

function checkReason(input: DecisionInput) {
  if (decisionNeedsReason(input.decision) && !input.reason?.trim()) throw new NotAllowedError("Give a reason the submitter will see");
}

function dropAssignment(tx: Pick<ExchangeDb, "delete">, itemType: ReviewItemType, itemId: number) {
  tx.delete(assignments)
    .where(and(eq(assignments.itemType, itemType), eq(assignments.itemId, itemId)))
    .run();
}

/** A decision ends the item's claim and its assignment: a resubmission starts a fresh review. */
function dropClaim(tx: Pick<ExchangeDb, "delete">, itemType: ReviewItemType, itemId: number) {
  tx.delete(reviewClaims)
    .where(and(eq(reviewClaims.itemType, itemType), eq(reviewClaims.itemId, itemId)))
    .run();
  dropAssignment(tx, itemType, itemId);
}

function outcomeOf(decision: BrokerDecision) {
  return decision === "publish" ? ("published" as const) : decision === "request-changes" ? ("changes-requested" as const) : ("rejected" as const);
}

const decisionWords: Record<BrokerDecision, string> = { publish: "published", "request-changes": "needs changes", reject: "was rejected" };

export function decideIdea(db: ExchangeDb, brokerId: string, ideaId: number, input: DecisionInput): void {
  checkReason(input);
  if (input.evidenceLevel !== undefined && !input.evidenceJustification?.trim()) {
    throw new NotAllowedError("Give a one-line justification for the evidence level");
  }
  db.transaction((tx) => {
    const idea = tx.select().from(ideas).where(eq(ideas.id, ideaId)).get();
    if (!idea) throw new NotFoundError("No such idea");
    checkNotClaimedByOther(tx, brokerId, "idea", idea.id);
    const reviewingEdits = idea.status === "published" && !!idea.pendingChanges && !!idea.submittedAt;
    if (idea.status !== "submitted" && !reviewingEdits) throw new ConflictError("This idea is not waiting for review");
    const now = new Date();
    const evidence =
      input.decision === "publish" && input.evidenceLevel !== undefined
        ? { evidenceLevel: input.evidenceLevel, evidenceJustification: input.evidenceJustification!.trim() }
        : {};
    if (reviewingEdits) {
      const pending = idea.pendingChanges ?? {};
      if (input.decision === "publish") {
        const applied = { ...pending, ...evidence } as Partial<typeof idea>;
        tx.update(ideas)
          .set({ ...applied, pendingChanges: null, submittedAt: null, reviewOutcome: "published", reviewReason: null, updatedAt: now })
          .where(eq(ideas.id, idea.id))
          .run();
        const changes = Object.keys(applied).map((field) => ({
          field,
          before: (idea as Record<string, unknown>)[field] ?? null,
          after: (applied as Record<string, unknown>)[field],
        }));
        tx.insert(ideaRevisions).values({ ideaId: idea.id, actorId: idea.ownerId, changes }).run();
      } else {
        tx.update(ideas)
          .set({
            pendingChanges: input.decision === "reject" ? null : pending,
            submittedAt: null,
            reviewOutcome: outcomeOf(input.decision),
            reviewReason: input.reason!.trim(),
          })
          .where(eq(ideas.id, idea.id))
          .run();
      }
      recordAudit(tx, {
        itemType: "idea",
        itemId: idea.id,
        actorId: brokerId,
        action: `${input.decision} changes`,
        // The live values of the fields the edit touches; the proposed values are in the "changes sent for review" entry.
        before: Object.fromEntries(Object.keys(pending).map((field) => [field, (idea as Record<string, unknown>)[field] ?? null])),
        after: input.decision === "publish" ? { ...pending, ...evidence } : null,
        reason: input.reason?.trim() || input.evidenceJustification?.trim() || null,
      });
    } else {
      const status = ideaStatusAfterDecision(input.decision);
      tx.update(ideas)
        .set({
          status,
          reviewOutcome: outcomeOf(input.decision),
          reviewReason: input.decision === "publish" ? null : input.reason!.trim(),
          publishedAt: input.decision === "publish" ? (idea.publishedAt ?? now) : idea.publishedAt,
          submittedAt: null,
          updatedAt: now,
          ...evidence,
        })
        .where(eq(ideas.id, idea.id))
        .run();
      recordAudit(tx, {
        itemType: "idea",
        itemId: idea.id,
        actorId: brokerId,
        action: input.decision,
        before: { status: idea.status, evidenceLevel: idea.evidenceLevel },
        after: { status, evidenceLevel: evidence.evidenceLevel ?? idea.evidenceLevel },
        reason: input.reason?.trim() || input.evidenceJustification?.trim() || null,
      });
    }
    dropClaim(tx, "idea", idea.id);
    enqueueSearchSync(tx, "ideas", [idea.id]);
    notifyUser(tx, idea.ownerId, {
      title: `Your idea “${idea.title}” ${decisionWords[input.decision]}`,
      body: input.reason?.trim(),
      link: `/my/ideas/${idea.slug}`,
    });
  });
}

export function decideNeed(db: ExchangeDb, brokerId: string, needId: number, input: DecisionInput): void {
  checkReason(input);
  db.transaction((tx) => {
    const need = tx.select().from(needs).where(eq(needs.id, needId)).get();
    if (!need) throw new NotFoundError("No such need");
    checkNotClaimedByOther(tx, brokerId, "need", need.id);
    if (need.status !== "submitted") throw new ConflictError("This need is not waiting for review");
    const status = needStatusAfterDecision(input.decision);
    tx.update(needs)
      .set({
        status,
        reviewOutcome: outcomeOf(input.decision),
        reviewReason: input.decision === "publish" ? null : input.reason!.trim(),
        submittedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(needs.id, need.id))
      .run();
    recordAudit(tx, {
      itemType: "need",
      itemId: need.id,
      actorId: brokerId,
      action: input.decision,
      before: { status: need.status },
      after: { status },
      reason: input.reason?.trim() || null,
    });
    dropClaim(tx, "need", need.id);
    enqueueSearchSync(tx, "needs", [need.id]);
    notifyUser(tx, need.ownerId, {
      title: `Your need “${need.title}” ${decisionWords[input.decision]}`,
      body: input.reason?.trim(),
      link: `/needs/${need.slug}`,
    });
  });
}

export function decideCaseStudy(db: ExchangeDb, brokerId: string, caseStudyId: number, input: DecisionInput): void {
  checkReason(input);
  db.transaction((tx) => {
    const study = tx.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId)).get();
    if (!study) throw new NotFoundError("No such case study");
    checkNotClaimedByOther(tx, brokerId, "case-study", study.id);
    if (study.reviewStatus !== "submitted") throw new ConflictError("This case study is not waiting for review");
    const reviewStatus = outcomeOf(input.decision);
    tx.update(caseStudies)
      .set({ reviewStatus, reviewReason: input.decision === "publish" ? null : input.reason!.trim() })
      .where(eq(caseStudies.id, study.id))
      .run();
    recordAudit(tx, {
      itemType: "case-study",
      itemId: study.id,
      actorId: brokerId,
      action: input.decision,
      before: { reviewStatus: "submitted" },
      after: { reviewStatus },
      reason: input.reason?.trim() || null,
    });
    dropClaim(tx, "case-study", study.id);
    enqueueSearchSync(tx, "ideas", [study.ideaId]);
    const idea = tx.select({ slug: ideas.slug, title: ideas.title }).from(ideas).where(eq(ideas.id, study.ideaId)).get();
    notifyUser(tx, study.submittedById, {
      title: `Your case study of ${study.locality} ${decisionWords[input.decision]}`,
      body: input.reason?.trim(),
      // A case study drafted from an adopted match is its commissioner's to complete.
      link: study.matchId ? outcomePageLink(study.matchId) : idea ? `/my/ideas/${idea.slug}` : undefined,
    });
  });
}

export function decideOutcomeUpdate(db: ExchangeDb, brokerId: string, updateId: number, input: DecisionInput): void {
  checkReason(input);
  db.transaction((tx) => {
    const update = tx.select().from(outcomeUpdates).where(eq(outcomeUpdates.id, updateId)).get();
    if (!update) throw new NotFoundError("No such outcome update");
    checkNotClaimedByOther(tx, brokerId, "outcome-update", update.id);
    if (update.reviewStatus !== "submitted") throw new ConflictError("This outcome update is not waiting for review");
    const reviewStatus = outcomeOf(input.decision);
    tx.update(outcomeUpdates)
      .set({ reviewStatus, reviewReason: input.decision === "publish" ? null : input.reason!.trim(), reviewedAt: new Date() })
      .where(eq(outcomeUpdates.id, update.id))
      .run();
    recordAudit(tx, {
      itemType: "outcome-update",
      itemId: update.id,
      actorId: brokerId,
      action: input.decision,
      before: { reviewStatus: "submitted" },
      after: { reviewStatus },
      reason: input.reason?.trim() || null,
    });
    dropClaim(tx, "outcome-update", update.id);
    const study = tx
      .select({ locality: caseStudies.locality, ideaId: caseStudies.ideaId, reviewStatus: caseStudies.reviewStatus })
      .from(caseStudies)
      .where(eq(caseStudies.id, update.caseStudyId))
      .get();
    notifyUser(tx, update.submittedById, {
      title: `Your ${outcomeUpdateName(update.monthsAfterAdoption)}${study ? ` on ${study.locality}` : ""} ${decisionWords[input.decision]}`,
      body: input.reason?.trim(),
      link: update.matchId ? outcomePageLink(update.matchId) : undefined,
    });
    // The idea's innovator hears how their idea is doing elsewhere, once it is public.
    const idea = study
      ? tx.select({ slug: ideas.slug, title: ideas.title, ownerId: ideas.ownerId, status: ideas.status }).from(ideas).where(eq(ideas.id, study.ideaId)).get()
      : undefined;
    if (input.decision === "publish" && study?.reviewStatus === "published" && idea?.status === "published") {
      notifyUser(tx, idea.ownerId, {
        title: `New outcome update on “${idea.title}” from ${study.locality}`,
        body: update.outcomes.slice(0, 300),
        link: `/ideas/${idea.slug}#case-studies`,
      });
    }
  });
}

export type ReviewItem = NonNullable<ReturnType<typeof getReviewItem>>;

/** The queue item as a broker reviews it: the full record plus, for ideas, the pending changes. */
export function getReviewItem(db: ExchangeDb, itemType: ReviewItemType, itemId: number) {
  if (itemType === "idea") {
    const idea = db.select().from(ideas).where(eq(ideas.id, itemId)).get();
    if (!idea) return null;
    const studies = db.select().from(caseStudies).where(eq(caseStudies.ideaId, idea.id)).all();
    const owner = idea.ownerId ? db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, idea.ownerId)).get() : null;
    return { itemType, idea, caseStudies: studies, owner } as const;
  }
  if (itemType === "need") {
    const need = db.select().from(needs).where(eq(needs.id, itemId)).get();
    if (!need) return null;
    const owner = need.ownerId ? db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, need.ownerId)).get() : null;
    return { itemType, need, owner } as const;
  }
  if (itemType === "outcome-update") {
    const update = db.select().from(outcomeUpdates).where(eq(outcomeUpdates.id, itemId)).get();
    if (!update) return null;
    const caseStudy = db.select().from(caseStudies).where(eq(caseStudies.id, update.caseStudyId)).get();
    if (!caseStudy) return null;
    const idea = db.select({ slug: ideas.slug, title: ideas.title, status: ideas.status }).from(ideas).where(eq(ideas.id, caseStudy.ideaId)).get();
    const submitter = update.submittedById
      ? db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, update.submittedById)).get()
      : null;
    // The case study's other updates, so the broker can read this one in sequence.
    const others = db
      .select()
      .from(outcomeUpdates)
      .where(and(eq(outcomeUpdates.caseStudyId, caseStudy.id), ne(outcomeUpdates.id, update.id)))
      .orderBy(asc(outcomeUpdates.id))
      .all();
    return { itemType, update, caseStudy, idea, submitter, others } as const;
  }
  const study = db.select().from(caseStudies).where(eq(caseStudies.id, itemId)).get();
  if (!study) return null;
  const idea = db.select({ slug: ideas.slug, title: ideas.title }).from(ideas).where(eq(ideas.id, study.ideaId)).get();
  const submitter = study.submittedById
    ? db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, study.submittedById)).get()
    : null;
  return { itemType, caseStudy: study, idea, submitter } as const;
}

export function getClaim(db: ExchangeDb, itemType: ReviewItemType, itemId: number) {
  return (
    db
      .select({ brokerId: reviewClaims.brokerId, name: users.displayName, claimedAt: reviewClaims.claimedAt })
      .from(reviewClaims)
      .innerJoin(users, eq(users.id, reviewClaims.brokerId))
      .where(and(eq(reviewClaims.itemType, itemType), eq(reviewClaims.itemId, itemId)))
      .get() ?? null
  );
}
