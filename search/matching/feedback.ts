// Pseudo-relevance feedback for key terms. A commissioner's prose carries rare words that are
// not the point ("they ring us", "nobody owns the pages"); by rarity alone they would lead
// the queries. A strong broker reads the need against the catalogue: the words that matter
// are the ones the ideas closest to the whole need also use. So a first pass scores every
// idea by the weighted key terms it contains, and each term keeps a share of its weight
// that grows with how much of the best ideas' score it accounts for.
import { wordsWithPrefix, type CorpusStats } from "./corpus";
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

const intersect = (sets: Set<number>[]) => (sets.length ? new Set([...sets[0]].filter((id) => sets.every((set) => set.has(id)))) : new Set<number>());

/** The ideas (corpus positions) a key term can match, approximated from the corpus postings. */
export function termPostings(term: KeyTerm, stats: CorpusStats, synonyms: Record<string, string[]>): Set<number> {
  const wordPostings = (word: string) => new Set(stats.postings.get(word) ?? []);
  const familyPostings = (prefix: string) => new Set(wordsWithPrefix(stats, prefix).flatMap((word) => stats.postings.get(word) ?? []));
  if (term.kind === "phrase") return intersect(tokenize(term.query).map(wordPostings));
  const found = term.prefix ? familyPostings(term.prefix) : wordPostings(term.query);
  for (const synonym of synonyms[term.query] ?? []) {
    for (const id of intersect(tokenize(synonym).map(wordPostings))) found.add(id);
  }
  return found;
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
  const sectorFactor = (id: number) =>
    needSectors.length && !(stats.sectors[id] ?? []).some((sector) => needSectors.includes(sector)) ? options.outOfSector : 1;
  const postings = terms.map((term) => termPostings(term, stats, synonyms));
  const firstPass = new Map<number, number>();
  terms.forEach((term, index) => {
    for (const id of postings[index]) firstPass.set(id, (firstPass.get(id) ?? 0) + term.weight);
  });
  for (const [id, score] of firstPass) firstPass.set(id, score * sectorFactor(id));
  const best = [...firstPass.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, options.documents);
  const mass = best.reduce((total, [, score]) => total + score, 0);
  if (mass <= 0) return [...terms];
  return terms
    .map((term, index) => {
      const share = best.reduce((total, [id, score]) => total + (postings[index].has(id) ? score : 0), 0) / mass;
      return { ...term, weight: term.weight * (options.floor + (1 - options.floor) * share), share };
    })
    .sort((a, b) => b.weight - a.weight || a.query.localeCompare(b.query));
}
