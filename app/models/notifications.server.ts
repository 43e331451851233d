// In-app notifications, with email through the email outbox according to each user's
// preference (immediately, in a daily digest, or off).
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { emailOutbox, notifications, users } from "../../db/schema";
import type { NotificationPreference } from "../domain/vocabulary";
import { linkLine } from "../domain/notification-digest";

type Tx = Pick<ExchangeDb, "insert" | "select">;

export type NotificationInput = { title: string; body?: string; link?: string };

/** Call inside the transaction of the change being announced. */
export function notifyUser(tx: Tx, userId: string | null | undefined, input: NotificationInput): void {
  if (!userId) return;
  const user = tx.select({ email: users.email, preference: users.notificationPreference }).from(users).where(eq(users.id, userId)).get();
  if (!user) return;
  tx.insert(notifications)
    .values({ userId, title: input.title, body: input.body ?? null, link: input.link ?? null })
    .run();
  if (user.preference === "immediately") {
    tx.insert(emailOutbox)
      .values({
        userId,
        toAddress: user.email,
        subject: `Innovation Exchange: ${input.title}`,
        body: [input.body, input.link ? linkLine(input.link) : null].filter(Boolean).join("\n\n"),
        kind: "immediate",
      })
      .run();
  }
}

export function unreadNotificationCount(db: ExchangeDb, userId: string): number {
  const [row] = db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .all();
  return row?.n ?? 0;
}

export function listNotifications(db: ExchangeDb, userId: string, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(limit).all();
}

export function markAllNotificationsRead(db: ExchangeDb, userId: string): void {
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}

export function getNotificationPreference(db: ExchangeDb, userId: string): NotificationPreference {
  return db.select({ preference: users.notificationPreference }).from(users).where(eq(users.id, userId)).get()?.preference ?? "immediately";
}

/**
 * Choosing the daily digest starts the digest window now, so the first digest does not
 * repeat notifications already emailed (or deliberately not emailed) under the old choice.
 */
export function setNotificationPreference(db: ExchangeDb, userId: string, preference: NotificationPreference): void {
  db.transaction((tx) => {
    const current = tx.select({ preference: users.notificationPreference }).from(users).where(eq(users.id, userId)).get();
    if (!current || current.preference === preference) return;
    tx.update(users)
      .set({ notificationPreference: preference, ...(preference === "daily" ? { lastDigestAt: new Date() } : {}) })
      .where(eq(users.id, userId))
      .run();
  });
}
