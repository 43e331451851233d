// Statistics of the published ideas' text: in how many ideas each word and each pair of
// adjacent words occurs. Key-term extraction uses them to weigh a need's words (a word found
// in every idea says little; one found in three says a lot), to keep only words that can
// match something, and to map a commissioner's spelling or typo onto the word the ideas use.
import { phraseRuns, tokenize } from "../text";

/**
 * What the engine asks of the catalogue's statistics. Two implementations: `buildCorpusStats`
 * (in memory, for a handful of documents: tests) and `corpus-index.ts` (SQLite FTS5 tables
 * kept up to date by triggers, so a large catalogue's statistics live outside the JS heap).
 * Ids are idea ids (positions, in memory).
 */
export interface CorpusStats {
  readonly documentCount: number;
  /** Number of ideas containing the word. */
  df(word: string): number;
  /** Number of ideas containing the two words next to each other ("older people"). */
  bigramDf(bigram: string): number;
  /** Words starting with `prefix`, in order, with their document frequencies. */
  wordsWithPrefix(prefix: string): { word: string; df: number }[];
  /** Number of ideas containing a word that starts with `prefix` (Meilisearch matches the last query word as a prefix). */
  prefixDf(prefix: string): number;
  /** Ideas by the summed weight of the queries they match, best first (equal scores by id): `limit` of them from `offset`. */
  scoreByQueries(queries: readonly WeightedQuery[], limit: number, offset: number): [number, number][];
  /** Which of these ideas match the query. */
  matchingAmong(query: TermQuery, ids: readonly number[]): Set<number>;
  /** The sectors of these ideas. */
  sectorsOf(ids: readonly number[]): Map<number, string[]>;
}

/**
 * Ideas matching any of the alternatives, each alternative a list of words all of which the
 * idea contains; a word ending in "*" stands for every word starting with what precedes it.
 */
export type TermQuery = readonly (readonly string[])[];
export type WeightedQuery = { query: TermQuery; weight: number };

export type CorpusDocument = { fields: string[]; sectors?: string[] };

/** The distinct words and adjacent word pairs ("a b") of an idea's fields: what the statistics count. */
export function corpusTerms(fields: readonly string[]): { words: Set<string>; bigrams: Set<string> } {
  const words = new Set<string>();
  const bigrams = new Set<string>();
  for (const field of fields) {
    for (const token of tokenize(field)) words.add(token);
    for (const run of phraseRuns(field)) {
      for (let i = 0; i + 1 < run.length; i++) bigrams.add(`${run[i]} ${run[i + 1]}`);
    }
  }
  return { words, bigrams };
}

/** Builds in-memory statistics from each idea's searchable text fields, reading the input once (it may be a generator). */
export function buildCorpusStats(input: Iterable<CorpusDocument | string[]>): CorpusStats {
  const df = new Map<string, number>();
  const bigramDf = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const sectors: string[][] = [];
  let position = 0;
  for (const document of input) {
    const fields = Array.isArray(document) ? document : document.fields;
    sectors.push(Array.isArray(document) ? [] : (document.sectors ?? []));
    const { words, bigrams } = corpusTerms(fields);
    for (const word of words) {
      df.set(word, (df.get(word) ?? 0) + 1);
      const list = postings.get(word);
      if (list) list.push(position);
      else postings.set(word, [position]);
    }
    for (const bigram of bigrams) bigramDf.set(bigram, (bigramDf.get(bigram) ?? 0) + 1);
    position++;
  }
  const vocabulary = [...df.keys()].sort();
  const wordsWithPrefix = (prefix: string) => {
    let low = 0;
    let high = vocabulary.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (vocabulary[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const found: { word: string; df: number }[] = [];
    for (let i = low; i < vocabulary.length && vocabulary[i].startsWith(prefix); i++) found.push({ word: vocabulary[i], df: df.get(vocabulary[i]) ?? 0 });
    return found;
  };
  const prefixPostings = (prefix: string) => new Set(wordsWithPrefix(prefix).flatMap(({ word }) => postings.get(word) ?? []));
  const wordPostings = (word: string) => (word.endsWith("*") ? prefixPostings(word.slice(0, -1)) : new Set(postings.get(word) ?? []));
  const matching = (query: TermQuery) => {
    const found = new Set<number>();
    for (const words of query) {
      const sets = words.map(wordPostings);
      if (sets.length) for (const id of sets[0]) if (sets.every((set) => set.has(id))) found.add(id);
    }
    return found;
  };
  return {
    documentCount: position,
    df: (word) => df.get(word) ?? 0,
    bigramDf: (bigram) => bigramDf.get(bigram) ?? 0,
    wordsWithPrefix,
    prefixDf: (prefix) => prefixPostings(prefix).size,
    scoreByQueries(queries, limit, offset) {
      const scores = new Map<number, number>();
      for (const { query, weight } of queries) for (const id of matching(query)) scores.set(id, (scores.get(id) ?? 0) + weight);
      return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(offset, offset + limit);
    },
    matchingAmong: (query, ids) => {
      const found = matching(query);
      return new Set(ids.filter((id) => found.has(id)));
    },
    sectorsOf: (ids) => new Map(ids.map((id) => [id, sectors[id] ?? []])),
  };
}

/** BM25's inverse document frequency: high for rare words, near zero for words in most ideas. */
export function idf(stats: CorpusStats, documentFrequency: number): number {
  const n = Math.max(stats.documentCount, 1);
  return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Damerau-Levenshtein distance, giving up (returning max + 1) once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => [i, ...new Array<number>(cols - 1).fill(0)]);
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/**
 * Typos we correct for a word of this length. Stricter than Meilisearch's own tolerance
 * (1 from 4 letters, 2 from 8): a short word missing from the ideas is more often an
 * ordinary word they do not use ("copy") than a misspelling of one they do ("copd").
 */
export function typoBudget(word: string): number {
  return word.length >= 10 ? 2 : word.length >= 6 ? 1 : 0;
}

/**
 * The corpus word a misspelt word most likely means: within the typo budget, same first
 * letter (Meilisearch counts a first-letter typo double), most frequent wins.
 */
export function correctTypo(stats: CorpusStats, word: string): string | null {
  const budget = typoBudget(word);
  if (!budget) return null;
  let best: { word: string; distance: number; df: number } | null = null;
  for (const { word: candidate, df: candidateDf } of stats.wordsWithPrefix(word[0])) {
    if (Math.abs(candidate.length - word.length) > budget || candidate.length < 4) continue;
    const distance = editDistance(word, candidate, budget);
    if (distance > budget) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidateDf > best.df)) {
      best = { word: candidate, distance, df: candidateDf };
    }
  }
  return best?.word ?? null;
}
