// Second stage: re-scores the fused candidate pool by a field-weighted BM25 (BM25F) computed
// here over each candidate's own text, with the need's weighted key terms as the query. The
// pool is small (the union of the queries' hits), so every candidate can be read in full.
// Reciprocal rank fusion knows only ranks; this score knows how much of the need an idea
// covers, in which field (a word in the title or tags says more than one in a lesson learnt),
// and counts a key term once however many of its synonyms and spellings the idea uses.
// A term matches a word of the idea when it is the term, an inflection or spelling of it, or
// (for a synonym of several words, "older people") the whole synonym in sequence.
import type { KeyTerm } from "./key-terms";
import { termMatcher, type TermMatcher } from "./term-match";
import { tokenize } from "../text";

export const rerankFields = ["title", "tags", "summary", "problem", "solution", "evidence", "caseStudies"] as const;
export type RerankField = (typeof rerankFields)[number];

export type RerankDocument = Partial<Record<RerankField, string | readonly string[] | null>>;

export type TextScoreOptions = {
  /** How much one occurrence in each field counts. */
  fieldWeights: Record<RerankField, number>;
  /** Term-frequency saturation: a term's contribution approaches its weight as it recurs. */
  k1: number;
  /** Length normalisation within a field (0 none, 1 full). */
  b: number;
};

export const defaultTextScoreOptions: TextScoreOptions = {
  fieldWeights: { title: 1, tags: 1, summary: 1, problem: 1, solution: 1, evidence: 1, caseStudies: 1 },
  k1: 1.2,
  b: 0.5,
};

type Pattern = TermMatcher[];

/**
 * The word sequences that stand for a key term: the term itself (inflections and spellings
 * included, and its stem family when it has a prefix) and each of its synonyms.
 */
export function termPatterns(term: Pick<KeyTerm, "query" | "prefix">, synonyms: Record<string, string[]>): Pattern[] {
  const words = tokenize(term.query);
  const own: Pattern =
    words.length === 1 ? [termMatcher({ query: words[0], prefix: term.prefix }, {})] : words.map((word) => termMatcher({ query: word, prefix: null }, {}));
  const patterns = [own];
  for (const synonym of synonyms[term.query] ?? []) {
    const synonymWords = tokenize(synonym);
    if (synonymWords.length) patterns.push(synonymWords.map((word) => termMatcher({ query: word, prefix: null }, {})));
  }
  return patterns;
}

/** Positions in `tokens` where any of the patterns (one test per word) starts. */
export function countMatches<T>(tokens: ArrayLike<T>, patterns: readonly (readonly ((token: T) => boolean)[])[]): number {
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (patterns.some((pattern) => i + pattern.length <= tokens.length && pattern.every((matches, offset) => matches(tokens[i + offset])))) count++;
  }
  return count;
}

/**
 * The pool's words, each numbered once, so that every word test (term-match.ts) runs once per
 * distinct word of the pool rather than once per occurrence.
 */
class PoolVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly compiled = new Map<TermMatcher, Uint8Array>();

  intern(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      let id = this.ids.get(token);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(token, id);
      }
      out[i] = id;
    });
    return out;
  }

  /** Which words (by number) the matcher accepts; call once every document is interned. */
  compile(matcher: TermMatcher): Uint8Array {
    let accepted = this.compiled.get(matcher);
    if (!accepted) {
      accepted = new Uint8Array(this.ids.size);
      for (const [word, id] of this.ids) accepted[id] = matcher(word) ? 1 : 0;
      this.compiled.set(matcher, accepted);
    }
    return accepted;
  }

  /** A term's patterns as look-ups: its one-word patterns merged into one table, the longer ones kept apart. */
  compileTerm(patterns: readonly Pattern[]): CompiledTerm {
    const single = new Uint8Array(this.ids.size);
    const sequences: Uint8Array[][] = [];
    for (const pattern of patterns) {
      if (pattern.length === 1) {
        const accepted = this.compile(pattern[0]);
        for (let id = 0; id < single.length; id++) single[id] |= accepted[id];
      } else {
        sequences.push(pattern.map((matcher) => this.compile(matcher)));
      }
    }
    return { single, sequences };
  }
}

type CompiledTerm = { single: Uint8Array; sequences: Uint8Array[][] };

/** countMatches over numbered words and compiled patterns (same result, no per-word calls). */
function countCompiled(tokens: Int32Array, term: CompiledTerm): number {
  let count = 0;
  const { single, sequences } = term;
  for (let i = 0; i < tokens.length; i++) {
    if (single[tokens[i]]) {
      count++;
      continue;
    }
    for (const sequence of sequences) {
      if (i + sequence.length > tokens.length) continue;
      let all = true;
      for (let offset = 0; offset < sequence.length && all; offset++) all = sequence[offset][tokens[i + offset]] === 1;
      if (all) {
        count++;
        break;
      }
    }
  }
  return count;
}

const fieldText = (value: string | readonly string[] | null | undefined) => (typeof value === "string" ? value : (value ?? []).join(". "));

/**
 * BM25F scores of the documents for the weighted key terms, keyed like the input. A term's
 * occurrences are summed over the fields (each weighted and length-normalised) before
 * saturating, and its contribution is scaled by the key term's weight (idf, where the need
 * uses it, and its share in the best first-pass ideas).
 */
export function textScores<K>(
  terms: readonly Pick<KeyTerm, "query" | "prefix" | "weight">[],
  documents: ReadonlyMap<K, RerankDocument>,
  synonyms: Record<string, string[]>,
  options: TextScoreOptions = defaultTextScoreOptions,
): Map<K, number> {
  const vocabulary = new PoolVocabulary();
  const tokenised = new Map<K, Record<RerankField, Int32Array>>();
  const totalLength = Object.fromEntries(rerankFields.map((field) => [field, 0])) as Record<RerankField, number>;
  for (const [key, document] of documents) {
    const fields = Object.fromEntries(rerankFields.map((field) => [field, vocabulary.intern(tokenize(fieldText(document[field])))])) as Record<
      RerankField,
      Int32Array
    >;
    for (const field of rerankFields) totalLength[field] += fields[field].length;
    tokenised.set(key, fields);
  }
  const averageLength = (field: RerankField) => Math.max(1, totalLength[field] / Math.max(documents.size, 1));
  const compiled = terms.map((term) => vocabulary.compileTerm(termPatterns(term, synonyms)));
  const scores = new Map<K, number>();
  for (const [key, fields] of tokenised) {
    let score = 0;
    terms.forEach((term, index) => {
      let frequency = 0;
      for (const field of rerankFields) {
        const weight = options.fieldWeights[field];
        if (!weight || !fields[field].length) continue;
        const matches = countCompiled(fields[field], compiled[index]);
        if (!matches) continue;
        const norm = 1 - options.b + options.b * (fields[field].length / averageLength(field));
        frequency += (weight * matches) / norm;
      }
      if (frequency > 0) score += term.weight * (frequency / (options.k1 + frequency));
    });
    scores.set(key, score);
  }
  return scores;
}
