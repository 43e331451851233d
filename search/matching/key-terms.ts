// Key-term extraction: turns a need's long text (title, problem, outcomes) into a short,
// weighted list of the words and phrases worth sending to Meilisearch, which reads only the
// first 10 words of a query. Each of the commissioner's words is mapped onto a word the
// ideas actually use (spelling variant, synonym, inflection or typo); words that cannot match
// any idea are dropped, and the rest are weighed by where they appear (title counts most) and
// how rare they are among the ideas.
import { correctTypo, idf, type CorpusStats } from "./corpus";
import { withoutRuledOut } from "./negation";
import { expandAbbreviations, isStopword, phraseRuns, spellingVariants, tokenize } from "../text";

export type NeedField = "title" | "problem" | "outcomes";
export type NeedText = { title: string; problem: string; outcomes?: string | null; locality?: string | null };

/** How a commissioner's word was mapped onto the ideas' vocabulary. */
export type Resolution = "exact" | "spelling" | "synonym" | "typo" | "inflection";

export type KeyTerm = {
  kind: "word" | "phrase";
  /** The form sent to Meilisearch (a word or a space-separated phrase the ideas use). */
  query: string;
  /** A shorter stem to send when the term is a query of its own, where Meilisearch matches it as a prefix. */
  prefix: string | null;
  /** The commissioner's own spelling(s). */
  sources: string[];
  resolution: Resolution;
  fields: NeedField[];
  /** Number of ideas the term occurs in. */
  df: number;
  weight: number;
  /** Share of the first-pass best ideas' score the term accounts for (feedback.ts); null before feedback. */
  share: number | null;
};

export const fieldWeights: Record<NeedField, number> = { title: 2, problem: 1, outcomes: 0.8 };

const K1 = 1.2;
const saturate = (frequency: number) => (frequency * (K1 + 1)) / (frequency + K1);

// Inflections stripped to find a stem Meilisearch can match as a prefix ("evicted" -> "evict"
// matches "eviction"). Longest first.
const inflections = ["ations", "ation", "ments", "ment", "ness", "ions", "ion", "ings", "ing", "ers", "ies", "ied", "ed", "es", "er", "ly", "s"];
const MIN_STEM = 5;

export function stem(word: string): string {
  for (const ending of inflections) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word;
}

type Resolved = { query: string; df: number; resolution: Resolution; stem?: string };

function synonymDf(stats: CorpusStats, synonyms: Record<string, string[]>, term: string): number {
  let best = 0;
  for (const synonym of synonyms[term] ?? []) {
    const words = tokenize(synonym);
    const frequency =
      words.length === 1 ? stats.df(words[0]) : words.length === 2 ? stats.bigramDf(words.join(" ")) : Math.min(...words.map((word) => stats.df(word)));
    best = Math.max(best, frequency);
  }
  return best;
}

/** Maps one of the commissioner's words onto the ideas' vocabulary, or null when nothing could match it. */
export function resolveWord(word: string, stats: CorpusStats, synonyms: Record<string, string[]>): Resolved | null {
  let best: Resolved | null = null;
  for (const candidate of [word, ...spellingVariants(word)]) {
    const df = stats.df(candidate);
    if (df > (best?.df ?? 0)) best = { query: candidate, df, resolution: candidate === word ? "exact" : "spelling" };
  }
  if (best) return best;
  // A word the ideas do not use can still match through a synonym Meilisearch expands.
  const viaSynonym = synonymDf(stats, synonyms, word);
  if (viaSynonym > 0) return { query: word, df: viaSynonym, resolution: "synonym" };
  const stemmed = stem(word);
  if (stemmed !== word) {
    const df = stats.prefixDf(stemmed);
    if (df > 0) {
      // Send the most common word of the family: it works anywhere in a query, not only last.
      const family = stats.wordsWithPrefix(stemmed).sort((a, b) => b.df - a.df);
      return { query: family[0].word, df, resolution: "inflection", stem: stemmed };
    }
  }
  const corrected = correctTypo(stats, word);
  if (corrected) return { query: corrected, df: stats.df(corrected), resolution: "typo" };
  return null;
}

type Accumulator = {
  kind: KeyTerm["kind"];
  query: string;
  prefix: string | null;
  sources: Set<string>;
  resolution: Resolution;
  df: number;
  frequency: Map<NeedField, number>;
};

export type KeyTermOptions = {
  synonyms: Record<string, string[]>;
  phrases?: Iterable<string>;
  /** Leave out the sentences in which the commissioner rules an approach out (negation.ts). Default true. */
  dropRuledOut?: boolean;
};

/**
 * Extracts the need's key terms, heaviest first. Phrases are pairs of adjacent words that the
 * ideas also use together (in two or more ideas), or that the public-service vocabulary knows.
 */
export function extractKeyTerms(need: NeedText, stats: CorpusStats, options: KeyTermOptions): KeyTerm[] {
  const knownPhrases = new Set<string>(options.phrases ?? []);
  for (const key of Object.keys(options.synonyms)) if (key.includes(" ")) knownPhrases.add(key);
  const placeWords = placeNames(need);
  const resolvedWords = new Map<string, Resolved | null>();
  const resolve = (word: string) => {
    if (!resolvedWords.has(word)) resolvedWords.set(word, resolveWord(word, stats, options.synonyms));
    return resolvedWords.get(word)!;
  };
  const terms = new Map<string, Accumulator>();
  const add = (key: string, make: () => Omit<Accumulator, "frequency" | "sources">, source: string, field: NeedField) => {
    let term = terms.get(key);
    if (!term) {
      term = { ...make(), sources: new Set(), frequency: new Map() };
      terms.set(key, term);
    }
    term.sources.add(source);
    term.frequency.set(field, (term.frequency.get(field) ?? 0) + 1);
  };

  const fields: [NeedField, string][] = [
    ["title", need.title],
    ["problem", need.problem],
    ["outcomes", need.outcomes ?? ""],
  ];
  for (const [field, rawText] of fields) {
    const text = expandAbbreviations(options.dropRuledOut === false ? rawText : withoutRuledOut(rawText));
    for (const run of phraseRuns(text)) {
      const usable = run.map((word) => (placeWords.has(word) ? null : word));
      usable.forEach((word, index) => {
        if (!word) return;
        const resolved = resolve(word);
        if (resolved) {
          const family = resolved.stem ?? stem(resolved.query);
          add(
            `w:${family}`,
            () => ({
              kind: "word",
              query: resolved.query,
              prefix: family !== resolved.query && family.length >= MIN_STEM ? family : null,
              resolution: resolved.resolution,
              df: resolved.df,
            }),
            word,
            field,
          );
        }
        const next = usable[index + 1];
        if (!next) return;
        const phrase = phraseFor(word, next, resolve, stats, knownPhrases, options.synonyms);
        if (phrase) {
          add(
            `p:${phrase.query}`,
            () => ({ kind: "phrase", query: phrase.query, prefix: null, resolution: phrase.resolution, df: phrase.df }),
            `${word} ${next}`,
            field,
          );
        }
      });
    }
  }

  const keyTerms = [...terms.values()].map((term): KeyTerm => {
    let raw = 0;
    for (const [field, count] of term.frequency) raw += fieldWeights[field] * count;
    return {
      kind: term.kind,
      query: term.query,
      prefix: term.prefix,
      sources: [...term.sources],
      resolution: term.resolution,
      fields: (Object.keys(fieldWeights) as NeedField[]).filter((field) => term.frequency.has(field)),
      df: term.df,
      weight: idf(stats, term.df) * saturate(raw),
      share: null,
    };
  });
  return keyTerms.sort((a, b) => b.weight - a.weight || a.query.localeCompare(b.query));
}

/**
 * Proper names from the need's locality ("Harbourside City Council"): they say where, not
 * what, so they are not key terms. A word the commissioner also writes in lower case
 * elsewhere ("health and care partnership") is an ordinary word.
 */
export function placeNames(need: NeedText): Set<string> {
  const capitalised = (need.locality ?? "").match(/\p{Lu}[\p{L}'’-]*/gu) ?? [];
  const ordinary = new Set(
    [need.title, need.problem, need.outcomes ?? ""]
      .join(" ")
      .split(/[^\p{L}'’-]+/u)
      .filter((word) => /^\p{Ll}/u.test(word))
      .flatMap((word) => tokenize(word)),
  );
  return new Set(capitalised.flatMap((word) => tokenize(word)).filter((word) => !ordinary.has(word)));
}

function phraseFor(
  first: string,
  second: string,
  resolve: (word: string) => Resolved | null,
  stats: CorpusStats,
  knownPhrases: Set<string>,
  synonyms: Record<string, string[]>,
): { query: string; df: number; resolution: Resolution } | null {
  const asWritten = `${first} ${second}`;
  if (isStopword(first) || isStopword(second)) return null;
  // A vocabulary phrase the ideas never use can still match through its synonyms ("domiciliary care" -> "home care").
  const viaSynonym = synonymDf(stats, synonyms, asWritten);
  if (viaSynonym > 0 && !stats.bigramDf(asWritten)) return { query: asWritten, df: viaSynonym, resolution: "synonym" };
  const a = resolve(first);
  const b = resolve(second);
  const candidates = new Set([asWritten]);
  if (a && b) candidates.add(`${a.query} ${b.query}`);
  let best: { query: string; df: number; resolution: Resolution } | null = null;
  for (const candidate of candidates) {
    const df = stats.bigramDf(candidate);
    const known = knownPhrases.has(candidate);
    // Two ideas using the pair make it a phrase of the field; the vocabulary vouches for rarer ones.
    if (df >= 2 || (known && df >= 1) || (known && (a?.df ?? 0) > 0 && (b?.df ?? 0) > 0)) {
      if (!best || df > best.df) best = { query: candidate, df: Math.max(df, 1), resolution: candidate === asWritten ? "exact" : "spelling" };
    }
  }
  return best;
}
