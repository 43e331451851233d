// "Who else is trying this?": the places and organisations that adopted, piloted or dropped an
// idea, from its published case studies and from matches that reached a pilot. Pure.
//
// Only what is public may show: a match appears once it is piloting or adopted (or was
// dropped after a pilot), and then only as its need's locality and organisation, never the
// need, the people, or matches still being arranged.
import type { CaseStudyStatus, MatchStatus } from "./vocabulary";

export const adopterStages = ["adopted", "piloting", "dropped"] as const;
export type AdopterStage = (typeof adopterStages)[number];

export const adopterStageLabels: Record<AdopterStage, string> = {
  adopted: "Adopted it",
  piloting: "Piloting it",
  dropped: "Tried it and stopped",
};

export type Adopter = {
  stage: AdopterStage;
  locality: string | null;
  country: string | null;
  organisation: string | null;
  year: number | null;
  source: "case-study" | "match";
};

export type CaseStudyInput = { locality: string; country: string | null; year: number | null; status: CaseStudyStatus; matchId: number | null };
export type MatchInput = {
  id: number;
  status: MatchStatus;
  declinedFrom: MatchStatus | null;
  locality: string | null;
  country: string | null;
  organisation: string | null;
  changedAt: Date;
};

const caseStudyStage: Record<CaseStudyStatus, AdopterStage> = { adopted: "adopted", piloting: "piloting", stopped: "dropped" };

/** The public stage of a match, or null while it is being arranged (or declined before a pilot). */
export function matchStage(match: Pick<MatchInput, "status" | "declinedFrom">): AdopterStage | null {
  if (match.status === "adopted") return "adopted";
  if (match.status === "piloting") return "piloting";
  if (match.status === "declined" && match.declinedFrom === "piloting") return "dropped";
  return null;
}

/**
 * Merges case studies and matches: a match that became a published case study is listed once
 * (the case study, with the match's organisation); identical entries are listed once.
 */
export function whoElseIsTryingThis(caseStudies: readonly CaseStudyInput[], matches: readonly MatchInput[]): Record<AdopterStage, Adopter[]> {
  const matchById = new Map(matches.map((match) => [match.id, match]));
  const covered = new Set<number>();
  const entries: Adopter[] = [];
  for (const study of caseStudies) {
    const match = study.matchId !== null ? matchById.get(study.matchId) : undefined;
    if (match) covered.add(match.id);
    entries.push({
      stage: caseStudyStage[study.status],
      locality: study.locality,
      country: study.country,
      organisation: match?.organisation ?? null,
      year: study.year,
      source: "case-study",
    });
  }
  for (const match of matches) {
    const stage = matchStage(match);
    if (!stage || covered.has(match.id) || (!match.locality && !match.organisation)) continue;
    entries.push({
      stage,
      locality: match.locality,
      country: match.country,
      organisation: match.organisation,
      year: match.changedAt.getUTCFullYear(),
      source: "match",
    });
  }
  const seen = new Set<string>();
  const grouped: Record<AdopterStage, Adopter[]> = { adopted: [], piloting: [], dropped: [] };
  for (const entry of entries) {
    const key = [entry.stage, entry.locality?.toLowerCase(), entry.country, entry.organisation?.toLowerCase()].join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    grouped[entry.stage].push(entry);
  }
  for (const stage of adopterStages) {
    grouped[stage].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || (a.locality ?? a.organisation ?? "").localeCompare(b.locality ?? b.organisation ?? ""));
  }
  return grouped;
}

/** "Leeds, GB (Leeds City Council)" or just the organisation when the need named no place. */
export function adopterName(adopter: Pick<Adopter, "locality" | "country" | "organisation">): string {
  const place = adopter.locality ? [adopter.locality, adopter.country].filter(Boolean).join(", ") : null;
  if (place && adopter.organisation && adopter.organisation.toLowerCase() !== adopter.locality?.toLowerCase()) return `${place} (${adopter.organisation})`;
  return place ?? adopter.organisation ?? "";
}
