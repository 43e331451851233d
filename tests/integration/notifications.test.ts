// Notifications on a real SQLite file: the per-user email preference, the daily digest,
// sending the email outbox through real nodemailer transports, the mail jobs and the
// `exchange digest` command.
import { eq, isNull } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { emailOutbox, notifications, users, type UserRow } from "../../db/schema";
import { buildDailyDigests } from "../../app/models/digest.server";
import {
  createMailTransport,
  listMailbox,
  MAX_EMAIL_ATTEMPTS,
  pendingEmailCount,
  sendPendingEmails,
  type MailTransport,
} from "../../app/models/email-sender.server";
import { startMailJobs } from "../../app/models/mail-jobs.server";
import {
  getNotificationPreference,
  listNotifications,
  markAllNotificationsRead,
  notifyUser,
  setNotificationPreference,
  unreadNotificationCount,
} from "../../app/models/notifications.server";
import { createUser } from "../../app/models/users.server";
import { openTestExchange, runCli, type TestExchange } from "./helpers";

let exchange: TestExchange;
let db: ExchangeDb;
let counter = 0;

async function makeUser(preference?: "immediately" | "daily" | "off"): Promise<UserRow> {
  const name = `person${++counter}`;
  const user = await createUser(db, { email: `${name}@test.example`, password: "correct-horse-1", displayName: `Person ${counter}`, role: "innovator" });
  if (preference) setNotificationPreference(db, user.id, preference);
  return user;
}

function emailsTo(userId: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId)).all();
}

/** A notification written at a given time, as notifyUser would write it then. */
function notificationAt(userId: string, title: string, createdAt: Date, link?: string) {
  db.insert(notifications)
    .values({ userId, title, body: `About ${title}`, link: link ?? null, createdAt })
    .run();
}

/** Nodemailer's JSON transport (nothing leaves the process), recording what was sent. */
function recordingTransport() {
  const real = nodemailer.createTransport({ jsonTransport: true });
  const sent: { to: string; subject: string; text: string; from: string }[] = [];
  const transport: MailTransport = {
    sendMail: (async (message: SendMailOptions) => {
      const info = await real.sendMail(message);
      sent.push({ to: String(message.to), subject: String(message.subject), text: String(message.text), from: String(message.from) });
      return info;
    }) as MailTransport["sendMail"],
    close: () => real.close(),
  };
  return { transport, sent };
}

function markEverythingSent() {
  db.update(emailOutbox).set({ sentAt: new Date() }).where(isNull(emailOutbox.sentAt)).run();
}

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("the email preference", () => {
  it("emails at once, leaves email for the digest, or sends none; the in-app notification is always kept", async () => {
    const immediate = await makeUser();
    const daily = await makeUser("daily");
    const off = await makeUser("off");
    expect(getNotificationPreference(db, immediate.id)).toBe("immediately");
    for (const user of [immediate, daily, off]) {
      db.transaction((tx) => notifyUser(tx, user.id, { title: "Your idea was published", body: "Well done", link: "/ideas/x" }));
    }
    expect(emailsTo(immediate.id)).toHaveLength(1);
    expect(emailsTo(immediate.id)[0]).toMatchObject({ kind: "immediate", toAddress: immediate.email, subject: "Innovation Exchange: Your idea was published" });
    expect(emailsTo(immediate.id)[0].body).toBe("Well done\n\nOpen it: /ideas/x");
    expect(emailsTo(daily.id)).toHaveLength(0);
    expect(emailsTo(off.id)).toHaveLength(0);
    for (const user of [immediate, daily, off]) expect(unreadNotificationCount(db, user.id)).toBe(1);
  });

  it("marks every notification read at once", async () => {
    const user = await makeUser("off");
    db.transaction((tx) => {
      notifyUser(tx, user.id, { title: "One" });
      notifyUser(tx, user.id, { title: "Two" });
    });
    expect(unreadNotificationCount(db, user.id)).toBe(2);
    expect(listNotifications(db, user.id).map((notification) => notification.title)).toEqual(["Two", "One"]);
    markAllNotificationsRead(db, user.id);
    expect(unreadNotificationCount(db, user.id)).toBe(0);
  });

  it("starts the digest window when the daily digest is chosen", async () => {
    const user = await makeUser();
    const before = Date.now();
    setNotificationPreference(db, user.id, "daily");
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.notificationPreference).toBe("daily");
    expect(row.lastDigestAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
  });
});

describe("the daily digest", () => {
  it("sends one email per daily user with their notifications since the last digest, once a day", async () => {
    const user = await makeUser("daily");
    const other = await makeUser("immediately");
    const start = new Date("2026-03-11T07:00:00Z");
    db.update(users).set({ lastDigestAt: start }).where(eq(users.id, user.id)).run();
    notificationAt(user.id, "Before the window", new Date("2026-03-11T06:00:00Z"));
    notificationAt(user.id, "Idea needs changes", new Date("2026-03-11T09:00:00Z"), "/my/ideas/one");
    notificationAt(user.id, "Need published", new Date("2026-03-12T06:30:00Z"));
    notificationAt(user.id, "After this run", new Date("2026-03-12T09:00:00Z"));
    notificationAt(other.id, "Not a digest user", new Date("2026-03-11T09:00:00Z"));

    // Before the digest hour nothing is built...
    expect(buildDailyDigests(db, new Date("2026-03-12T06:45:00Z")).digestsQueued).toBe(0);
    // ...from it, one email.
    const now = new Date("2026-03-12T08:00:00Z");
    const run = buildDailyDigests(db, now);
    expect(run.digestsQueued).toBeGreaterThanOrEqual(1);
    const [digest] = emailsTo(user.id);
    expect(digest).toMatchObject({ kind: "digest", toAddress: user.email, subject: "Innovation Exchange: your daily digest (2 notifications)" });
    expect(digest.body).toContain("* Idea needs changes");
    expect(digest.body).toContain("Open it: /my/ideas/one");
    expect(digest.body).toContain("* Need published");
    expect(digest.body).not.toContain("Before the window");
    expect(digest.body).not.toContain("After this run");
    expect(emailsTo(other.id).filter((email) => email.kind === "digest")).toHaveLength(0);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.lastDigestAt).toEqual(now);

    // Once a day: running again the same day builds nothing.
    buildDailyDigests(db, new Date("2026-03-12T20:00:00Z"));
    expect(emailsTo(user.id)).toHaveLength(1);
    // The next day, the digest starts where the last one ended.
    buildDailyDigests(db, new Date("2026-03-13T08:00:00Z"));
    const second = emailsTo(user.id)[1];
    expect(second.subject).toContain("(1 notification)");
    expect(second.body).toContain("After this run");
    // A day with nothing new sends nothing, but the window still moves on.
    buildDailyDigests(db, new Date("2026-03-14T08:00:00Z"));
    expect(emailsTo(user.id)).toHaveLength(2);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.lastDigestAt).toEqual(new Date("2026-03-14T08:00:00Z"));
  });

  it("is built by `exchange digest` at any hour, once a day", async () => {
    const user = await makeUser("daily");
    db.update(users)
      .set({ lastDigestAt: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000) })
      .where(eq(users.id, user.id))
      .run();
    notificationAt(user.id, "From the command line", new Date(Date.now() - 60_000));
    const first = await runCli(["digest"], exchange.dataDir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Daily digest: \d+ user\(s\) due, [1-9]\d* digest email\(s\) queued\./);
    expect(emailsTo(user.id).map((email) => email.kind)).toEqual(["digest"]);
    const again = await runCli(["digest"], exchange.dataDir);
    expect(again.stdout).toContain("0 digest email(s) queued");
    expect(emailsTo(user.id)).toHaveLength(1);
    const send = await runCli(["digest", "--send"], exchange.dataDir);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain("--send needs SMTP_URL");
  });
});

describe("sending the email outbox", () => {
  it("leaves emails in the dev mailbox when SMTP is not configured", () => {
    expect(createMailTransport({ SMTP_URL: undefined })).toBeNull();
    expect(createMailTransport({ SMTP_URL: "smtp://127.0.0.1:2525" })).not.toBeNull();
  });

  it("sends pending emails, oldest first, with absolute links, and marks them sent", async () => {
    markEverythingSent();
    const first = await makeUser();
    const second = await makeUser();
    db.transaction((tx) => notifyUser(tx, first.id, { title: "First", link: "/my/ideas/a" }));
    db.transaction((tx) => notifyUser(tx, second.id, { title: "Second" }));
    expect(pendingEmailCount(db)).toBe(2);
    const { transport, sent } = recordingTransport();
    const result = await sendPendingEmails(db, transport, { from: "Exchange <no-reply@test.example>", publicUrl: "https://exchange.example.org" });
    expect(result).toEqual({ sent: 2, failed: 0 });
    expect(sent.map((message) => [message.to, message.subject])).toEqual([
      [first.email, "Innovation Exchange: First"],
      [second.email, "Innovation Exchange: Second"],
    ]);
    expect(sent[0].text).toBe("Open it: https://exchange.example.org/my/ideas/a");
    expect(sent[0].from).toBe("Exchange <no-reply@test.example>");
    expect(pendingEmailCount(db)).toBe(0);
    expect(emailsTo(first.id)[0].sentAt).toBeInstanceOf(Date);
    // Nothing is sent twice.
    expect(await sendPendingEmails(db, transport, { from: "x@test.example" })).toEqual({ sent: 0, failed: 0 });
  });

  it("keeps an email whose sending failed, with the error, and gives up after the last attempt", async () => {
    markEverythingSent();
    const user = await makeUser();
    db.transaction((tx) => notifyUser(tx, user.id, { title: "Unlucky" }));
    // A real SMTP transport to a port nothing listens on.
    const transport = createMailTransport({ SMTP_URL: "smtp://127.0.0.1:1" })!;
    try {
      for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
        expect(await sendPendingEmails(db, transport, { from: "x@test.example" })).toEqual({ sent: 0, failed: 1 });
      }
      expect(await sendPendingEmails(db, transport, { from: "x@test.example" })).toEqual({ sent: 0, failed: 0 });
    } finally {
      transport.close();
    }
    const [email] = emailsTo(user.id);
    expect(email.sentAt).toBeNull();
    expect(email.attempts).toBe(MAX_EMAIL_ATTEMPTS);
    expect(email.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(listMailbox(db, { limit: 1 })[0].id).toBe(email.id);
  });
});

describe("the mail jobs", () => {
  it("build due digests and send them, and stop cleanly", async () => {
    markEverythingSent();
    const user = await makeUser("daily");
    db.update(users)
      .set({ lastDigestAt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000) })
      .where(eq(users.id, user.id))
      .run();
    const today = new Date();
    const at = (hour: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hour));
    notificationAt(user.id, "For the job", at(5));
    const { transport, sent } = recordingTransport();
    let clock = at(6);
    const jobs = startMailJobs(
      { db, env: { SMTP_URL: undefined, MAIL_FROM: "Exchange <no-reply@test.example>", PUBLIC_URL: undefined } },
      { transport, now: () => clock, log: () => {} },
    );
    const digestsTo = () => sent.filter((message) => message.to === user.email && message.subject.includes("daily digest"));
    try {
      await jobs.runOnce(); // before the digest hour: nothing
      expect(digestsTo()).toHaveLength(0);
      clock = at(8);
      await jobs.runOnce();
      expect(digestsTo()).toHaveLength(1);
      expect(digestsTo()[0].text).toContain("For the job");
      expect(pendingEmailCount(db)).toBe(0);
    } finally {
      await jobs.stop();
    }
    await jobs.stop(); // stopping twice is harmless
  });
});
