// The review state machine shared by the models, the UI and the tests. Pure: no I/O.
import type { IdeaStatus, NeedStatus, ReviewItemType } from "./vocabulary";

export const brokerDecisions = ["publish", "request-changes", "reject"] as const;
export type BrokerDecision = (typeof brokerDecisions)[number];

export const decisionLabels: Record<BrokerDecision, string> = {
  publish: "Publish",
  "request-changes": "Request changes",
  reject: "Reject",
};

/** Every "no" carries a reason the submitter sees. */
export function decisionNeedsReason(decision: BrokerDecision): boolean {
  return decision !== "publish";
}

export function ideaStatusAfterDecision(decision: BrokerDecision): IdeaStatus {
  return decision === "publish" ? "published" : decision === "request-changes" ? "draft" : "archived";
}

export function needStatusAfterDecision(decision: BrokerDecision): NeedStatus {
  return decision === "publish" ? "open" : decision === "request-changes" ? "draft" : "closed";
}

export function canSubmitIdea(status: IdeaStatus): boolean {
  return status === "draft";
}

/** Fields of a published idea whose edits go back to review; other edits publish at once. */
export const reviewedIdeaFields = ["diffusionModels", "diffusionDetails", "evidence", "evidenceLevel"] as const;

export function splitIdeaChanges<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const reviewed: Partial<T> = {};
  const immediate: Partial<T> = {};
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    changes.push({ field: key, before: before[key] ?? null, after: after[key] ?? null });
    if ((reviewedIdeaFields as readonly string[]).includes(key)) reviewed[key] = after[key];
    else immediate[key] = after[key];
  }
  return { reviewed, immediate, changes };
}

export const DEFAULT_SERVICE_LEVEL_WORKING_DAYS = 5;

/** Adds working days (Monday to Friday) to a date; bank holidays are not modelled. */
export function addWorkingDays(start: Date, days: number): Date {
  const result = new Date(start);
  let left = days;
  while (left > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const day = result.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return result;
}

export function reviewDeadline(submittedAt: Date, workingDays = DEFAULT_SERVICE_LEVEL_WORKING_DAYS): Date {
  return addWorkingDays(submittedAt, workingDays);
}

export function isOverdue(submittedAt: Date, now: Date, workingDays = DEFAULT_SERVICE_LEVEL_WORKING_DAYS): boolean {
  return reviewDeadline(submittedAt, workingDays).getTime() < now.getTime();
}

export const reviewItemLabels: Record<ReviewItemType, string> = { idea: "Idea", need: "Need", "case-study": "Case study", "outcome-update": "Outcome update" };
export const reviewItemPluralLabels: Record<ReviewItemType, string> = {
  idea: "Ideas",
  need: "Needs",
  "case-study": "Case studies",
  "outcome-update": "Outcome updates",
};

/** What a broker reviews when an idea is in the queue: a new idea, or edits to a published one. */
export function ideaReviewKindLabel(status: IdeaStatus): string {
  return status === "published" ? "Changes to a published idea" : "New idea";
}
