// The brokers' match queue (/broker/matches): its GET parameters, its forms and the words it
// shows. Pure: shared by the loaders, the actions, the components and the tests.
import { z } from "zod";
import { isMatchOpen, isMatchOverdue } from "./match-workflow";
import { matchStatuses, type MatchSource, type MatchStatus } from "./vocabulary";
import { unrequiredText, writtenText } from "./form-fields";

export const matchQueueViews = ["awaiting", "open", "overdue", "all"] as const;
export type MatchQueueView = (typeof matchQueueViews)[number];

export const matchQueueViewLabels: Record<MatchQueueView, string> = {
  awaiting: "Awaiting confirmation",
  open: "All open",
  overdue: "Overdue",
  all: "All",
};

export const matchSourceLabels: Record<MatchSource, string> = {
  engine: "Engine",
  broker: "Broker",
  commissioner: "Commissioner",
  innovator: "Innovator",
};

export const MATCH_QUEUE_PAGE_SIZE = 25;
const SLUG_MAX = 200;

export type MatchQueueParams = { view: MatchQueueView; status: MatchStatus | null; need: string | null; page: number };

export const defaultMatchQueueParams: MatchQueueParams = { view: "awaiting", status: null, need: null, page: 1 };

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Forgiving, like the review queue: an unknown value (an old bookmark) falls back to the default. */
export function parseMatchQueueParams(search: URLSearchParams): MatchQueueParams {
  const view = search.get("view");
  const status = search.get("status");
  const need = search.get("need")?.trim().toLowerCase() ?? "";
  const page = Number(search.get("page"));
  return {
    view: (matchQueueViews as readonly string[]).includes(view ?? "") ? (view as MatchQueueView) : defaultMatchQueueParams.view,
    status: (matchStatuses as readonly string[]).includes(status ?? "") ? (status as MatchStatus) : null,
    need: need && need.length <= SLUG_MAX && slugPattern.test(need) ? need : null,
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The query string of the queue with these parameters (defaults and page 1 left out), "" for none. */
export function matchQueueSearch(params: Partial<MatchQueueParams>): string {
  const search = new URLSearchParams();
  if (params.view && params.view !== defaultMatchQueueParams.view) search.set("view", params.view);
  if (params.status) search.set("status", params.status);
  if (params.need) search.set("need", params.need);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const text = search.toString();
  return text ? `?${text}` : "";
}

type QueueMatch = { status: MatchStatus; confirmed: boolean; dueAt: Date | null };

/** Whether a match belongs in a view (the same rules as listMatchQueue, for one need's matches). */
export function inMatchQueueView(match: QueueMatch, view: MatchQueueView, status: MatchStatus | null, now: Date): boolean {
  if (status && match.status !== status) return false;
  if (view === "awaiting") return (match.status === "suggested" || match.status === "shortlisted") && !match.confirmed;
  if (view === "open") return isMatchOpen(match.status);
  if (view === "overdue") return isMatchOpen(match.status) && isMatchOverdue(match, now);
  return true;
}

/** Most urgent first: the earliest deadline, then matches with none (adopted, declined). */
export function byUrgency(a: QueueMatch & { id: number }, b: QueueMatch & { id: number }): number {
  const due = (match: QueueMatch) => match.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return due(a) - due(b) || a.id - b.id;
}

export function canConfirmFromQueue(match: QueueMatch): boolean {
  return (match.status === "suggested" || match.status === "shortlisted") && !match.confirmed;
}

// ---------------------------------------------------------------------------------------
// Forms

export const MATCH_TEXT_MAX = 2000;

const matchId = z.coerce.number({ error: "That match was not understood" }).int().positive().max(Number.MAX_SAFE_INTEGER);

/** The queue's POST forms: confirm (rationale), decline (reason), refresh one need's suggestions. */
export const matchQueueActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("confirm"),
    matchId,
    rationale: writtenText("Give a rationale: both sides will see it", "rationale", MATCH_TEXT_MAX),
  }),
  z.object({
    intent: z.literal("decline"),
    matchId,
    reason: writtenText("Give a reason for declining: the other side will see it", "reason", MATCH_TEXT_MAX),
  }),
  z.object({ intent: z.literal("refresh"), need: z.string().trim().min(1).max(SLUG_MAX) }),
]);

/** The broker's proposal form (/broker/matches/new). */
export const proposeMatchSchema = z.object({
  intent: z.literal("propose"),
  need: z.string({ error: "Choose an open need" }).trim().toLowerCase().min(1, "Choose an open need").max(SLUG_MAX, "That is not a need's slug"),
  idea: z
    .string({ error: "Enter the slug of a published idea" })
    .trim()
    .toLowerCase()
    .min(1, "Enter the slug of a published idea")
    .max(SLUG_MAX, "That is not an idea's slug"),
  note: unrequiredText("note", MATCH_TEXT_MAX),
});

/** An innovator putting one of their published ideas forward for an open need. */
export const putForwardSchema = z.object({
  intent: z.literal("put-forward"),
  idea: z
    .string({ error: "Choose one of your published ideas" })
    .trim()
    .min(1, "Choose one of your published ideas")
    .max(SLUG_MAX, "Choose one of your published ideas"),
  note: unrequiredText("note", MATCH_TEXT_MAX),
});

/** Field errors of a failed zod parse, the first message per field. */
export function firstErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
