// The daily digest: one email per user who chose "daily", listing their notifications since
// their last digest. Run hourly by the mail jobs (app/models/mail-jobs.server.ts) and by
// `npm run exchange -- digest`.
import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { emailOutbox, notifications, users } from "../../db/schema";
import { buildDigestEmail, digestDue, digestWindowStart } from "../domain/notification-digest";

export type DigestRun = { usersChecked: number; digestsQueued: number };

export function buildDailyDigests(db: ExchangeDb, now: Date, options: { ignoreHour?: boolean; hourUtc?: number } = {}): DigestRun {
  const candidates = db.select({ id: users.id }).from(users).where(eq(users.notificationPreference, "daily")).all();
  const run: DigestRun = { usersChecked: 0, digestsQueued: 0 };
  for (const candidate of candidates) {
    // One short IMMEDIATE transaction per user: re-reading the user inside it means the app
    // and the CLI running at the same moment cannot both build the same digest.
    const queued = db.transaction(
      (tx) => {
        const user = tx
          .select({ email: users.email, displayName: users.displayName, preference: users.notificationPreference, lastDigestAt: users.lastDigestAt })
          .from(users)
          .where(eq(users.id, candidate.id))
          .get();
        if (!user || user.preference !== "daily" || !digestDue(user.lastDigestAt, now, options)) return null;
        run.usersChecked++;
        const items = tx
          .select({ title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt })
          .from(notifications)
          .where(
            and(
              eq(notifications.userId, candidate.id),
              gt(notifications.createdAt, digestWindowStart(user.lastDigestAt, now)),
              lte(notifications.createdAt, now),
            ),
          )
          .orderBy(asc(notifications.id))
          .all();
        if (items.length) {
          const email = buildDigestEmail(user.displayName, items, now);
          tx.insert(emailOutbox).values({ userId: candidate.id, toAddress: user.email, subject: email.subject, body: email.body, kind: "digest" }).run();
        }
        // The window moves on even when it was empty, so the next digest starts here.
        tx.update(users).set({ lastDigestAt: now }).where(eq(users.id, candidate.id)).run();
        return items.length > 0;
      },
      { behavior: "immediate" },
    );
    if (queued) run.digestsQueued++;
  }
  return run;
}
