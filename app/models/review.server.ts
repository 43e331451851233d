// Broker review queues: submitted ideas (and reviewed edits of published ones), submitted
// needs, submitted case studies and outcome updates on adopted matches; claims; decisions
// with reasons; all audited.
import { and, asc, eq, isNotNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ExchangeDb, ExchangeTx } from "../../db/client";
import {
  assignments,
  caseStudies,
  ideaRevisions,
  ideas,
  needs,
  outcomeUpdates,
  reviewClaims,
  users,
  type CaseStudyRow,
  type IdeaRow,
  type NeedRow,
  type OutcomeUpdateRow,
} from "../../db/schema";
import { outcomeMilestoneLabel, outcomePageLink, outcomeUpdateName } from "../domain/living-case-studies";
import {
  decisionNeedsReason,
  ideaReviewKindLabel,
  ideaStatusAfterDecision,
  needStatusAfterDecision,
  reviewDeadline,
  reviewItemLabels,
  type BrokerDecision,
} from "../domain/review-workflow";
import { reviewItemTypes, type IdeaStatus, type ReviewItemType } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { notifyUser } from "./notifications.server";
import { enqueueSearchSync } from "./search-outbox.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";
import { aboutItem } from "./item-records.server";

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

/** Where each type of queue item lives and what puts a row of it in the queue. */
type ReviewSource = {
  table: SQLiteTable;
  id: AnySQLiteColumn<{ data: number; notNull: true }>;
  awaiting: SQL | undefined;
  submittedBy: AnySQLiteColumn<{ data: string }>;
  submittedAt: AnySQLiteColumn<{ data: Date }>;
  /** The tables the queue row's title reads, joined on their condition. */
  joins: [SQLiteTable, SQL][];
  title: SQL<string> | AnySQLiteColumn<{ data: string; notNull: true }>;
  /** The queue row's detail line, from the value of the column `detailFrom` where it depends on the item. */
  detailFrom?: AnySQLiteColumn;
  detail: (value: never) => string;
};

const localityAndIdeaTitle = sql<string>`${caseStudies.locality} || ': ' || ${ideas.title}`;

const reviewSources: Record<ReviewItemType, ReviewSource> = {
  idea: {
    table: ideas,
    id: ideas.id,
    // A published idea is back in the queue while edits to its reviewed fields wait for a broker.
    awaiting: or(eq(ideas.status, "submitted"), and(eq(ideas.status, "published"), isNotNull(ideas.pendingChanges), isNotNull(ideas.submittedAt))),
    submittedBy: ideas.ownerId,
    submittedAt: ideas.submittedAt,
    joins: [],
    title: ideas.title,
    detailFrom: ideas.status,
    detail: (status: IdeaStatus) => ideaReviewKindLabel(status),
  },
  need: {
    table: needs,
    id: needs.id,
    awaiting: eq(needs.status, "submitted"),
    submittedBy: needs.ownerId,
    submittedAt: needs.submittedAt,
    joins: [],
    title: needs.title,
    detail: () => "New need",
  },
  "case-study": {
    table: caseStudies,
    id: caseStudies.id,
    awaiting: eq(caseStudies.reviewStatus, "submitted"),
    submittedBy: caseStudies.submittedById,
    submittedAt: caseStudies.submittedAt,
    joins: [[ideas, eq(ideas.id, caseStudies.ideaId)]],
    title: localityAndIdeaTitle,
    detail: () => "Case study",
  },
  "outcome-update": {
    table: outcomeUpdates,
    id: outcomeUpdates.id,
    awaiting: eq(outcomeUpdates.reviewStatus, "submitted"),
    submittedBy: outcomeUpdates.submittedById,
    submittedAt: outcomeUpdates.submittedAt,
    joins: [
      [caseStudies, eq(caseStudies.id, outcomeUpdates.caseStudyId)],
      [ideas, eq(ideas.id, caseStudies.ideaId)],
    ],
    title: localityAndIdeaTitle,
    detailFrom: outcomeUpdates.monthsAfterAdoption,
    detail: (months: number | null) => `Outcome update (${outcomeMilestoneLabel(months).toLowerCase()})`,
  },
};

type QueueEntry = Omit<QueueItem, "deadline" | "overdue" | "claimedBy">;

function queueEntries(db: ExchangeDb, itemType: ReviewItemType): QueueEntry[] {
  const source = reviewSources[itemType];
  let query = db
    .select({
      itemId: source.id,
      title: source.title,
      detailFrom: source.detailFrom ?? sql<null>`null`,
      submitterName: users.displayName,
      submittedAt: source.submittedAt,
    })
    .from(source.table)
    .leftJoin(users, eq(users.id, source.submittedBy))
    .$dynamic();
  for (const [table, on] of source.joins) query = query.innerJoin(table, on);
  return query
    .where(source.awaiting)
    .all()
    .map(({ detailFrom, submittedAt, ...row }) => ({ ...row, itemType, detail: source.detail(detailFrom as never), submittedAt: submittedAt ?? new Date(0) }));
}

export function listReviewQueue(db: ExchangeDb, brokerId: string, filter: QueueFilter, now: Date, serviceLevelDays: number): QueueItem[] {
  const claims = db
    .select({ itemType: reviewClaims.itemType, itemId: reviewClaims.itemId, brokerId: reviewClaims.brokerId, name: users.displayName })
    .from(reviewClaims)
    .innerJoin(users, eq(users.id, reviewClaims.brokerId))
    .all();
  const claimOf = new Map(claims.map((claim) => [`${claim.itemType}:${claim.itemId}`, { id: claim.brokerId, name: claim.name }]));
  const items = (filter.type ? [filter.type] : reviewItemTypes).flatMap((itemType) => queueEntries(db, itemType));
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
  const source = reviewSources[itemType];
  return !!db
    .select({ id: source.id })
    .from(source.table)
    .where(and(eq(source.id, itemId), source.awaiting))
    .get();
}

export function claimItem(db: ExchangeDb, brokerId: string, itemType: ReviewItemType, itemId: number): void {
  db.transaction((tx) => {
    const existing = getClaim(tx, itemType, itemId);
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
    const existing = getClaim(tx, itemType, itemId);
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
  const claim = getClaim(tx, itemType, itemId);
  if (claim && claim.brokerId !== brokerId) throw new ConflictError("Another broker has claimed this item: only they can decide it");
}

export type DecisionInput = { decision: BrokerDecision; reason?: string; evidenceLevel?: number; evidenceJustification?: string };

function checkDecisionInput(input: DecisionInput) {
  if (decisionNeedsReason(input.decision) && !input.reason?.trim()) throw new NotAllowedError("Give a reason the submitter will see");
  if (input.evidenceLevel !== undefined && !input.evidenceJustification?.trim()) {
    throw new NotAllowedError("Give a one-line justification for the evidence level");
  }
}

function dropAssignment(tx: Pick<ExchangeDb, "delete">, itemType: ReviewItemType, itemId: number) {
  tx.delete(assignments)
    .where(aboutItem(assignments, itemType, itemId))
    .run();
}

/** A decision ends the item's claim and its assignment: a resubmission starts a fresh review. */
function dropClaim(tx: Pick<ExchangeDb, "delete">, itemType: ReviewItemType, itemId: number) {
  tx.delete(reviewClaims)
    .where(aboutItem(reviewClaims, itemType, itemId))
    .run();
  dropAssignment(tx, itemType, itemId);
}

function outcomeOf(decision: BrokerDecision) {
  return decision === "publish" ? ("published" as const) : decision === "request-changes" ? ("changes-requested" as const) : ("rejected" as const);
}

/** The reason the submitter sees: none when the item is published. */
function reasonFor(input: DecisionInput) {
  return input.decision === "publish" ? null : input.reason!.trim();
}

const decisionWords: Record<BrokerDecision, string> = { publish: "published", "request-changes": "needs changes", reject: "was rejected" };

/** The row of each type of queue item. */
type ReviewRows = { idea: IdeaRow; need: NeedRow; "case-study": CaseStudyRow; "outcome-update": OutcomeUpdateRow };

/** Applies the decision to the item; returns its audit entry's changes and who sent the item in. */
type ApplyDecision<Item> = (
  tx: ExchangeTx,
  item: Item,
) => {
  audit: { action?: string; before: Record<string, unknown>; after: Record<string, unknown> | null; reason?: string | null };
  /** Told "Your {subject} was published" (or needs changes, or was rejected). */
  submitter: { id: string | null; subject: string; link?: string };
};

/**
 * What every decision shares: a reason where one is owed (and a justification for an evidence
 * level); the item exists, waits for review and is not claimed by another broker; the audit
 * entry, the end of its claim and the submitter's notification.
 */
function decideItem<Type extends ReviewItemType>(
  db: ExchangeDb,
  brokerId: string,
  itemType: Type,
  itemId: number,
  input: DecisionInput,
  apply: ApplyDecision<ReviewRows[Type]>,
) {
  checkDecisionInput(input);
  const noun = reviewItemLabels[itemType].toLowerCase();
  const source = reviewSources[itemType];
  db.transaction((tx) => {
    const item = tx.select().from(source.table).where(eq(source.id, itemId)).get() as ReviewRows[Type] | undefined;
    if (!item) throw new NotFoundError(`No such ${noun}`);
    checkNotClaimedByOther(tx, brokerId, itemType, itemId);
    if (!isAwaitingReview(tx, itemType, itemId)) throw new ConflictError(`This ${noun} is not waiting for review`);
    const { audit, submitter } = apply(tx, item);
    recordAudit(tx, { itemType, itemId, actorId: brokerId, action: input.decision, reason: input.reason?.trim() || null, ...audit });
    dropClaim(tx, itemType, itemId);
    notifyUser(tx, submitter.id, { title: `Your ${submitter.subject} ${decisionWords[input.decision]}`, body: input.reason?.trim(), link: submitter.link });
  });
}

export function decideIdea(db: ExchangeDb, brokerId: string, ideaId: number, input: DecisionInput): void {
  decideItem(db, brokerId, "idea", ideaId, input, (tx, idea) => {
    const now = new Date();
    const evidence =
      input.decision === "publish" && input.evidenceLevel !== undefined
        ? { evidenceLevel: input.evidenceLevel, evidenceJustification: input.evidenceJustification!.trim() }
        : {};
    const reason = input.reason?.trim() || input.evidenceJustification?.trim() || null;
    enqueueSearchSync(tx, "ideas", [idea.id]);
    const submitter = { id: idea.ownerId, subject: `idea “${idea.title}”`, link: `/my/ideas/${idea.slug}` };
    if (idea.status === "published") return { audit: { ...decideIdeaEdits(tx, idea, input, evidence, now), reason }, submitter };
    const status = ideaStatusAfterDecision(input.decision);
    tx.update(ideas)
      .set({
        status,
        reviewOutcome: outcomeOf(input.decision),
        reviewReason: reasonFor(input),
        publishedAt: input.decision === "publish" ? (idea.publishedAt ?? now) : idea.publishedAt,
        submittedAt: null,
        updatedAt: now,
        ...evidence,
      })
      .where(eq(ideas.id, idea.id))
      .run();
    return {
      audit: {
        before: { status: idea.status, evidenceLevel: idea.evidenceLevel },
        after: { status, evidenceLevel: evidence.evidenceLevel ?? idea.evidenceLevel },
        reason,
      },
      submitter,
    };
  });
}

/** A decision on edits sent for review on a published idea: published, they apply and are kept as a revision. */
function decideIdeaEdits(tx: ExchangeTx, idea: typeof ideas.$inferSelect, input: DecisionInput, evidence: Partial<typeof ideas.$inferSelect>, now: Date) {
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
        reviewReason: reasonFor(input),
      })
      .where(eq(ideas.id, idea.id))
      .run();
  }
  return {
    action: `${input.decision} changes`,
    // The live values of the fields the edit touches; the proposed values are in the "changes sent for review" entry.
    before: Object.fromEntries(Object.keys(pending).map((field) => [field, (idea as Record<string, unknown>)[field] ?? null])),
    after: input.decision === "publish" ? { ...pending, ...evidence } : null,
  };
}

export function decideNeed(db: ExchangeDb, brokerId: string, needId: number, input: DecisionInput): void {
  decideItem(db, brokerId, "need", needId, input, (tx, need) => {
    const status = needStatusAfterDecision(input.decision);
    tx.update(needs)
      .set({ status, reviewOutcome: outcomeOf(input.decision), reviewReason: reasonFor(input), submittedAt: null, updatedAt: new Date() })
      .where(eq(needs.id, need.id))
      .run();
    enqueueSearchSync(tx, "needs", [need.id]);
    return {
      audit: { before: { status: need.status }, after: { status } },
      submitter: { id: need.ownerId, subject: `need “${need.title}”`, link: `/needs/${need.slug}` },
    };
  });
}

export function decideCaseStudy(db: ExchangeDb, brokerId: string, caseStudyId: number, input: DecisionInput): void {
  decideItem(db, brokerId, "case-study", caseStudyId, input, (tx, study) => {
    const reviewStatus = outcomeOf(input.decision);
    tx.update(caseStudies)
      .set({ reviewStatus, reviewReason: reasonFor(input) })
      .where(eq(caseStudies.id, study.id))
      .run();
    enqueueSearchSync(tx, "ideas", [study.ideaId]);
    const idea = tx.select({ slug: ideas.slug }).from(ideas).where(eq(ideas.id, study.ideaId)).get();
    return {
      audit: { before: { reviewStatus: "submitted" }, after: { reviewStatus } },
      submitter: {
        id: study.submittedById,
        subject: `case study of ${study.locality}`,
        // A case study drafted from an adopted match is its commissioner's to complete.
        link: study.matchId ? outcomePageLink(study.matchId) : idea ? `/my/ideas/${idea.slug}` : undefined,
      },
    };
  });
}

export function decideOutcomeUpdate(db: ExchangeDb, brokerId: string, updateId: number, input: DecisionInput): void {
  decideItem(db, brokerId, "outcome-update", updateId, input, (tx, update) => {
    const reviewStatus = outcomeOf(input.decision);
    tx.update(outcomeUpdates)
      .set({ reviewStatus, reviewReason: reasonFor(input), reviewedAt: new Date() })
      .where(eq(outcomeUpdates.id, update.id))
      .run();
    const study = tx
      .select({ locality: caseStudies.locality, ideaId: caseStudies.ideaId, reviewStatus: caseStudies.reviewStatus })
      .from(caseStudies)
      .where(eq(caseStudies.id, update.caseStudyId))
      .get();
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
    return {
      audit: { before: { reviewStatus: "submitted" }, after: { reviewStatus } },
      submitter: {
        id: update.submittedById,
        subject: `${outcomeUpdateName(update.monthsAfterAdoption)}${study ? ` on ${study.locality}` : ""}`,
        link: update.matchId ? outcomePageLink(update.matchId) : undefined,
      },
    };
  });
}

export type ReviewItem = NonNullable<ReturnType<typeof getReviewItem>>;

/** The name and email a broker sees for who sent an item in. */
function contactOf(db: ExchangeDb, userId: string | null) {
  return userId ? (db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, userId)).get() ?? null) : null;
}

/** The queue item as a broker reviews it: the full record plus, for ideas, the pending changes. */
export function getReviewItem(db: ExchangeDb, itemType: ReviewItemType, itemId: number) {
  if (itemType === "idea") {
    const idea = db.select().from(ideas).where(eq(ideas.id, itemId)).get();
    if (!idea) return null;
    const studies = db.select().from(caseStudies).where(eq(caseStudies.ideaId, idea.id)).all();
    return { itemType, idea, caseStudies: studies, owner: contactOf(db, idea.ownerId) } as const;
  }
  if (itemType === "need") {
    const need = db.select().from(needs).where(eq(needs.id, itemId)).get();
    if (!need) return null;
    return { itemType, need, owner: contactOf(db, need.ownerId) } as const;
  }
  if (itemType === "outcome-update") {
    const update = db.select().from(outcomeUpdates).where(eq(outcomeUpdates.id, itemId)).get();
    if (!update) return null;
    const caseStudy = db.select().from(caseStudies).where(eq(caseStudies.id, update.caseStudyId)).get();
    if (!caseStudy) return null;
    const idea = db.select({ slug: ideas.slug, title: ideas.title, status: ideas.status }).from(ideas).where(eq(ideas.id, caseStudy.ideaId)).get();
    // The case study's other updates, so the broker can read this one in sequence.
    const others = db
      .select()
      .from(outcomeUpdates)
      .where(and(eq(outcomeUpdates.caseStudyId, caseStudy.id), ne(outcomeUpdates.id, update.id)))
      .orderBy(asc(outcomeUpdates.id))
      .all();
    return { itemType, update, caseStudy, idea, submitter: contactOf(db, update.submittedById), others } as const;
  }
  const study = db.select().from(caseStudies).where(eq(caseStudies.id, itemId)).get();
  if (!study) return null;
  const idea = db.select({ slug: ideas.slug, title: ideas.title }).from(ideas).where(eq(ideas.id, study.ideaId)).get();
  return { itemType, caseStudy: study, idea, submitter: contactOf(db, study.submittedById) } as const;
}

/** The broker holding a claim on the item, and since when; null if unclaimed. */
export function getClaim(db: Pick<ExchangeDb, "select">, itemType: ReviewItemType, itemId: number) {
  return (
    db
      .select({ id: reviewClaims.id, brokerId: reviewClaims.brokerId, name: users.displayName, claimedAt: reviewClaims.claimedAt })
      .from(reviewClaims)
      .innerJoin(users, eq(users.id, reviewClaims.brokerId))
      .where(aboutItem(reviewClaims, itemType, itemId))
      .get() ?? null
  );
}
