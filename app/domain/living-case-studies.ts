// Living case studies: the outcome updates a commissioner writes on an adopted match (6, 12
// and 24 months on, or whenever there is news), their forms, and which reminders to send.
// Shared by the models, the routes and the tests. Pure: no I/O.
import { z } from "zod";
import { outcomeReminderMonths } from "./match-workflow";
import { unrequiredText } from "./form-fields";

export const OUTCOMES_MIN = 20;
export const OUTCOMES_MAX = 5000;
export const LESSONS_MAX = 5000;

/** A milestone of the form: one of the reminder months, or an update between them. */
export const outcomeMilestones = [...outcomeReminderMonths.map(String), "ad-hoc"] as ["6", "12", "24", "ad-hoc"];
export type OutcomeMilestone = (typeof outcomeMilestones)[number];

export function milestoneMonths(milestone: OutcomeMilestone): number | null {
  return milestone === "ad-hoc" ? null : Number(milestone);
}

export function milestoneOf(months: number | null): OutcomeMilestone {
  return months === null ? "ad-hoc" : (String(months) as OutcomeMilestone);
}

export function outcomeMilestoneLabel(months: number | null): string {
  return months === null ? "Update" : `${months} months after adoption`;
}

/** "your 12-month outcome update", "your outcome update" in running text. */
export function outcomeUpdateName(months: number | null): string {
  return months === null ? "outcome update" : `${months}-month outcome update`;
}

const outcomesField = z
  .string({ error: "Write what has happened since adoption" })
  .trim()
  .min(OUTCOMES_MIN, `Write at least ${OUTCOMES_MIN} characters: what changed, for whom, and how you know`)
  .max(OUTCOMES_MAX, `Keep the update to ${OUTCOMES_MAX} characters or fewer`);

/** The commissioner's outcome update. */
export const outcomeUpdateSchema = z.object({
  intent: z.literal("add-update"),
  milestone: z.enum(outcomeMilestones, { error: "Choose which update this is" }),
  outcomes: outcomesField,
});

/** Sending an update back after a broker asked for changes. */
export const outcomeResubmitSchema = z.object({
  intent: z.literal("resubmit-update"),
  updateId: z.coerce.number({ error: "That update was not found" }).int().positive(),
  outcomes: outcomesField,
});

/** The case study drafted from the match, while it is not yet published. */
export const caseStudyEditSchema = z.object({
  intent: z.literal("edit-case-study"),
  outcomes: z
    .string({ error: "Write the outcomes so far" })
    .trim()
    .min(OUTCOMES_MIN, `Write at least ${OUTCOMES_MIN} characters about the outcomes so far`)
    .max(OUTCOMES_MAX, `Keep the outcomes to ${OUTCOMES_MAX} characters or fewer`),
  lessons: unrequiredText("lessons", LESSONS_MAX),
});

type ReviewStatus = "submitted" | "published" | "changes-requested" | "rejected";

/**
 * Why an update for this milestone can't be written now, or null. Each of the 6, 12 and 24
 * month updates is written once (a rejected one may be written again); ad-hoc updates any time.
 */
export function milestoneBlocker(
  months: number | null,
  existing: readonly { monthsAfterAdoption: number | null; reviewStatus: ReviewStatus }[],
): string | null {
  if (months === null) return null;
  const earlier = existing.find((update) => update.monthsAfterAdoption === months && update.reviewStatus !== "rejected");
  if (!earlier) return null;
  return earlier.reviewStatus === "changes-requested"
    ? `The broker asked for changes to your ${months}-month update: edit that one below and send it again.`
    : `You have already written the ${months}-month update. Choose “an update between milestones” for news since.`;
}

/** The milestone the form suggests: the latest one due and not yet written, else an ad-hoc update. */
export function suggestedMilestone(
  now: Date,
  existing: readonly { monthsAfterAdoption: number | null; reviewStatus: ReviewStatus }[],
  dueDates: readonly { monthsAfterAdoption: number; dueAt: Date }[],
): OutcomeMilestone {
  const due = dueDates
    .filter((reminder) => reminder.dueAt.getTime() <= now.getTime() && milestoneBlocker(reminder.monthsAfterAdoption, existing) === null)
    .sort((a, b) => b.monthsAfterAdoption - a.monthsAfterAdoption);
  return due.length ? milestoneOf(due[0].monthsAfterAdoption) : "ad-hoc";
}

export type DueReminder = { id: number; matchId: number; monthsAfterAdoption: number; dueAt: Date };

/**
 * One notification per match, for its latest due milestone: a server that was down past two
 * milestones asks once, not twice. Every due reminder of the match is then marked sent.
 */
export function reminderBatches<T extends DueReminder>(due: readonly T[]): { matchId: number; latest: T; all: T[] }[] {
  const byMatch = new Map<number, T[]>();
  for (const reminder of due) byMatch.set(reminder.matchId, [...(byMatch.get(reminder.matchId) ?? []), reminder]);
  return [...byMatch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([matchId, all]) => ({
      matchId,
      latest: all.reduce((best, reminder) => (reminder.monthsAfterAdoption > best.monthsAfterAdoption ? reminder : best)),
      all,
    }));
}

/** The link a reminder and a review decision point the commissioner to. */
export function outcomePageLink(matchId: number, months?: number | null): string {
  return `/my/outcomes/${matchId}${months ? `?milestone=${months}` : ""}#write-update`;
}

/** "12 March 2026" (UTC), as the public pages date updates. */
export function formatDay(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** The review states in words (one table for every kind of submission: vocabulary.ts). */
export { reviewStatusLabels as reviewStatusText } from "./vocabulary";
