// Assigning a queue item or a match to a broker (issue 13, item 11). One assignee per item
// (assignments is unique on the item). For a review queue item the assignment is a claim made
// on the assignee's behalf: assigning moves the item's claim to the assignee, so the queue
// shows one owner, and releasing the claim or deciding the item ends the assignment (see
// releaseItem and the decisions in review.server.ts). A match has no claims: its assignment
// is who follows it up. Every assignment is audited ("assigned") and the assignee is told
// (in the site, and by email as they prefer) unless they assigned it to themselves.
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ExchangeDb } from "../../db/client";
import { assignments, caseStudies, ideas, matches, needs, outcomeUpdates, reviewClaims, users } from "../../db/schema";
import { assignableRoles, assignmentNotification } from "../domain/assignment";
import { isMatchOpen, openMatchStatuses } from "../domain/match-workflow";
import { reviewItemLabels } from "../domain/review-workflow";
import type { AuditItemType, ReviewItemType, Role } from "../domain/vocabulary";
import { matchStatusLabels } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { notifyUser } from "./notifications.server";
import { getClaim, isAwaitingReview } from "./review.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";
import { aboutItem } from "./item-records.server";

/** The assignee is not someone who works the queues (or not a user at all). */
export class AssigneeError extends Error {}

const isAssignable = (role: Role) => (assignableRoles as readonly Role[]).includes(role);

/** Everyone who can be assigned work: brokers and admins, by name. */
export function listAssignableBrokers(db: ExchangeDb): { id: string; name: string }[] {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.role, [...assignableRoles]))
    .orderBy(asc(users.displayName))
    .all();
}

/** "Lisbon (Men's sheds)": a case study by its place and its idea. */
function caseStudyTitle(db: Pick<ExchangeDb, "select">, caseStudyId: number | undefined): string | null {
  if (caseStudyId === undefined) return null;
  const row = db
    .select({ locality: caseStudies.locality, idea: ideas.title })
    .from(caseStudies)
    .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
    .where(eq(caseStudies.id, caseStudyId))
    .get();
  return row ? `${row.locality} (${row.idea})` : null;
}

const withLabel = (itemType: ReviewItemType, title: string | null) => (title === null ? null : `${reviewItemLabels[itemType]}: ${title}`);

const itemTitles: Record<AuditItemType, (db: Pick<ExchangeDb, "select">, itemId: number) => string | null> = {
  idea: (db, itemId) => db.select({ title: ideas.title }).from(ideas).where(eq(ideas.id, itemId)).get()?.title ?? null,
  need: (db, itemId) => db.select({ title: needs.title }).from(needs).where(eq(needs.id, itemId)).get()?.title ?? null,
  "case-study": (db, itemId) => withLabel("case-study", caseStudyTitle(db, itemId)),
  "outcome-update": (db, itemId) => {
    const update = db.select({ caseStudyId: outcomeUpdates.caseStudyId }).from(outcomeUpdates).where(eq(outcomeUpdates.id, itemId)).get();
    return withLabel("outcome-update", caseStudyTitle(db, update?.caseStudyId));
  },
  match: (db, itemId) => {
    const row = db
      .select({ idea: ideas.title, need: needs.title })
      .from(matches)
      .innerJoin(ideas, eq(ideas.id, matches.ideaId))
      .innerJoin(needs, eq(needs.id, matches.needId))
      .where(eq(matches.id, itemId))
      .get();
    return row ? `${row.idea} for ${row.need}` : null;
  },
};

/** The item's title as the assignee's notification and the audit log name it; null if there is no such item. */
export function assignableItemTitle(db: Pick<ExchangeDb, "select">, itemType: AuditItemType, itemId: number): string | null {
  return itemTitles[itemType](db, itemId);
}

export function matchStatusOf(db: ExchangeDb, matchId: number) {
  return db.select({ status: matches.status }).from(matches).where(eq(matches.id, matchId)).get()?.status ?? null;
}

function itemLink(itemType: AuditItemType, itemId: number): string {
  return itemType === "match" ? `/matches/${itemId}` : `/broker/${itemType}/${itemId}`;
}

const assigners = alias(users, "assigners");

/** Who an item is assigned to, by whom and with what note; null if no one. */
export function getAssignment(db: ExchangeDb, itemType: AuditItemType, itemId: number) {
  return (
    db
      .select({
        assigneeId: assignments.assigneeId,
        assigneeName: users.displayName,
        assignedById: assignments.assignedById,
        assignedByName: assigners.displayName,
        note: assignments.note,
        assignedAt: assignments.assignedAt,
      })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.assigneeId))
      .leftJoin(assigners, eq(assigners.id, assignments.assignedById))
      .where(aboutItem(assignments, itemType, itemId))
      .get() ?? null
  );
}

/** Every assignment of these item types, keyed "type:id" (for the queues' Assigned to column). */
export function assignmentsByItem(db: ExchangeDb, itemTypes: readonly AuditItemType[]): Map<string, { id: string; name: string }> {
  if (!itemTypes.length) return new Map();
  const rows = db
    .select({ itemType: assignments.itemType, itemId: assignments.itemId, assigneeId: assignments.assigneeId, name: users.displayName })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.assigneeId))
    .where(inArray(assignments.itemType, [...itemTypes]))
    .all();
  return new Map(rows.map((row) => [`${row.itemType}:${row.itemId}`, { id: row.assigneeId, name: row.name }]));
}

/** Open matches assigned to this broker, for their "Assigned to me" view. */
export function listAssignedMatches(db: ExchangeDb, userId: string) {
  return db
    .select({
      id: matches.id,
      status: matches.status,
      dueAt: matches.dueAt,
      ideaTitle: ideas.title,
      needTitle: needs.title,
      assignedByName: assigners.displayName,
      note: assignments.note,
      assignedAt: assignments.assignedAt,
    })
    .from(assignments)
    .innerJoin(matches, eq(matches.id, assignments.itemId))
    .innerJoin(ideas, eq(ideas.id, matches.ideaId))
    .innerJoin(needs, eq(needs.id, matches.needId))
    .leftJoin(assigners, eq(assigners.id, assignments.assignedById))
    .where(and(eq(assignments.itemType, "match"), eq(assignments.assigneeId, userId), inArray(matches.status, [...openMatchStatuses])))
    .orderBy(asc(assignments.assignedAt))
    .all();
}

export type AssignInput = { itemType: AuditItemType; itemId: number; assigneeId: string; note?: string | null };

/**
 * Assigns an item to a broker (or admin). A queue item must be waiting for review, and one
 * claimed by another broker can be reassigned only by that broker or an admin; its claim moves
 * to the assignee. A match must be open. Throws NotFoundError, NotAllowedError (the actor may
 * not assign), AssigneeError (the assignee cannot be assigned work) or ConflictError.
 */
export function assignItem(db: ExchangeDb, actor: { id: string; role: Role }, input: AssignInput): void {
  if (!isAssignable(actor.role)) throw new NotAllowedError("Only brokers and admins can assign work");
  const note = input.note?.trim() || null;
  db.transaction((tx) => {
    const title = assignableItemTitle(tx, input.itemType, input.itemId);
    if (title === null) throw new NotFoundError(input.itemType === "match" ? "There is no such match" : "There is no such review item");
    const assignee = tx.select({ id: users.id, name: users.displayName, role: users.role }).from(users).where(eq(users.id, input.assigneeId)).get();
    if (!assignee) throw new AssigneeError("Choose a broker from the list");
    if (!isAssignable(assignee.role)) throw new AssigneeError(`${assignee.name} is not a broker: only brokers and admins can be assigned work`);
    const previous = tx
      .select({ assigneeId: assignments.assigneeId, name: users.displayName })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.assigneeId))
      .where(aboutItem(assignments, input.itemType, input.itemId))
      .get();

    if (input.itemType === "match") {
      const match = tx.select({ status: matches.status }).from(matches).where(eq(matches.id, input.itemId)).get()!;
      if (!isMatchOpen(match.status))
        throw new ConflictError(`This match is ${matchStatusLabels[match.status].toLowerCase()}: there is nothing left to assign`);
    } else {
      const itemType = input.itemType;
      if (!isAwaitingReview(tx, itemType, input.itemId)) throw new ConflictError("This item is not waiting for review");
      const claim = getClaim(tx, itemType, input.itemId);
      if (claim && claim.brokerId !== actor.id && actor.role !== "admin") {
        throw new ConflictError(`${claim.name} has claimed this item: only they or an admin can assign it`);
      }
      // The claim follows the assignment, so the queue shows one owner.
      if (claim?.brokerId !== assignee.id) {
        if (claim) tx.delete(reviewClaims).where(eq(reviewClaims.id, claim.id)).run();
        tx.insert(reviewClaims).values({ itemType, itemId: input.itemId, brokerId: assignee.id }).run();
      }
    }

    tx.insert(assignments)
      .values({ itemType: input.itemType, itemId: input.itemId, assigneeId: assignee.id, assignedById: actor.id, note, assignedAt: new Date() })
      .onConflictDoUpdate({
        target: [assignments.itemType, assignments.itemId],
        set: { assigneeId: assignee.id, assignedById: actor.id, note, assignedAt: new Date() },
      })
      .run();
    recordAudit(tx, {
      itemType: input.itemType,
      itemId: input.itemId,
      actorId: actor.id,
      action: "assigned",
      before: previous ? { assignedTo: previous.name } : null,
      after: { assignedTo: assignee.name },
      reason: note,
    });
    if (assignee.id !== actor.id) {
      const assignedBy = tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.id)).get()?.name ?? "A broker";
      notifyUser(tx, assignee.id, {
        ...assignmentNotification({ itemType: input.itemType, title, assignedBy, note }),
        link: itemLink(input.itemType, input.itemId),
      });
    }
  });
}
