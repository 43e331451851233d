// Living case studies: an adopted match becomes a case study draft of its idea (reviewed by a
// broker before it is shown), and its commissioner is asked for outcomes 6, 12 and 24 months on.
// Their outcome updates go through the broker queue (review.server.ts) and, once published,
// show under the case study on the idea's page.
import { and, asc, desc, eq, inArray, isNull, lte, max } from "drizzle-orm";
import type { ExchangeDb, ExchangeTx } from "../../db/client";
import {
  caseStudies,
  ideas,
  matches,
  needs,
  organisations,
  outcomeReminders,
  outcomeUpdates,
  type CaseStudyRow,
  type IdeaRow,
  type MatchRow,
  type NeedRow,
} from "../../db/schema";
import { formatDay, milestoneBlocker, outcomePageLink, reminderBatches } from "../domain/living-case-studies";
import { addMonths, outcomeReminderMonths } from "../domain/match-workflow";
import { recordAudit } from "./audit.server";
import { notifyUser } from "./notifications.server";
import { enqueueSearchSync } from "./search-outbox.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";

/** Call inside the transaction that moves the match to `adopted`. Returns the case study id. */
export function draftLivingCaseStudy(tx: ExchangeTx, match: MatchRow, need: NeedRow, idea: IdeaRow, now: Date): number {
  const organisation = need.organisationId
    ? tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, need.organisationId)).get()
    : undefined;
  const [{ last }] = tx
    .select({ last: max(caseStudies.position) })
    .from(caseStudies)
    .where(eq(caseStudies.ideaId, idea.id))
    .all();
  const study = tx
    .insert(caseStudies)
    .values({
      ideaId: idea.id,
      position: (last ?? -1) + 1,
      locality: need.locality ?? organisation?.name ?? need.title,
      country: need.country,
      year: now.getUTCFullYear(),
      status: "adopted",
      outcomes: null,
      lessons: null,
      reviewStatus: "submitted",
      submittedById: need.ownerId,
      submittedAt: now,
      matchId: match.id,
      createdAt: now,
    })
    .returning({ id: caseStudies.id })
    .get();
  for (const months of outcomeReminderMonths) {
    tx.insert(outcomeReminders)
      .values({ matchId: match.id, caseStudyId: study.id, monthsAfterAdoption: months, dueAt: addMonths(now, months) })
      .run();
  }
  recordAudit(tx, {
    itemType: "case-study",
    itemId: study.id,
    actorId: null,
    action: "draft-from-match",
    after: { matchId: match.id, reviewStatus: "submitted" },
  });
  return study.id;
}

// ---------------------------------------------------------------------------------------
// Reminders

export type ReminderRun = { remindersDue: number; notified: number };

/**
 * Asks commissioners for the outcome updates that have fallen due (dueAt ≤ now, not yet sent):
 * a notification (and an email, as each one prefers) linking to the update form. Idempotent:
 * a reminder is marked sent in the same transaction, and one another process marked first is
 * skipped. A milestone the commissioner has already written is marked sent without asking.
 */
export function sendDueOutcomeReminders(db: ExchangeDb, now = new Date()): ReminderRun {
  return db.transaction((tx) => {
    const due = tx
      .select({
        id: outcomeReminders.id,
        matchId: outcomeReminders.matchId,
        caseStudyId: outcomeReminders.caseStudyId,
        monthsAfterAdoption: outcomeReminders.monthsAfterAdoption,
        dueAt: outcomeReminders.dueAt,
      })
      .from(outcomeReminders)
      .where(and(isNull(outcomeReminders.sentAt), lte(outcomeReminders.dueAt, now)))
      .orderBy(asc(outcomeReminders.matchId), asc(outcomeReminders.monthsAfterAdoption))
      .all();
    let notified = 0;
    for (const batch of reminderBatches(due)) {
      const marked = tx
        .update(outcomeReminders)
        .set({ sentAt: now })
        .where(
          and(
            inArray(
              outcomeReminders.id,
              batch.all.map((reminder) => reminder.id),
            ),
            isNull(outcomeReminders.sentAt),
          ),
        )
        .run();
      if (marked.changes === 0) continue;
      const row = tx
        .select({ status: matches.status, adoptedAt: matches.statusChangedAt, ownerId: needs.ownerId, needTitle: needs.title, ideaTitle: ideas.title })
        .from(matches)
        .innerJoin(needs, eq(needs.id, matches.needId))
        .innerJoin(ideas, eq(ideas.id, matches.ideaId))
        .where(eq(matches.id, batch.matchId))
        .get();
      if (!row || row.status !== "adopted" || !row.ownerId) continue;
      const written = tx
        .select({ monthsAfterAdoption: outcomeUpdates.monthsAfterAdoption, reviewStatus: outcomeUpdates.reviewStatus })
        .from(outcomeUpdates)
        .where(eq(outcomeUpdates.matchId, batch.matchId))
        .all();
      const months = batch.latest.monthsAfterAdoption;
      if (milestoneBlocker(months, written) !== null) continue;
      notifyUser(tx, row.ownerId, {
        title: `Your ${months}-month outcome update on “${row.ideaTitle}” is due`,
        body:
          `You adopted “${row.ideaTitle}” for “${row.needTitle}”${row.adoptedAt ? ` on ${formatDay(row.adoptedAt)}` : ""}. ` +
          "Tell other commissioners what has changed since: a broker reviews your update, then it is published with the idea's case study.",
        link: outcomePageLink(batch.matchId, months),
      });
      notified++;
    }
    return { remindersDue: due.length, notified };
  });
}

// ---------------------------------------------------------------------------------------
// The commissioner's page

export type OutcomeActor = { id: string; role: string };

function loadOwnAdoptedMatch(db: Pick<ExchangeDb, "select">, actor: OutcomeActor, matchId: number) {
  const row = db
    .select({
      match: matches,
      need: { id: needs.id, slug: needs.slug, title: needs.title, status: needs.status, ownerId: needs.ownerId },
      idea: { id: ideas.id, slug: ideas.slug, title: ideas.title },
    })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(ideas, eq(ideas.id, matches.ideaId))
    .where(eq(matches.id, matchId))
    .get();
  if (!row) throw new NotFoundError("There is no such match.");
  if (actor.role !== "commissioner" || row.need.ownerId !== actor.id)
    throw new NotAllowedError("Only the commissioner of this match can write its outcome updates.");
  if (row.match.status !== "adopted") throw new NotFoundError("Outcome updates open once the match is adopted.");
  const study = db.select().from(caseStudies).where(eq(caseStudies.matchId, matchId)).orderBy(asc(caseStudies.id)).get();
  if (!study) throw new NotFoundError("This adopted match has no case study.");
  return { ...row, caseStudy: study };
}

export function getLivingCaseStudy(db: ExchangeDb, actor: OutcomeActor, matchId: number) {
  const { match, need, idea, caseStudy } = loadOwnAdoptedMatch(db, actor, matchId);
  const reminders = db
    .select({ monthsAfterAdoption: outcomeReminders.monthsAfterAdoption, dueAt: outcomeReminders.dueAt, sentAt: outcomeReminders.sentAt })
    .from(outcomeReminders)
    .where(eq(outcomeReminders.matchId, matchId))
    .orderBy(asc(outcomeReminders.monthsAfterAdoption))
    .all();
  const updates = db.select().from(outcomeUpdates).where(eq(outcomeUpdates.matchId, matchId)).orderBy(asc(outcomeUpdates.id)).all();
  return { match: { id: match.id, adoptedAt: match.statusChangedAt ?? match.updatedAt }, need, idea, caseStudy, reminders, updates };
}

export type OutcomeUpdateInput = { monthsAfterAdoption: number | null; outcomes: string };

export function submitOutcomeUpdate(db: ExchangeDb, actor: OutcomeActor, matchId: number, input: OutcomeUpdateInput, now = new Date()): number {
  return db.transaction((tx) => {
    const { caseStudy } = loadOwnAdoptedMatch(tx, actor, matchId);
    if (input.monthsAfterAdoption !== null && !(outcomeReminderMonths as readonly number[]).includes(input.monthsAfterAdoption)) {
      throw new ConflictError("Choose the 6, 12 or 24-month update, or an update between milestones.");
    }
    const existing = tx
      .select({ monthsAfterAdoption: outcomeUpdates.monthsAfterAdoption, reviewStatus: outcomeUpdates.reviewStatus })
      .from(outcomeUpdates)
      .where(eq(outcomeUpdates.matchId, matchId))
      .all();
    const blocker = milestoneBlocker(input.monthsAfterAdoption, existing);
    if (blocker) throw new ConflictError(blocker);
    const update = tx
      .insert(outcomeUpdates)
      .values({
        caseStudyId: caseStudy.id,
        matchId,
        monthsAfterAdoption: input.monthsAfterAdoption,
        outcomes: input.outcomes.trim(),
        reviewStatus: "submitted",
        submittedById: actor.id,
        submittedAt: now,
        createdAt: now,
      })
      .returning({ id: outcomeUpdates.id })
      .get();
    // Written before its reminder fell due: no need to ask for it any more.
    if (input.monthsAfterAdoption !== null) {
      tx.update(outcomeReminders)
        .set({ sentAt: now })
        .where(and(eq(outcomeReminders.matchId, matchId), eq(outcomeReminders.monthsAfterAdoption, input.monthsAfterAdoption), isNull(outcomeReminders.sentAt)))
        .run();
    }
    recordAudit(tx, {
      itemType: "outcome-update",
      itemId: update.id,
      actorId: actor.id,
      action: "submitted",
      after: { reviewStatus: "submitted", monthsAfterAdoption: input.monthsAfterAdoption, caseStudyId: caseStudy.id },
    });
    return update.id;
  });
}

/** Sends an update back to the broker after they asked for changes. */
export function resubmitOutcomeUpdate(db: ExchangeDb, actor: OutcomeActor, matchId: number, updateId: number, outcomes: string, now = new Date()): void {
  db.transaction((tx) => {
    loadOwnAdoptedMatch(tx, actor, matchId);
    const update = tx
      .select()
      .from(outcomeUpdates)
      .where(and(eq(outcomeUpdates.id, updateId), eq(outcomeUpdates.matchId, matchId)))
      .get();
    if (!update) throw new ConflictError("That update was not found on this match.");
    if (update.reviewStatus !== "changes-requested") throw new ConflictError("Only an update the broker sent back for changes can be edited.");
    tx.update(outcomeUpdates).set({ outcomes: outcomes.trim(), reviewStatus: "submitted", submittedAt: now }).where(eq(outcomeUpdates.id, update.id)).run();
    recordAudit(tx, {
      itemType: "outcome-update",
      itemId: update.id,
      actorId: actor.id,
      action: "resubmitted",
      before: { reviewStatus: update.reviewStatus, outcomes: update.outcomes },
      after: { reviewStatus: "submitted", outcomes: outcomes.trim() },
    });
  });
}

/**
 * The commissioner completes the case study drafted from the match (its outcomes and lessons)
 * while it is not published: waiting for review, sent back, or rejected. Saving sends it
 * (back) to the broker queue.
 */
export function editLivingCaseStudy(
  db: ExchangeDb,
  actor: OutcomeActor,
  matchId: number,
  input: { outcomes: string; lessons?: string | null },
  now = new Date(),
): void {
  db.transaction((tx) => {
    const { caseStudy } = loadOwnAdoptedMatch(tx, actor, matchId);
    if (caseStudy.reviewStatus === "published") throw new ConflictError("The case study is published: add what has happened since as an outcome update.");
    const lessons = input.lessons?.trim() || null;
    tx.update(caseStudies)
      .set({ outcomes: input.outcomes.trim(), lessons, reviewStatus: "submitted", submittedAt: now })
      .where(eq(caseStudies.id, caseStudy.id))
      .run();
    recordAudit(tx, {
      itemType: "case-study",
      itemId: caseStudy.id,
      actorId: actor.id,
      action: caseStudy.reviewStatus === "submitted" ? "edited" : "resubmitted",
      before: { reviewStatus: caseStudy.reviewStatus, outcomes: caseStudy.outcomes, lessons: caseStudy.lessons },
      after: { reviewStatus: "submitted", outcomes: input.outcomes.trim(), lessons },
    });
    enqueueSearchSync(tx, "ideas", [caseStudy.ideaId]);
  });
}

// ---------------------------------------------------------------------------------------
// Public

export type PublishedOutcomeUpdate = {
  id: number;
  caseStudyId: number;
  monthsAfterAdoption: number | null;
  outcomes: string;
  submittedAt: Date | null;
  publishedAt: Date | null;
};

/** Published outcome updates of these case studies, oldest first, by case study. */
export function publishedOutcomeUpdates(db: Pick<ExchangeDb, "select">, caseStudyIds: number[]): Map<number, PublishedOutcomeUpdate[]> {
  const byStudy = new Map<number, PublishedOutcomeUpdate[]>();
  if (!caseStudyIds.length) return byStudy;
  const rows = db
    .select({
      id: outcomeUpdates.id,
      caseStudyId: outcomeUpdates.caseStudyId,
      monthsAfterAdoption: outcomeUpdates.monthsAfterAdoption,
      outcomes: outcomeUpdates.outcomes,
      submittedAt: outcomeUpdates.submittedAt,
      publishedAt: outcomeUpdates.reviewedAt,
    })
    .from(outcomeUpdates)
    .where(and(inArray(outcomeUpdates.caseStudyId, caseStudyIds), eq(outcomeUpdates.reviewStatus, "published")))
    .orderBy(asc(outcomeUpdates.caseStudyId), asc(outcomeUpdates.submittedAt), asc(outcomeUpdates.id))
    .all();
  for (const row of rows) byStudy.set(row.caseStudyId, [...(byStudy.get(row.caseStudyId) ?? []), row]);
  return byStudy;
}

// ---------------------------------------------------------------------------------------
// The commissioner's list

export type LivingCaseStudySummary = {
  matchId: number;
  ideaTitle: string;
  needTitle: string;
  locality: string;
  caseStudyReviewStatus: CaseStudyRow["reviewStatus"];
  adoptedAt: Date;
  /** The next milestone not yet written, with its due date; null once all three are written. */
  next: { months: number; dueAt: Date } | null;
  updates: { published: number; waiting: number; sentBack: number };
};

/** The adopted matches of a commissioner's needs, with their case study and outcome updates, newest first. */
export function listLivingCaseStudies(db: ExchangeDb, userId: string): LivingCaseStudySummary[] {
  const rows = db
    .select({ match: matches, ideaTitle: ideas.title, needTitle: needs.title, study: caseStudies })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(ideas, eq(ideas.id, matches.ideaId))
    .innerJoin(caseStudies, eq(caseStudies.matchId, matches.id))
    .where(and(eq(needs.ownerId, userId), eq(matches.status, "adopted")))
    .orderBy(desc(matches.statusChangedAt), desc(matches.id))
    .all();
  if (!rows.length) return [];
  const matchIds = rows.map((row) => row.match.id);
  const reminders = db
    .select()
    .from(outcomeReminders)
    .where(inArray(outcomeReminders.matchId, matchIds))
    .orderBy(asc(outcomeReminders.monthsAfterAdoption))
    .all();
  const updates = db
    .select({ matchId: outcomeUpdates.matchId, monthsAfterAdoption: outcomeUpdates.monthsAfterAdoption, reviewStatus: outcomeUpdates.reviewStatus })
    .from(outcomeUpdates)
    .where(inArray(outcomeUpdates.matchId, matchIds))
    .all();
  const seen = new Set<number>();
  return rows.flatMap((row) => {
    // One entry per match (its first case study, as on the outcome page).
    if (seen.has(row.match.id)) return [];
    seen.add(row.match.id);
    const own = updates.filter((update) => update.matchId === row.match.id);
    const next = reminders.find((reminder) => reminder.matchId === row.match.id && milestoneBlocker(reminder.monthsAfterAdoption, own) === null);
    return [
      {
        matchId: row.match.id,
        ideaTitle: row.ideaTitle,
        needTitle: row.needTitle,
        locality: row.study.locality,
        caseStudyReviewStatus: row.study.reviewStatus,
        adoptedAt: row.match.statusChangedAt ?? row.match.updatedAt,
        next: next ? { months: next.monthsAfterAdoption, dueAt: next.dueAt } : null,
        updates: {
          published: own.filter((update) => update.reviewStatus === "published").length,
          waiting: own.filter((update) => update.reviewStatus === "submitted").length,
          sentBack: own.filter((update) => update.reviewStatus === "changes-requested").length,
        },
      },
    ];
  });
}
