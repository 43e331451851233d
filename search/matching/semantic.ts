// The engine's third signal: how close an idea's sentence embedding is to the need's
// (search/embeddings/). It does not depend on shared words, so it finds ideas written in other
// words than the need's (plain speech against jargon, American against British usage), which
// the key-term queries and the BM25F re-rank cannot. Two uses:
//   recall   one Meilisearch vector query (the ideas index's `userProvided` embedder) adds the
//            ideas nearest the need to the candidate pool, as one more ranked list for fusion;
//   score    each candidate's cosine similarity to the need, relative to the pool's spread,
//            is a share of its text relevance (rank.ts `semanticWeight`).
import type { MultiSearchQuery } from "meilisearch";
import { MEILI_EMBEDDER } from "../embeddings/embedder";
import { PUBLISHED_IDEAS } from "../filters";
export { cosine } from "../embeddings/vectors";

export const SEMANTIC_LIST_KEY = "semantic";

export function semanticSearchQuery(vector: Float32Array, options: { limit: number; indexUid?: string }): MultiSearchQuery {
  return {
    indexUid: options.indexUid ?? "ideas",
    q: "",
    vector: Array.from(vector),
    hybrid: { embedder: MEILI_EMBEDDER, semanticRatio: 1 },
    filter: [PUBLISHED_IDEAS],
    limit: options.limit,
    attributesToRetrieve: ["id"],
  };
}

/**
 * Similarities rescaled over the pool: the best candidate 1, the pool's median 0, anything
 * below the median 0. Raw cosines of one model sit in a narrow band whose position varies
 * from need to need (a long need is close to everything); only the spread within the pool
 * says which ideas are about the same thing.
 */
export function relativeSimilarities(similarities: ReadonlyMap<number, number>): Map<number, number> {
  const values = [...similarities.values()].sort((a, b) => a - b);
  const relative = new Map<number, number>();
  if (!values.length) return relative;
  const best = values[values.length - 1];
  const median = values[Math.floor((values.length - 1) / 2)];
  const spread = best - median;
  for (const [id, value] of similarities) relative.set(id, spread > 0 ? Math.max(0, (value - median) / spread) : 0);
  return relative;
}
