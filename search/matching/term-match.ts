// Which words found by Meilisearch really stand for a key term. Meilisearch's typo tolerance
// and last-word prefix matching are made for people typing into a search box; our queries
// are built from words already mapped onto the ideas' vocabulary, so for one-term queries
// they mostly add accidents ("heat" finding "heart", "men" finding "mental"). A hit of such a
// query counts only when a matched word is the term itself, an inflection of it, a spelling
// variant or a word of one of its synonyms.
import type { KeyTerm } from "./key-terms";
import { spellingVariants, tokenize } from "../text";

// Endings that keep a word in its family: inflections and the common derivations
// ("stigma" -> "stigmatising", "isolate" -> "isolation").
const ENDINGS =
  "(|s|es|ed|d|ing|ings|er|ers|ly|ness|ments?|ations?|ions?|al|ally|ity|ities|ies|ied|y|e|is(e|es|ed|ing)|isations?|iz(e|es|ed|ing)|izations?|ic|ical|ist|ists|ism|ous|ive|ful)";
const INFLECTION = new RegExp(`^${ENDINGS}$`);
// After a stem of five letters or more a linking "t", "at" or "it" may come first ("stigma-t-ising");
// shorter stems would let "men" reach "mental".
const LINKED_INFLECTION = new RegExp(`^(t|at|it)${ENDINGS}$`);

export type TermMatcher = (token: string) => boolean;

/** A predicate telling whether a matched word stands for this term. */
export function termMatcher(term: Pick<KeyTerm, "query" | "prefix">, synonyms: Record<string, string[]>): TermMatcher {
  const words = tokenize(term.query);
  const exact = new Set<string>();
  for (const word of words) {
    exact.add(word);
    for (const variant of spellingVariants(word)) exact.add(variant);
  }
  for (const synonym of synonyms[term.query] ?? []) for (const word of tokenize(synonym)) exact.add(word);
  const stems = [...words, ...(term.prefix ? [term.prefix] : [])];
  return (token) => {
    const word = token.toLowerCase();
    if (exact.has(word)) return true;
    return stems.some((stem) => {
      if (!word.startsWith(stem)) return false;
      const ending = word.slice(stem.length);
      return INFLECTION.test(ending) || (stem.length >= 5 && LINKED_INFLECTION.test(ending));
    });
  };
}

/**
 * Whether a hit's matched words support the term: one accepted word for a single-word term;
 * for a phrase, as many distinct accepted words as the phrase has (or two, at most).
 */
export function supportsTerm(matcher: TermMatcher, matchedWords: readonly string[], termWords: number): boolean {
  const accepted = new Set(matchedWords.map((word) => word.toLowerCase()).filter(matcher));
  return accepted.size >= Math.min(termWords, 2);
}

export type QueryTerms = readonly Pick<KeyTerm, "query" | "prefix">[];

/** Builds a function counting how many of a query's terms a hit's matched words support. */
export function supportCounter(terms: QueryTerms, synonyms: Record<string, string[]>): (matchedWords: readonly string[]) => number {
  const matchers = terms.map((term) => ({ matcher: termMatcher(term, synonyms), words: tokenize(term.query).length }));
  return (matchedWords) => matchers.filter(({ matcher, words }) => supportsTerm(matcher, matchedWords, words)).length;
}

/**
 * Re-orders one query's hits by how many of its terms each genuinely matched (dropping hits
 * that matched none), keeping Meilisearch's order among equals. Meilisearch's own "words"
 * rule counts typo matches as matched words.
 */
export function rerankBySupport<T>(hits: readonly T[], support: (hit: T) => number): T[] {
  return hits
    .map((hit, index) => ({ hit, index, support: support(hit) }))
    .filter((entry) => entry.support > 0)
    .sort((a, b) => b.support - a.support || a.index - b.index)
    .map((entry) => entry.hit);
}
