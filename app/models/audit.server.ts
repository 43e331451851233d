import { and, asc, desc, eq } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { auditLog, brokerNotes, users } from "../../db/schema";
import type { ReviewItemType } from "../domain/vocabulary";

type Tx = Pick<ExchangeDb, "insert">;

export function recordAudit(
  tx: Tx,
  entry: {
    itemType: ReviewItemType;
    itemId: number;
    actorId: string | null;
    action: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    reason?: string | null;
  },
): void {
  tx.insert(auditLog)
    .values({ ...entry, before: entry.before ?? null, after: entry.after ?? null, reason: entry.reason ?? null })
    .run();
}

export function listAuditLog(db: ExchangeDb, itemType: ReviewItemType, itemId: number) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.itemType, itemType), eq(auditLog.itemId, itemId)))
    .orderBy(desc(auditLog.id))
    .all();
}

export function addBrokerNote(db: ExchangeDb, authorId: string, itemType: ReviewItemType, itemId: number, body: string): void {
  db.insert(brokerNotes).values({ authorId, itemType, itemId, body }).run();
}

export function listBrokerNotes(db: ExchangeDb, itemType: ReviewItemType, itemId: number) {
  return db
    .select({ id: brokerNotes.id, body: brokerNotes.body, createdAt: brokerNotes.createdAt, authorName: users.displayName })
    .from(brokerNotes)
    .leftJoin(users, eq(users.id, brokerNotes.authorId))
    .where(and(eq(brokerNotes.itemType, itemType), eq(brokerNotes.itemId, itemId)))
    .orderBy(asc(brokerNotes.id))
    .all();
}
