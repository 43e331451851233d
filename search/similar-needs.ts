// "Similar open needs elsewhere" on a need's page: the search query built from the need, and the
// ranking used when Meilisearch is down (shared sectors and shared words), on the shared text
// toolkit (./text.ts) and rank fusion (./fusion.ts). Pure.
import type { Sector } from "../app/domain/vocabulary";
import { distinctWords, stem } from "./text";

export const SIMILAR_NEEDS_LIMIT = 5;

/** Distinctive words of a text in order of first use (the shared text toolkit's). */
export function needKeyTerms(text: string, max = 10): string[] {
  return distinctWords(text, max);
}

/**
 * The Meilisearch queries for needs like this one. Meilisearch reads at most 10 words and a
 * hit must contain at least the first (or, by frequency, the rarest) of them, so one query
 * finds only needs sharing that word. So: the key terms together (title words first), plus
 * each of the first few on its own, fused by rank (fuseRankedIds): a need sharing several
 * terms rises, and any one shared term can find it.
 */
export function similarNeedsQueries(need: { title: string; problem: string }, singles = 6): string[] {
  const terms = needKeyTerms(`${need.title} ${need.problem}`, 10);
  if (!terms.length) return [];
  return [terms.join(" "), ...terms.slice(0, singles)];
}

export type NeedForSimilarity = { id: number; title: string; problem: string; sectors: readonly (Sector | string)[]; updatedAt: Date };

/**
 * The fallback ranking: open needs sharing a sector with this one, scored by shared sectors
 * and shared key words (title words count double), most recently updated first on a tie.
 */
export function rankSimilarNeeds<T extends NeedForSimilarity>(need: NeedForSimilarity, candidates: readonly T[], limit = SIMILAR_NEEDS_LIMIT): T[] {
  const sectors = new Set(need.sectors);
  const titleStems = new Set(needKeyTerms(need.title, 20).map(stem));
  const problemStems = new Set(needKeyTerms(need.problem, 40).map(stem));
  const scored = candidates
    .filter((candidate) => candidate.id !== need.id)
    .map((candidate) => {
      const sharedSectors = candidate.sectors.filter((sector) => sectors.has(sector)).length;
      const words = new Set(needKeyTerms(`${candidate.title} ${candidate.problem}`, 60).map(stem));
      let sharedWords = 0;
      for (const word of words) sharedWords += titleStems.has(word) ? 2 : problemStems.has(word) ? 1 : 0;
      return { candidate, sharedSectors, score: sharedSectors * 2 + sharedWords };
    })
    .filter((entry) => entry.sharedSectors > 0);
  scored.sort((a, b) => b.score - a.score || b.candidate.updatedAt.getTime() - a.candidate.updatedAt.getTime() || a.candidate.id - b.candidate.id);
  return scored.slice(0, limit).map((entry) => entry.candidate);
}
