// The figures of /insights, computed from plain rows. Pure: the queries are in
// app/models/insights.server.ts, the charts in app/utils/charts.server.ts.
import { reviewDeadline } from "./review-workflow";
import {
  caseStudyStatuses,
  diffusionModels,
  matchStatuses,
  reviewItemTypes,
  sectors,
  type CaseStudyStatus,
  type DiffusionModel,
  type MatchStatus,
  type ReviewItemType,
  type Sector,
} from "./vocabulary";

// ---------------------------------------------------------------------------------------
// Supply and demand, and scouting gaps

/**
 * A match the engine scores at least this (0-100) is a good one. Scores of 50 and more
 * offer a route the need accepts (search/matching/rank.ts); 60 asks for real relevance too.
 */
export const GOOD_MATCH_SCORE = 60;

/** Matches a broker has moved this far were judged good, whatever their score. */
const confirmedStatuses: readonly MatchStatus[] = ["shortlisted", "introduced", "piloting", "adopted"];

export type SupplyIdea = { sectors: readonly string[]; diffusionModels: readonly string[]; evidenceLevel: number | null; adoptedCount: number };
export type DemandNeed = { id: number; slug: string; title: string; sectors: readonly string[]; diffusionModels: readonly string[] };
export type MatchRow = { needId: number; status: MatchStatus; score: number | null };

export type ScoutingGap = { slug: string; title: string; sectors: string[]; reason: string };

/** Proven supply: adopted somewhere, or evidence that it caused the change (level 3 or more). */
export function isProven(idea: SupplyIdea): boolean {
  return idea.adoptedCount > 0 || (idea.evidenceLevel ?? 0) >= 3;
}

const offersAcceptedRoute = (idea: SupplyIdea, need: DemandNeed) =>
  need.diffusionModels.length === 0 || idea.diffusionModels.some((model) => need.diffusionModels.includes(model));

/**
 * Why an open need has no good match, or null when it has one. With match rows (from the
 * matching engine or a broker), a need is covered by a match scored GOOD_MATCH_SCORE or more
 * that was not declined, or by one a broker has taken forward. Without any, the fallback
 * looks for a proven published idea in one of the need's sectors that offers a diffusion
 * model the need accepts.
 */
export function scoutingGapReason(need: DemandNeed, matches: readonly MatchRow[], ideas: readonly SupplyIdea[]): string | null {
  if (matches.length) {
    const good = matches.some((match) => confirmedStatuses.includes(match.status) || (match.status !== "declined" && (match.score ?? 0) >= GOOD_MATCH_SCORE));
    if (good) return null;
    return matches.every((match) => match.status === "declined")
      ? "Every suggested match was declined."
      : `No suggested match scores ${GOOD_MATCH_SCORE} or more.`;
  }
  const inSector = ideas.filter((idea) => idea.sectors.some((sector) => need.sectors.includes(sector)));
  if (!inSector.length) return "No published idea in its sectors.";
  const routed = inSector.filter((idea) => offersAcceptedRoute(idea, need));
  if (!routed.length) return "Ideas in its sectors offer none of the diffusion models it accepts.";
  if (!routed.some(isProven)) return "Ideas in its sectors offer a route it accepts, but none has been adopted or has evidence at level 3 or above.";
  return null;
}

export type SectorBalance = { sector: Sector; ideas: number; needs: number; gaps: number };

export function supplyAndDemand(
  ideas: readonly SupplyIdea[],
  needs: readonly DemandNeed[],
  matches: readonly MatchRow[],
): { sectors: SectorBalance[]; gaps: ScoutingGap[] } {
  const matchesByNeed = new Map<number, MatchRow[]>();
  for (const match of matches) matchesByNeed.set(match.needId, [...(matchesByNeed.get(match.needId) ?? []), match]);
  const gaps: (ScoutingGap & { id: number })[] = [];
  for (const need of needs) {
    const reason = scoutingGapReason(need, matchesByNeed.get(need.id) ?? [], ideas);
    if (reason) gaps.push({ id: need.id, slug: need.slug, title: need.title, sectors: [...need.sectors], reason });
  }
  const balance = sectors.map((sector): SectorBalance => ({
    sector,
    ideas: ideas.filter((idea) => idea.sectors.includes(sector)).length,
    needs: needs.filter((need) => need.sectors.includes(sector)).length,
    gaps: gaps.filter((gap) => gap.sectors.includes(sector)).length,
  }));
  return { sectors: balance, gaps: gaps.map(({ id: _id, ...gap }) => gap) };
}

// ---------------------------------------------------------------------------------------
// Adoptions

export type AdoptionStudy = { year: number | null; status: CaseStudyStatus; diffusionModels: readonly string[] };

export type AdoptionYear = { year: number } & Record<CaseStudyStatus, number>;

/** Case studies by the year they began and their status, every year from the first to the last. */
export function adoptionsByYear(studies: readonly AdoptionStudy[]): { years: AdoptionYear[]; undated: number } {
  const dated = studies.filter((study): study is AdoptionStudy & { year: number } => study.year !== null);
  if (!dated.length) return { years: [], undated: studies.length };
  const first = Math.min(...dated.map((study) => study.year));
  const last = Math.max(...dated.map((study) => study.year));
  const years: AdoptionYear[] = [];
  for (let year = first; year <= last; year++) years.push({ year, adopted: 0, piloting: 0, stopped: 0 });
  for (const study of dated) years[study.year - first][study.status]++;
  return { years, undated: studies.length - dated.length };
}

/** Running totals of adoptionsByYear. */
export function cumulative(years: readonly AdoptionYear[]): AdoptionYear[] {
  const totals = { adopted: 0, piloting: 0, stopped: 0 };
  return years.map((year) => {
    for (const status of caseStudyStatuses) totals[status] += year[status];
    return { year: year.year, ...totals };
  });
}

export type ModelAdoption = { model: DiffusionModel; ideas: number } & Record<CaseStudyStatus, number>;

/** Case studies by the diffusion models their idea offers (an idea offering two counts in both). */
export function adoptionsByDiffusionModel(studies: readonly AdoptionStudy[], ideas: readonly { diffusionModels: readonly string[] }[]): ModelAdoption[] {
  return diffusionModels.map((model) => {
    const row: ModelAdoption = { model, ideas: ideas.filter((idea) => idea.diffusionModels.includes(model)).length, adopted: 0, piloting: 0, stopped: 0 };
    for (const study of studies) if (study.diffusionModels.includes(model)) row[study.status]++;
    return row;
  });
}

// ---------------------------------------------------------------------------------------
// Broker figures: the match funnel and time in the review queues

/** Matches at each status, in the order a match moves (declined last). */
export function matchFunnel(statuses: readonly MatchStatus[]): { status: MatchStatus; count: number; reached: number | null }[] {
  const ladder: readonly MatchStatus[] = matchStatuses.filter((status) => status !== "declined");
  const counts = new Map<MatchStatus, number>(matchStatuses.map((status) => [status, 0]));
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return matchStatuses.map((status) => {
    const index = ladder.indexOf(status);
    // How many live matches got at least this far (a declined match's last stage is not recorded).
    const reached = index < 0 ? null : ladder.slice(index).reduce((sum, later) => sum + (counts.get(later) ?? 0), 0);
    return { status, count: counts.get(status) ?? 0, reached };
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Time between two instants counting only Monday to Friday (UTC), in days; bank holidays are not modelled. */
export function workingDaysBetween(start: Date, end: Date): number {
  if (end <= start) return 0;
  let total = 0;
  let cursor = start.getTime();
  const stop = end.getTime();
  while (cursor < stop) {
    const dayStart = Math.floor(cursor / DAY_MS) * DAY_MS;
    const next = Math.min(dayStart + DAY_MS, stop);
    const weekday = new Date(dayStart).getUTCDay();
    if (weekday !== 0 && weekday !== 6) total += next - cursor;
    cursor = next;
  }
  return total / DAY_MS;
}

/** Audit actions that put an item into a review queue, and those that take it out (a decision). */
export const queueEntryActions = ["submitted", "resubmitted", "changes sent for review"] as const;
export const queueExitActions = ["publish", "request-changes", "reject", "publish changes", "request-changes changes", "reject changes"] as const;

export type AuditEvent = { itemType: ReviewItemType; itemId: number; action: string; at: Date };
export type QueueStay = { itemType: ReviewItemType; itemId: number; enteredAt: Date; decidedAt: Date };

/** Pairs each decision with the latest submission of the same item before it (events in audit order). */
export function queueStays(events: readonly AuditEvent[]): QueueStay[] {
  const entered = new Map<string, Date>();
  const stays: QueueStay[] = [];
  for (const event of events) {
    const key = `${event.itemType}:${event.itemId}`;
    if ((queueEntryActions as readonly string[]).includes(event.action)) entered.set(key, event.at);
    else if ((queueExitActions as readonly string[]).includes(event.action)) {
      const start = entered.get(key);
      if (start) stays.push({ itemType: event.itemType, itemId: event.itemId, enteredAt: start, decidedAt: event.at });
      entered.delete(key);
    }
  }
  return stays;
}

/** The value below which the given share of the sorted values fall (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[rank - 1];
}

export type QueueTime = {
  itemType: ReviewItemType;
  decided: number;
  medianDays: number | null;
  p90Days: number | null;
  withinServiceLevel: number;
  waiting: number;
  overdue: number;
  oldestWaitingDays: number | null;
};

export function queueTimes(
  stays: readonly QueueStay[],
  waiting: readonly { itemType: ReviewItemType; submittedAt: Date }[],
  serviceLevelDays: number,
  now: Date,
): QueueTime[] {
  return reviewItemTypes.map((itemType) => {
    const decided = stays.filter((stay) => stay.itemType === itemType);
    const days = decided.map((stay) => workingDaysBetween(stay.enteredAt, stay.decidedAt)).sort((a, b) => a - b);
    const queue = waiting.filter((item) => item.itemType === itemType);
    const ages = queue.map((item) => workingDaysBetween(item.submittedAt, now));
    return {
      itemType,
      decided: decided.length,
      medianDays: percentile(days, 0.5),
      p90Days: percentile(days, 0.9),
      withinServiceLevel: decided.filter((stay) => stay.decidedAt <= reviewDeadline(stay.enteredAt, serviceLevelDays)).length,
      waiting: queue.length,
      overdue: queue.filter((item) => reviewDeadline(item.submittedAt, serviceLevelDays) < now).length,
      oldestWaitingDays: ages.length ? Math.max(...ages) : null,
    };
  });
}
