// Builds the Meilisearch queries for one need from its key terms. Meilisearch reads only the
// first 10 words of a query and, with the "last" matching strategy, drops words from the end
// until something matches, so each query lists its words heaviest first and several short
// queries look at the need from different sides:
//   key       the heaviest terms of the whole need
//   title     the title's terms (the commissioner's own summary)
//   problem   the problem's terms;  outcomes: the outcomes' terms
//   sector    the key query, restricted to ideas sharing one of the need's sectors
//   phrase    one multi-word public-service phrase ("rough sleeping"), every word required
//   term      one heavy word on its own, so an idea matching it is found even when the
//             longer queries are dominated by other words (matched as a prefix: "evict"
//             finds "eviction")
// With "last", every hit of a long query contains its first word, so the long queries are
// precise but narrow; the one-term queries give breadth, and the fusion rewards ideas found
// by many of them. All queries search what an idea is about (title, tags, summary, problem,
// solution), not where it ran or who ran it.
import type { MultiSearchQuery } from "meilisearch";
import type { KeyTerm, NeedField } from "./key-terms";
import { tokenize } from "../text";
import { anyOf, PUBLISHED_IDEAS } from "../filters";

export const MAX_QUERY_WORDS = 10;

export const matchQueryKinds = ["key", "title", "problem", "outcomes", "sector", "phrase", "term"] as const;
export type MatchQueryKind = (typeof matchQueryKinds)[number];
export type MatchQuery = {
  id: string;
  kind: MatchQueryKind;
  q: string;
  /** How much this query's ranking counts in the fusion. */
  weight: number;
  filter: (string | string[])[];
  matchingStrategy: "last" | "all";
  /** The key terms the query is made of, so hits can be checked against them (term-match.ts). */
  terms: Pick<KeyTerm, "query" | "prefix">[];
  /** Idea attributes searched (Meilisearch's attributesToSearchOn). */
  attributes: string[];
};

export type QueryPlanOptions = {
  /** One-term queries for this many of the heaviest words. */
  termQueries: number;
  /** Phrase queries for this many of the heaviest phrases. */
  phraseQueries: number;
  /** Weight of each kind of query in the fusion (term and phrase queries also scale by the term's weight). */
  weights: Record<MatchQueryKind, number>;
  /** Idea attributes searched by every query. */
  attributes: string[];
  /**
   * Order long queries by weight x share (the term's part in the first pass's best ideas)
   * instead of by weight: with the "last" strategy every hit contains the first word, so it
   * should be a word central to the need, not merely its rarest.
   */
  leadWithCentral: boolean;
};

/** Heaviest-and-most-central first: weight x share when feedback has set the share. */
export function byCentrality(terms: readonly KeyTerm[]): KeyTerm[] {
  const centrality = (term: KeyTerm) => term.weight * (term.share ?? 1);
  return [...terms].sort((a, b) => centrality(b) - centrality(a) || b.weight - a.weight);
}

/** What an idea is about, as opposed to where it ran, who ran it and what was learnt. */
export const coreIdeaAttributes = ["title", "tags", "summary", "problem", "solution"];

export const defaultQueryPlan: QueryPlanOptions = {
  termQueries: 16,
  phraseQueries: 4,
  // The long queries are precise but narrow (every hit contains their first word), so they
  // count for less than the many one-term queries that give the fusion its breadth.
  weights: { key: 0.4, title: 0.4, problem: 0.25, outcomes: 0.15, sector: 0.25, phrase: 0.5, term: 1 },
  attributes: coreIdeaAttributes,
  leadWithCentral: true,
};

export const PUBLISHED_FILTER = PUBLISHED_IDEAS;

export function sectorFilter(sectors: readonly string[]): string[] {
  return anyOf("sectors", sectors);
}

/** Words as Meilisearch counts them. */
export function countQueryWords(q: string): number {
  return tokenize(q).length;
}

/** Joins terms, heaviest first, into a query of at most `maxWords` words without repeating a word. */
export function packTerms(terms: readonly KeyTerm[], maxWords = MAX_QUERY_WORDS): { q: string; terms: KeyTerm[] } {
  const words: string[] = [];
  const used: KeyTerm[] = [];
  for (const term of terms) {
    const termWords = tokenize(term.query).filter((word) => !words.includes(word));
    if (!termWords.length) continue;
    if (words.length + termWords.length > maxWords) continue;
    words.push(...termWords);
    used.push(term);
    if (words.length === maxWords) break;
  }
  return { q: words.join(" "), terms: used };
}

const termRefs = (terms: readonly KeyTerm[]) => terms.map((term) => ({ query: term.query, prefix: term.prefix }));

const inField = (field: NeedField) => (term: KeyTerm) => term.fields.includes(field);

/**
 * The queries for a need, each of at most 10 words and each filtered to published ideas.
 * `terms` must be sorted heaviest first (as extractKeyTerms returns them).
 */
export function buildMatchQueries(terms: readonly KeyTerm[], need: { sectors: readonly string[] }, options: QueryPlanOptions = defaultQueryPlan): MatchQuery[] {
  const base = [PUBLISHED_FILTER];
  const { weights } = options;
  const queries: MatchQuery[] = [];
  const add = (query: Omit<MatchQuery, "filter" | "matchingStrategy" | "attributes"> & Partial<Pick<MatchQuery, "filter" | "matchingStrategy">>) => {
    if (!query.q || query.weight <= 0) return;
    const filter = query.filter ?? base;
    const duplicate = queries.some((other) => other.q === query.q && JSON.stringify(other.filter) === JSON.stringify(filter));
    if (!duplicate) queries.push({ matchingStrategy: "last", ...query, filter, attributes: options.attributes });
  };

  const packed = (kind: "key" | "title" | "problem" | "outcomes", from: readonly KeyTerm[]) => {
    const { q, terms: used } = packTerms(options.leadWithCentral ? byCentrality(from) : from);
    return { id: kind, kind, q, terms: termRefs(used), weight: weights[kind] };
  };
  const key = packed("key", terms);
  add(key);
  add(packed("title", terms.filter(inField("title"))));
  add(packed("problem", terms.filter(inField("problem"))));
  add(packed("outcomes", terms.filter(inField("outcomes"))));
  if (need.sectors.length) {
    add({ ...key, id: "sector", kind: "sector", weight: weights.sector, filter: [...base, sectorFilter(need.sectors)] });
  }

  const heaviest = terms[0]?.weight ?? 1;
  for (const term of terms.filter((candidate) => candidate.kind === "phrase").slice(0, options.phraseQueries)) {
    add({
      id: `phrase:${term.query}`,
      kind: "phrase",
      q: term.query,
      weight: weights.phrase * (term.weight / heaviest),
      matchingStrategy: "all",
      terms: termRefs([term]),
    });
  }
  for (const term of terms.filter((candidate) => candidate.kind === "word").slice(0, options.termQueries)) {
    add({
      id: `term:${term.query}`,
      kind: "term",
      q: term.prefix ?? term.query,
      weight: weights.term * (term.weight / heaviest),
      terms: termRefs([term]),
    });
  }
  return queries;
}

/** The Meilisearch requests: ids and match positions only (rows are re-read from SQLite). */
export function toMultiSearchQueries(queries: readonly MatchQuery[], options: { indexUid?: string; limit?: number } = {}): MultiSearchQuery[] {
  return queries.map((query) => ({
    indexUid: options.indexUid ?? "ideas",
    q: query.q,
    filter: query.filter,
    matchingStrategy: query.matchingStrategy,
    limit: options.limit ?? 40,
    attributesToRetrieve: ["id"],
    showMatchesPosition: true,
    attributesToSearchOn: query.attributes,
  }));
}
