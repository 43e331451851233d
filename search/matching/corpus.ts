// Statistics of the published ideas' text: in how many ideas each word and each pair of
// adjacent words occurs. Key-term extraction uses them to weigh a need's words (a word found
// in every idea says little; one found in three says a lot), to keep only words that can
// match something, and to map a commissioner's spelling or typo onto the word the ideas use.
import { phraseRuns, tokenize } from "../text";

export type CorpusStats = {
  documentCount: number;
  /** word -> number of ideas containing it */
  df: Map<string, number>;
  /** "word word" -> number of ideas containing the two words next to each other */
  bigramDf: Map<string, number>;
  /** every word, sorted, for prefix look-ups */
  vocabulary: string[];
  /** word -> ids (positions) of the ideas containing it, for prefix document counts */
  postings: Map<string, number[]>;
  /** each idea's sectors, by position */
  sectors: string[][];
};

export type CorpusDocument = { fields: string[]; sectors?: string[] };

/** Builds the statistics from each idea's searchable text fields, reading the input once (it may be a generator). */
export function buildCorpusStats(input: Iterable<CorpusDocument | string[]>): CorpusStats {
  const df = new Map<string, number>();
  const bigramDf = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const sectors: string[][] = [];
  let position = 0;
  for (const document of input) {
    const fields = Array.isArray(document) ? document : document.fields;
    sectors.push(Array.isArray(document) ? [] : (document.sectors ?? []));
    const words = new Set<string>();
    const bigrams = new Set<string>();
    for (const field of fields) {
      for (const token of tokenize(field)) words.add(token);
      for (const run of phraseRuns(field)) {
        for (let i = 0; i + 1 < run.length; i++) bigrams.add(`${run[i]} ${run[i + 1]}`);
      }
    }
    for (const word of words) {
      df.set(word, (df.get(word) ?? 0) + 1);
      const list = postings.get(word);
      if (list) list.push(position);
      else postings.set(word, [position]);
    }
    for (const bigram of bigrams) bigramDf.set(bigram, (bigramDf.get(bigram) ?? 0) + 1);
    position++;
  }
  return { documentCount: position, df, bigramDf, vocabulary: [...df.keys()].sort(), postings, sectors };
}

/** Number of ideas containing a word that starts with `prefix` (Meilisearch matches the last query word as a prefix). */
export function prefixDf(stats: CorpusStats, prefix: string): number {
  const documents = new Set<number>();
  for (const word of wordsWithPrefix(stats, prefix)) for (const id of stats.postings.get(word) ?? []) documents.add(id);
  return documents.size;
}

export function wordsWithPrefix(stats: CorpusStats, prefix: string): string[] {
  const { vocabulary } = stats;
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (vocabulary[middle] < prefix) low = middle + 1;
    else high = middle;
  }
  const words: string[] = [];
  for (let i = low; i < vocabulary.length && vocabulary[i].startsWith(prefix); i++) words.push(vocabulary[i]);
  return words;
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
  for (const candidate of wordsWithPrefix(stats, word[0])) {
    if (Math.abs(candidate.length - word.length) > budget || candidate.length < 4) continue;
    const distance = editDistance(word, candidate, budget);
    if (distance > budget) continue;
    const candidateDf = stats.df.get(candidate) ?? 0;
    if (!best || distance < best.distance || (distance === best.distance && candidateDf > best.df)) {
      best = { word: candidate, distance, df: candidateDf };
    }
  }
  return best?.word ?? null;
}
