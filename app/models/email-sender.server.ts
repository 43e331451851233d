// Sends the email outbox with nodemailer when SMTP_URL is set. Without it, rows stay
// unsent and the admins' dev mailbox (/admin/mailbox) shows them instead.
import { and, asc, count, desc, isNull, lt, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { ExchangeDb } from "../../db/client";
import { emailOutbox, type EmailOutboxRow } from "../../db/schema";
import { absoluteLinks } from "../domain/notification-digest";
import type { ExchangeEnv } from "../utils/env.server";

/** After this many failed attempts a row is left for a person to look at (the mailbox shows the error). */
export const MAX_EMAIL_ATTEMPTS = 5;

/** What the sender needs of a nodemailer transport (tests pass nodemailer's JSON transport). */
export type MailTransport = Pick<Transporter, "sendMail" | "close">;

/** An SMTP transport for SMTP_URL (e.g. smtps://user:pass@smtp.example.org:465), or null when unset. */
export function createMailTransport(env: Pick<ExchangeEnv, "SMTP_URL">): MailTransport | null {
  if (!env.SMTP_URL) return null;
  return nodemailer.createTransport(env.SMTP_URL);
}

export type SendResult = { sent: number; failed: number };

/**
 * Sends pending rows oldest first. A row is marked sent only once the transport accepted it;
 * a failure is counted and kept with its error, and retried on the next pass.
 */
export async function sendPendingEmails(
  db: ExchangeDb,
  transport: MailTransport,
  options: { from: string; publicUrl?: string; limit?: number },
): Promise<SendResult> {
  const rows = db
    .select()
    .from(emailOutbox)
    .where(and(isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, MAX_EMAIL_ATTEMPTS)))
    .orderBy(asc(emailOutbox.id))
    .limit(options.limit ?? 50)
    .all();
  const result: SendResult = { sent: 0, failed: 0 };
  for (const row of rows) {
    try {
      await transport.sendMail({ from: options.from, to: row.toAddress, subject: row.subject, text: absoluteLinks(row.body, options.publicUrl) });
      db.update(emailOutbox)
        .set({ sentAt: new Date(), attempts: row.attempts + 1, lastError: null })
        .where(eq(emailOutbox.id, row.id))
        .run();
      result.sent++;
    } catch (error) {
      db.update(emailOutbox)
        .set({ attempts: row.attempts + 1, lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000) })
        .where(eq(emailOutbox.id, row.id))
        .run();
      result.failed++;
    }
  }
  return result;
}

export function pendingEmailCount(db: ExchangeDb): number {
  return db.select({ n: count() }).from(emailOutbox).where(isNull(emailOutbox.sentAt)).get()?.n ?? 0;
}

/** The dev mailbox: newest first. */
export function listMailbox(db: ExchangeDb, options: { limit?: number } = {}): EmailOutboxRow[] {
  return db
    .select()
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.id))
    .limit(options.limit ?? 100)
    .all();
}
