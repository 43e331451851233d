// Background mail work of the web server: the hourly daily-digest check, the hourly outcome
// reminders of living case studies and, when SMTP is configured, sending the email outbox.
// Started by boot() and stopped on shutdown.
import type { ExchangeDb } from "../../db/client";
import type { ExchangeEnv } from "../utils/env.server";
import { buildDailyDigests } from "./digest.server";
import { createMailTransport, sendPendingEmails, type MailTransport } from "./email-sender.server";
import { sendDueOutcomeReminders } from "./living-case-studies.server";

export type MailJobs = { stop: () => Promise<void>; runOnce: () => Promise<void> };

export function startMailJobs(
  context: { db: ExchangeDb; env: Pick<ExchangeEnv, "SMTP_URL" | "MAIL_FROM" | "PUBLIC_URL"> },
  options: {
    digestIntervalMs?: number;
    sendIntervalMs?: number;
    /** Defaults to an SMTP transport for SMTP_URL (none when unset). */
    transport?: MailTransport | null;
    /** The clock the digest hour is read from. */
    now?: () => Date;
    log?: (message: string) => void;
  } = {},
): MailJobs {
  const log = options.log ?? ((message: string) => console.warn(message));
  const transport = options.transport !== undefined ? options.transport : createMailTransport(context.env);
  let stopped = false;
  let digestRunning: Promise<void> | null = null;
  let sendRunning: Promise<void> | null = null;

  // Each job runs at most once at a time; a tick that finds it running waits for that run.
  // (.finally runs after the assignment, even when the work itself is synchronous.)
  const digest = () =>
    (digestRunning ??= Promise.resolve()
      .then(() => {
        const now = (options.now ?? (() => new Date()))();
        const run = buildDailyDigests(context.db, now);
        if (run.digestsQueued) log(`mail: queued ${run.digestsQueued} daily digest(s)`);
        // Outcome reminders fall due by the day: the hourly tick is often enough.
        try {
          const reminders = sendDueOutcomeReminders(context.db, now);
          if (reminders.notified) log(`mail: asked ${reminders.notified} commissioner(s) for outcome updates`);
        } catch (error) {
          log(`mail: the outcome reminders failed: ${error instanceof Error ? error.message : error}`);
        }
      })
      .catch((error: unknown) => log(`mail: the daily digest failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        digestRunning = null;
      }));

  const send = () =>
    (sendRunning ??= Promise.resolve()
      .then(async () => {
        if (!transport) return;
        const result = await sendPendingEmails(context.db, transport, { from: context.env.MAIL_FROM, publicUrl: context.env.PUBLIC_URL });
        if (result.failed) log(`mail: ${result.failed} email(s) could not be sent; they will be retried`);
      })
      .catch((error: unknown) => log(`mail: sending failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        sendRunning = null;
      }));

  const runOnce = async () => {
    await digest();
    await send();
  };

  // unref: the timers never keep a finished process alive.
  const digestTimer = setInterval(() => void digest(), options.digestIntervalMs ?? 60 * 60 * 1000);
  digestTimer.unref();
  const sendTimer = transport ? setInterval(() => void send(), options.sendIntervalMs ?? 15_000) : null;
  sendTimer?.unref();
  // A first pass soon after boot, so a restart past the digest hour does not wait an hour.
  const firstPass = setTimeout(() => void runOnce(), 1000);
  firstPass.unref();

  return {
    runOnce,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(firstPass);
      clearInterval(digestTimer);
      if (sendTimer) clearInterval(sendTimer);
      await Promise.allSettled([digestRunning, sendRunning]);
      transport?.close();
    },
  };
}
