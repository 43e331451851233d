// Notification emails as text: when a daily digest is due and what it says. Pure.
import { z } from "zod";
import { notificationPreferences, type NotificationPreference } from "./vocabulary";

/** Daily digests are built on the first scheduler check at or after this hour (UTC). */
export const DIGEST_HOUR_UTC = 7;

export const notificationPreferenceLabels: Record<NotificationPreference, { label: string; hint: string }> = {
  immediately: { label: "Immediately", hint: "An email for each notification, as it happens." },
  daily: { label: "Daily digest", hint: "One email a day listing the notifications since the last one." },
  off: { label: "Off", hint: "No emails. Notifications still appear on the site." },
};

export const preferenceSchema = z.object({
  notificationPreference: z.enum(notificationPreferences, { error: "Choose how you want to be told about notifications" }),
});

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Whether a user's digest is due: not yet built today (UTC), and (unless a person runs the
 * job by hand) the digest hour has come.
 */
export function digestDue(lastDigestAt: Date | null, now: Date, options: { hourUtc?: number; ignoreHour?: boolean } = {}): boolean {
  const hour = options.hourUtc ?? DIGEST_HOUR_UTC;
  if (!options.ignoreHour && now.getUTCHours() < hour) return false;
  if (!lastDigestAt) return true;
  return utcDay(lastDigestAt) < utcDay(now);
}

/** Where a user's next digest starts: their last digest, or a day back for a first one. */
export function digestWindowStart(lastDigestAt: Date | null, now: Date): Date {
  return lastDigestAt ?? new Date(now.getTime() - 24 * 60 * 60 * 1000);
}

/** The line an email uses for a link; the sender makes the path absolute when PUBLIC_URL is set. */
export const LINK_PREFIX = "Open it: ";

export function linkLine(path: string): string {
  return `${LINK_PREFIX}${path}`;
}

/** Turns "Open it: /path" lines (indented or not) into absolute addresses on the public site. */
export function absoluteLinks(body: string, publicUrl: string | undefined): string {
  if (!publicUrl) return body;
  const base = publicUrl.replace(/\/+$/, "");
  return body
    .split("\n")
    .map((line) => line.replace(/^(\s*)Open it: (\/(?!\/)\S*)$/, (_match, indent: string, path: string) => `${indent}${LINK_PREFIX}${base}${path}`))
    .join("\n");
}

export type DigestItem = { title: string; body: string | null; link: string | null; createdAt: Date };

export function buildDigestEmail(displayName: string, items: DigestItem[], now: Date): { subject: string; body: string } {
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(now);
  const count = `${items.length} ${items.length === 1 ? "notification" : "notifications"}`;
  const sections = items.map((item) =>
    [`* ${item.title}`, item.body ? `  ${item.body.replace(/\n/g, "\n  ")}` : null, item.link ? `  ${linkLine(item.link)}` : null].filter(Boolean).join("\n"),
  );
  return {
    subject: `Innovation Exchange: your daily digest (${count})`,
    body: [
      `Hello ${displayName},`,
      `Here is what happened on the Innovation Exchange since your last digest (${day}):`,
      sections.join("\n\n"),
      `You get this digest because you chose a daily digest in your account settings.\n${linkLine("/account/settings")}`,
    ].join("\n\n"),
  };
}
