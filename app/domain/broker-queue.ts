// The broker queue's GET parameters and the small formatting helpers of the queue and item
// pages. Pure: shared by the loaders, the components and the unit tests.
import { z } from "zod";
import { reviewItemTypes, type ReviewItemType } from "./vocabulary";

export const queueClaimFilters = ["any", "mine", "unclaimed"] as const;
export type QueueClaimFilter = (typeof queueClaimFilters)[number];
export const queueSorts = ["oldest", "newest"] as const;
export type QueueSort = (typeof queueSorts)[number];

/** `assignedToMe`: the "Assigned to me" view (`assigned=me`), left out when off. */
export type QueueParams = { type: ReviewItemType | null; claim: QueueClaimFilter; overdue: boolean; sort: QueueSort; assignedToMe?: true };

export const defaultQueueParams: QueueParams = { type: null, claim: "any", overdue: false, sort: "oldest" };

// A filter form is forgiving: an unknown value (an old bookmark, a hand-edited URL) falls
// back to the default rather than failing the page.
const lenient = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

const queueParamsSchema = z.object({
  type: lenient(reviewItemTypes),
  claim: lenient(queueClaimFilters),
  overdue: z.literal("1").optional().catch(undefined),
  sort: lenient(queueSorts),
  assigned: z.literal("me").optional().catch(undefined),
});

export function parseQueueParams(search: URLSearchParams): QueueParams {
  const raw = queueParamsSchema.parse({
    type: search.get("type") || undefined,
    claim: search.get("claim") || undefined,
    overdue: search.get("overdue") || undefined,
    sort: search.get("sort") || undefined,
    assigned: search.get("assigned") || undefined,
  });
  return {
    type: raw.type ?? null,
    claim: raw.claim ?? defaultQueueParams.claim,
    overdue: raw.overdue === "1",
    sort: raw.sort ?? defaultQueueParams.sort,
    ...(raw.assigned === "me" ? { assignedToMe: true as const } : {}),
  };
}

/** The query string of the queue with these parameters (defaults left out), "" for none. */
export function queueSearch(params: QueueParams): string {
  const search = new URLSearchParams();
  if (params.type) search.set("type", params.type);
  if (params.claim !== defaultQueueParams.claim) search.set("claim", params.claim);
  if (params.overdue) search.set("overdue", "1");
  if (params.sort !== defaultQueueParams.sort) search.set("sort", params.sort);
  if (params.assignedToMe) search.set("assigned", "me");
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function isReviewItemType(value: string | undefined): value is ReviewItemType {
  return (reviewItemTypes as readonly string[]).includes(value ?? "");
}

/** A positive integer id from a route parameter or form field, else null. */
export function parseItemId(value: string | undefined | null): number | null {
  if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long an item has waited, in words: "under an hour", "5 hours", "1 day", "12 days". */
export function formatAge(since: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - since.getTime());
  if (ms < HOUR) return "under an hour";
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  }
  const days = Math.floor(ms / DAY);
  return `${days} ${days === 1 ? "day" : "days"}`;
}

/** A date as brokers read it, in UK English and UTC (the service level counts UTC working days). */
export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

export function formatDateTime(date: Date): string {
  return (
    new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(date) +
    " UTC"
  );
}

/** Human words for a deadline relative to now: "due today", "due in 3 days", "2 days overdue". */
export function describeDeadline(deadline: Date, now: Date): string {
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) {
    const days = Math.floor(-ms / DAY);
    return days === 0 ? "overdue" : `${days} ${days === 1 ? "day" : "days"} overdue`;
  }
  if (ms < DAY) return "due within a day";
  const days = Math.round(ms / DAY);
  return `due in ${days} ${days === 1 ? "day" : "days"}`;
}
