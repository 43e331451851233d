// Admins' management of accounts: the user list, roles and organisation membership. Every
// change is written to the admin audit log in the same transaction.
import { asc, count, eq, or, sql } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { organisations, users } from "../../db/schema";
import type { Role } from "../domain/vocabulary";
import { recordAdminAudit } from "./audit.server";
import { notifyUser } from "./notifications.server";
import { NotAllowedError, NotFoundError } from "./errors.server";

export function listUsers(db: ExchangeDb, options: { q?: string; page?: number; perPage: number }) {
  const q = options.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // ESCAPE lets a search for "50%" or "a_b" match literally.
  const where = pattern ? or(sql`${users.displayName} like ${pattern} escape '\\'`, sql`${users.email} like ${pattern} escape '\\'`) : undefined;
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const page = Math.max(1, options.page ?? 1);
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .orderBy(asc(users.displayName), asc(users.email))
    .limit(options.perPage)
    .offset((page - 1) * options.perPage)
    .all();
  return { users: rows, total, page, totalPages: Math.max(1, Math.ceil(total / options.perPage)) };
}

export type AccountChange = { role: Role; organisationId: number | null };

/**
 * Sets a user's role and organisation. An admin cannot change their own role, so the
 * exchange always keeps the admin who is making changes. Returns what changed.
 */
export function updateUserAccount(db: ExchangeDb, actorId: string, userId: string, change: AccountChange): ("role" | "organisation")[] {
  return db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw new NotFoundError("No such user");
    const changed: ("role" | "organisation")[] = [];
    if (change.role !== user.role) {
      if (userId === actorId) throw new NotAllowedError("You cannot change your own role; ask another admin");
      tx.update(users).set({ role: change.role }).where(eq(users.id, userId)).run();
      recordAdminAudit(tx, {
        subjectType: "user",
        subjectId: userId,
        actorId,
        action: "role changed",
        before: { role: user.role },
        after: { role: change.role },
      });
      notifyUser(tx, userId, { title: `Your role on the exchange is now ${change.role}`, link: "/account" });
      changed.push("role");
    }
    if (change.organisationId !== user.organisationId) {
      const names = (id: number | null) =>
        id === null ? null : (tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get()?.name ?? undefined);
      const after = names(change.organisationId);
      if (after === undefined) throw new NotFoundError("No such organisation");
      tx.update(users).set({ organisationId: change.organisationId }).where(eq(users.id, userId)).run();
      recordAdminAudit(tx, {
        subjectType: "user",
        subjectId: userId,
        actorId,
        action: "organisation changed",
        before: { organisation: names(user.organisationId) ?? null },
        after: { organisation: after },
      });
      changed.push("organisation");
    }
    return changed;
  });
}

export function getUserWithOrganisation(db: ExchangeDb, userId: string) {
  return (
    db
      .select({
        id: users.id,
        displayName: users.displayName,
        email: users.email,
        role: users.role,
        notificationPreference: users.notificationPreference,
        organisationName: organisations.name,
        organisationSlug: organisations.slug,
      })
      .from(users)
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.id, userId))
      .get() ?? null
  );
}
