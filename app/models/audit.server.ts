import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ExchangeDb } from "../../db/client";
import { adminAuditLog, auditLog, brokerNotes, organisations, users } from "../../db/schema";
import type { AuditItemType } from "../domain/vocabulary";
import { aboutItem, selectWithMaker } from "./item-records.server";

type Tx = Pick<ExchangeDb, "insert">;

export function recordAudit(
  tx: Tx,
  entry: {
    itemType: AuditItemType;
    itemId: number;
    actorId: string | null;
    action: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    reason?: string | null;
    /** When it happened, if not now (demo data records a backdated history). */
    at?: Date;
  },
): void {
  const { at, ...fields } = entry;
  tx.insert(auditLog)
    .values({ ...fields, before: entry.before ?? null, after: entry.after ?? null, reason: entry.reason ?? null, ...(at ? { createdAt: at } : {}) })
    .run();
}

export function listAuditLog(db: ExchangeDb, itemType: AuditItemType, itemId: number) {
  return selectWithMaker(db, auditLog, auditLog.actorId, {
    id: auditLog.id,
    action: auditLog.action,
    before: auditLog.before,
    after: auditLog.after,
    reason: auditLog.reason,
    createdAt: auditLog.createdAt,
    actorName: users.displayName,
  })
    .where(aboutItem(auditLog, itemType, itemId))
    .orderBy(desc(auditLog.id))
    .all();
}

export function addBrokerNote(db: ExchangeDb, authorId: string, itemType: AuditItemType, itemId: number, body: string): void {
  db.insert(brokerNotes).values({ authorId, itemType, itemId, body }).run();
}

export function listBrokerNotes(db: ExchangeDb, itemType: AuditItemType, itemId: number) {
  const fields = { id: brokerNotes.id, body: brokerNotes.body, createdAt: brokerNotes.createdAt, authorName: users.displayName };
  return selectWithMaker(db, brokerNotes, brokerNotes.authorId, fields)
    .where(aboutItem(brokerNotes, itemType, itemId))
    .orderBy(asc(brokerNotes.id))
    .all();
}

/** Admins' changes to accounts and organisations; call inside the change's transaction. */
export function recordAdminAudit(
  tx: Tx,
  entry: {
    subjectType: "user" | "organisation";
    subjectId: string | number;
    actorId: string | null;
    action: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
): void {
  tx.insert(adminAuditLog)
    .values({ ...entry, subjectId: String(entry.subjectId), before: entry.before ?? null, after: entry.after ?? null })
    .run();
}

const subjectUsers = alias(users, "subject_users");

export function listAdminAudit(db: ExchangeDb, options: { limit?: number } = {}) {
  return db
    .select({
      id: adminAuditLog.id,
      subjectType: adminAuditLog.subjectType,
      subjectId: adminAuditLog.subjectId,
      subjectName: sql<string | null>`coalesce(${subjectUsers.displayName}, ${organisations.name})`,
      action: adminAuditLog.action,
      before: adminAuditLog.before,
      after: adminAuditLog.after,
      createdAt: adminAuditLog.createdAt,
      actorName: users.displayName,
    })
    .from(adminAuditLog)
    .leftJoin(users, eq(users.id, adminAuditLog.actorId))
    .leftJoin(subjectUsers, and(eq(adminAuditLog.subjectType, "user"), eq(subjectUsers.id, adminAuditLog.subjectId)))
    .leftJoin(organisations, and(eq(adminAuditLog.subjectType, "organisation"), eq(sql`cast(${organisations.id} as text)`, adminAuditLog.subjectId)))
    .orderBy(desc(adminAuditLog.id))
    .limit(options.limit ?? 50)
    .all();
}
