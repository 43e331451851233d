// Pseudo-relevance feedback for key terms. A commissioner's prose carries rare words that are
// not the point ("they ring us", "nobody owns the pages"); by rarity alone they would lead
// the queries. A strong broker reads the need against the catalogue: the words that matter
// are the ones the ideas closest to the whole need also use. So a first pass scores every
// idea by the weighted key terms it contains, and each term keeps a share of its weight
// that grows with how much of the best ideas' score it accounts for.
import type { CorpusStats, TermQuery, WeightedQuery } from "./corpus";
import type { KeyTerm } from "./key-terms";
import { tokenize } from "../text";

export type FeedbackOptions = {
  /** Ideas taken as the first pass's best. */
  documents: number;
  /** Weight kept by a term none of the best ideas contain (0 to 1). */
  floor: number;
  /** First-pass score multiplier for ideas sharing none of the need's sectors. */
  outOfSector: number;
};

export const defaultFeedback: FeedbackOptions = { documents: 5, floor: 0.35, outOfSector: 0.5 };

/** The ideas a key term can match, as a corpus query: the term (its stem family when it has a prefix) or any of its synonyms. */
export function termQuery(term: KeyTerm, synonyms: Record<string, string[]>): TermQuery {
  if (term.kind === "phrase") return [tokenize(term.query)];
  const alternatives: string[][] = [[term.prefix ? `${term.prefix}*` : term.query]];
  for (const synonym of synonyms[term.query] ?? []) {
    const words = tokenize(synonym);
    if (words.length) alternatives.push(words);
  }
  return alternatives;
}

/** Re-weighs key terms by their share in the first pass's best ideas; returns them heaviest first. */
export function applyFeedback(
  terms: readonly KeyTerm[],
  stats: CorpusStats,
  synonyms: Record<string, string[]>,
  options: FeedbackOptions = defaultFeedback,
  needSectors: readonly string[] = [],
): KeyTerm[] {
  if (!terms.length) return [];
  const queries = terms.map((term) => ({ query: termQuery(term, synonyms), weight: term.weight }));
  const best = bestAfterSectors(queries, stats, needSectors, options);
  const mass = best.reduce((total, [, score]) => total + score, 0);
  if (mass <= 0) return [...terms];
  const bestIds = best.map(([id]) => id);
  return terms
    .map((term, index) => {
      const matched = stats.matchingAmong(queries[index].query, bestIds);
      const share = best.reduce((total, [id, score]) => total + (matched.has(id) ? score : 0), 0) / mass;
      return { ...term, weight: term.weight * (options.floor + (1 - options.floor) * share), share };
    })
    .sort((a, b) => b.weight - a.weight || a.query.localeCompare(b.query));
}

const byScore = (a: [number, number], b: [number, number]) => b[1] - a[1] || a[0] - b[0];

/**
 * The first pass's best ideas once those outside the need's sectors are scaled down. The
 * factor only lowers a score, so ideas are read best first, a page at a time, until the next
 * raw score could no longer reach the current best.
 */
function bestAfterSectors(queries: readonly WeightedQuery[], stats: CorpusStats, needSectors: readonly string[], options: FeedbackOptions): [number, number][] {
  if (!needSectors.length) return stats.scoreByQueries(queries, options.documents, 0);
  const best: [number, number][] = [];
  // Each page re-runs the whole first pass: a wide one, so that one is nearly always enough.
  const page = Math.max(500, options.documents * 100);
  for (let offset = 0; ; offset += page) {
    const slice = stats.scoreByQueries(queries, page, offset);
    const sectors = stats.sectorsOf(slice.map(([id]) => id));
    for (const [id, score] of slice) {
      if (best.length >= options.documents && score < best[best.length - 1][1]) return best;
      const inSector = (sectors.get(id) ?? []).some((sector) => needSectors.includes(sector));
      best.push([id, inSector ? score : score * options.outOfSector]);
      best.sort(byScore);
      if (best.length > options.documents) best.pop();
    }
    if (slice.length < page) return best;
  }
}
