// "Similar open needs elsewhere" on a need's page: the search query built from the need, and the
// ranking used when Meilisearch is down (shared sectors and shared words). Pure.
import type { Sector } from "./vocabulary";

export const SIMILAR_NEEDS_LIMIT = 5;

const STOPWORDS = new Set(
  (
    "a about after all also an and any are as at be been but by can could do does for from has have how in into is it its more most " +
    "need needs new not of on or our over people so some such than that the their them there these they this those through to too " +
    "us was we were what when where which who will with without would you your"
  ).split(" "),
);

/** Distinctive words of a text in order of first use (lower case, at least 3 letters, no stopwords). */
export function needKeyTerms(text: string, max = 10): string[] {
  const seen = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) {
    const clean = word.replace(/^-+|-+$/g, "");
    if (clean.length < 3 || STOPWORDS.has(clean) || /^\d+$/.test(clean)) continue;
    seen.add(clean);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/**
 * The Meilisearch queries for needs like this one. Meilisearch reads at most 10 words and a
 * hit must contain at least the first (or, by frequency, the rarest) of them, so one query
 * finds only needs sharing that word. So: the key terms together (title words first), plus
 * each of the first few on its own, fused by rank (fuseRanks): a need sharing several
 * terms rises, and any one shared term can find it.
 */
export function similarNeedsQueries(need: { title: string; problem: string }, singles = 6): string[] {
  const terms = needKeyTerms(`${need.title} ${need.problem}`, 10);
  if (!terms.length) return [];
  return [terms.join(" "), ...terms.slice(0, singles)];
}

/** Reciprocal rank fusion of ranked id lists (k = 60): ids found by more lists, higher up, first. */
export function fuseRanks(lists: readonly (readonly number[])[], k = 60): number[] {
  const score = new Map<number, number>();
  const first = new Map<number, number>();
  lists.forEach((list, listIndex) =>
    list.forEach((id, rank) => {
      score.set(id, (score.get(id) ?? 0) + 1 / (k + rank + 1));
      if (!first.has(id)) first.set(id, listIndex * 10_000 + rank);
    }),
  );
  return [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || first.get(a)! - first.get(b)!);
}

/** A crude stem, enough to let "carers" meet "carer" and "visits" meet "visiting" in the fallback. */
function stem(word: string): string {
  return word.replace(/(ing|ers|er|es|s)$/, "").slice(0, 8);
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
