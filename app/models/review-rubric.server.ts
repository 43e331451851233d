// Brokers' rubric scores on queue items (issue 13, item 10): each scoring is a row of
// review_scores (criterion -> 0..4, and the total) and an audit entry ("scored"); the latest
// row is the item's score, shown on its page and in the queue.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { reviewScores, users } from "../../db/schema";
import { checkScores } from "../domain/review-rubric";
import type { ReviewItemType } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { aboutItem, selectWithMaker } from "./item-records.server";

/** Scores that do not fit the item type's rubric: one message per criterion (or unknown key). */
export class ScoreValidationError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? "Those scores do not fit the rubric");
  }
}

/** Saves one broker's scoring of an item with its audit entry, in one transaction; nothing is saved if any score is invalid. */
export function saveReviewScore(
  db: ExchangeDb,
  brokerId: string,
  itemType: ReviewItemType,
  itemId: number,
  raw: Record<string, unknown>,
): { id: number; total: number } {
  const checked = checkScores(itemType, raw);
  if (!checked.ok) throw new ScoreValidationError(checked.errors);
  return db.transaction((tx) => {
    const row = tx
      .insert(reviewScores)
      .values({ itemType, itemId, brokerId, scores: checked.scores, total: checked.total })
      .returning({ id: reviewScores.id })
      .get();
    recordAudit(tx, { itemType, itemId, actorId: brokerId, action: "scored", after: { scores: checked.scores, total: checked.total } });
    return { id: row.id, total: checked.total };
  });
}

/** The item's latest scoring (by any broker), with who scored it; null if it has none. */
export function latestReviewScore(db: ExchangeDb, itemType: ReviewItemType, itemId: number) {
  const fields = {
    id: reviewScores.id,
    scores: reviewScores.scores,
    total: reviewScores.total,
    brokerId: reviewScores.brokerId,
    brokerName: users.displayName,
    createdAt: reviewScores.createdAt,
  };
  return (
    selectWithMaker(db, reviewScores, reviewScores.brokerId, fields)
      .where(aboutItem(reviewScores, itemType, itemId))
      .orderBy(desc(reviewScores.id))
      .get() ?? null
  );
}

/** This broker's latest scores of the item, to fill the form when they score it again. */
export function myLatestScores(db: ExchangeDb, brokerId: string, itemType: ReviewItemType, itemId: number): Record<string, number> | null {
  return (
    db
      .select({ scores: reviewScores.scores })
      .from(reviewScores)
      .where(and(aboutItem(reviewScores, itemType, itemId), eq(reviewScores.brokerId, brokerId)))
      .orderBy(desc(reviewScores.id))
      .get()?.scores ?? null
  );
}

/** Every item's latest total, keyed "type:id" (for the queue's Score column). */
export function latestTotals(db: ExchangeDb, itemTypes: readonly ReviewItemType[]): Map<string, number> {
  if (!itemTypes.length) return new Map();
  const latest = db
    .select({ id: sql<number>`max(${reviewScores.id})` })
    .from(reviewScores)
    .where(inArray(reviewScores.itemType, [...itemTypes]))
    .groupBy(reviewScores.itemType, reviewScores.itemId);
  const rows = db
    .select({ itemType: reviewScores.itemType, itemId: reviewScores.itemId, total: reviewScores.total })
    .from(reviewScores)
    .where(inArray(reviewScores.id, latest))
    .all();
  return new Map(rows.map((row) => [`${row.itemType}:${row.itemId}`, row.total]));
}
