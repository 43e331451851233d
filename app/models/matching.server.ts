// The matching engine's I/O: the engine itself (search/matching/engine.ts) is given ideas read
// from SQLite, the source of truth, and a Meilisearch multi-search; this module also keeps the
// corpus statistics and the need's embedding, and looks needs up by slug.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { ideas, matchingCorpusIdeas, needs, type NeedRow } from "../../db/schema";
import { ideaToDocument } from "../../search/documents";
import { caseStudiesByIdea } from "../../search/idea-documents";
import type { CorpusStats } from "../../search/matching/corpus";
import { corpusIndexStats, indexAllCorpusChanges, indexCorpusChanges, pendingCorpusChanges } from "../../search/matching/corpus-index";
import {
  defaultEngineOptions,
  rankIdeas,
  type EngineInputs,
  type EngineOptions,
  type NeedForMatching,
  type RankedIdea,
  type RankingDebug,
} from "../../search/matching/engine";
import type { Embedder } from "../../search/embeddings/embedder";
import { embedCached, readEmbeddings } from "../../search/embeddings/store";
import { ideaEmbeddingText, needEmbeddingText, textHash } from "../../search/embeddings/texts";
import { SearchUnavailableError } from "./search.server";

export type { NeedForMatching, RankedIdea } from "../../search/matching/engine";

export const DEFAULT_MATCH_LIMIT = 10;
export const MAX_MATCH_LIMIT = 50;

/** A need and its ranked ideas, best first. */
export type NeedRanking = { need: NeedRow; ranked: RankedIdea[]; debug?: MatchDebug };
export type MatchDebug = RankingDebug & { semantic?: "used" | "unavailable" | "off"; semanticError?: string };

/** A `limit` as typed by a person: a whole number from 1 to MAX_MATCH_LIMIT; null when invalid, the default when absent. */
export function parseMatchLimit(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return DEFAULT_MATCH_LIMIT;
  if (!/^\d{1,3}$/.test(value.trim())) return null;
  const limit = Number(value.trim());
  return limit >= 1 && limit <= MAX_MATCH_LIMIT ? limit : null;
}

/** The JSON shape of the CLI and the API: `{ need, matches: [{ idea, score, reasons }] }`, best first. */
export function matchesToJson(need: string, ranked: readonly RankedIdea[]) {
  return { need, matches: ranked.map((idea) => ({ idea: idea.idea, score: idea.score, reasons: idea.reasons })) };
}

// ---------------------------------------------------------------------------------------
// Corpus statistics, in SQLite (search/matching/corpus-index.ts).

/** Changed ideas indexed inline before a ranking; more than this are left to the background indexer (startCorpusIndexing). */
const INLINE_CORPUS_CHANGES = 1000;

/** The catalogue's word statistics for one ranking, first indexing a few pending changes (all of them when the index is new). */
export function corpusStats(db: ExchangeDb): CorpusStats {
  const pending = pendingCorpusChanges(db);
  if (pending) {
    const fresh = !db.select({ id: matchingCorpusIdeas.ideaId }).from(matchingCorpusIdeas).limit(1).get();
    for (let left = fresh ? pending : Math.min(pending, INLINE_CORPUS_CHANGES); left > 0;) {
      // Null while another connection writes (an import): rank on the statistics as they stand rather than stall.
      const taken = indexCorpusChanges(db, Math.min(left, 500), "never-block");
      if (!taken) break;
      left -= taken;
    }
  }
  return corpusIndexStats(db);
}

/** Ideas indexed per turn of the event loop by the background indexer: small, so no turn stalls requests for long. */
export const CORPUS_BATCH = 25;

/** Keeps the corpus statistics up to date in the background, a small batch per turn of the event loop. */
export function startCorpusIndexing(db: ExchangeDb, options: { intervalMs?: number; log?: (message: string) => void } = {}) {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = indexAllCorpusChanges(db, { batch: CORPUS_BATCH, locking: "never-block" })
      .catch((error) => options.log?.(`matching: could not index the corpus statistics: ${error instanceof Error ? error.message : error}`))
      .finally(() => (running = null));
  }, options.intervalMs ?? 2000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

// ---------------------------------------------------------------------------------------

/** Ranks published ideas for a need (any need-shaped record: the eval also passes unsaved ones). */
export async function rankIdeasForNeed(
  db: ExchangeDb,
  meili: Meilisearch,
  need: NeedForMatching,
  /** `embedder`: null ranks without the semantic signal; absent, the one registered for `db` (registerEmbedderForMatching). */
  options: { limit?: number; debug?: boolean; engine?: Partial<EngineOptions>; embedder?: Embedder | null } = {},
): Promise<{ ranked: RankedIdea[]; debug?: MatchDebug }> {
  const engine = { ...defaultEngineOptions, ...options.engine };
  const embedder = options.embedder === undefined ? (embedders.get(db) ?? null) : options.embedder;
  const semantic = engine.semantic && embedder ? await needVector(db, embedder, need) : null;
  const { ranked, debug } = await rankIdeas(
    need,
    { stats: corpusStats(db), needVector: semantic?.vector && embedder ? { model: embedder.model, vector: semantic.vector } : null },
    engineInputs(db, meili),
    { limit: options.limit ?? DEFAULT_MATCH_LIMIT, engine: options.engine },
  );
  const semanticState: MatchDebug["semantic"] = !engine.semantic || !embedder ? "off" : semantic?.vector ? "used" : "unavailable";
  return { ranked, debug: options.debug ? { ...debug, semantic: semanticState, semanticError: semantic?.error } : undefined };
}

const publishedCaseStudies = (db: ExchangeDb, ideaIds: number[]) => caseStudiesByIdea(db, ideaIds, { publishedOnly: true });

/** The engine's two inputs over this exchange: ideas from SQLite (the source of truth), searches on Meilisearch. */
function engineInputs(db: ExchangeDb, meili: Meilisearch): EngineInputs {
  return {
    async loadIdeas(ids, vectorModel) {
      const rows = db
        .select()
        .from(ideas)
        .where(and(inArray(ideas.id, [...ids]), eq(ideas.status, "published")))
        .all();
      const studies = publishedCaseStudies(
        db,
        rows.map((row) => row.id),
      );
      const loaded = rows.map((row) => ({ row, studies: studies.get(row.id) ?? [] }));
      if (!vectorModel) return loaded;
      const hashes = loaded.map((idea) => textHash(ideaEmbeddingText(ideaToDocument(idea.row, idea.studies))));
      const vectors = readEmbeddings(db, vectorModel, hashes);
      return loaded.map((idea, index) => ({ ...idea, vector: vectors.get(hashes[index]) }));
    },
    async multiSearch(queries) {
      try {
        return await meili.multiSearch({ queries });
      } catch (error) {
        throw new SearchUnavailableError(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

// The embedder the engine uses for a database when a caller passes none: the exchange context
// registers its own (openExchange), so the site, the CLI and the evaluation all rank with it.
const embedders = new WeakMap<ExchangeDb, Embedder>();

export function registerEmbedderForMatching(db: ExchangeDb, embedder: Embedder | null): void {
  if (embedder) embedders.set(db, embedder);
  else embedders.delete(db);
}

/**
 * The need's sentence embedding (cached in the embeddings table by its text). The model is an
 * aid, never a dependency: if it cannot answer, ranking goes on with the text signals alone.
 */
async function needVector(db: ExchangeDb, embedder: Embedder, need: NeedForMatching): Promise<{ vector?: Float32Array; error?: string }> {
  try {
    const [vector] = await embedCached(db, embedder, [needEmbeddingText(need)]);
    return { vector };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function getNeedBySlug(db: ExchangeDb, slug: string, options: { openOnly?: boolean } = {}): NeedRow | null {
  const where = options.openOnly ? and(eq(needs.slug, slug), eq(needs.status, "open")) : eq(needs.slug, slug);
  return db.select().from(needs).where(where).get() ?? null;
}

/**
 * Ranked ideas for the need with this slug, best first, or null when there is no such need
 * (with `openOnly`, no such open need).
 */
export async function rankIdeasForNeedSlug(
  db: ExchangeDb,
  meili: Meilisearch,
  needSlug: string,
  options: { limit?: number; openOnly?: boolean; debug?: boolean; engine?: Partial<EngineOptions>; embedder?: Embedder | null } = {},
): Promise<NeedRanking | null> {
  const need = getNeedBySlug(db, needSlug, options);
  if (!need) return null;
  const { ranked, debug } = await rankIdeasForNeed(db, meili, need, options);
  return { need, ranked, debug };
}

export function openNeedSlugs(db: ExchangeDb): string[] {
  return db
    .select({ slug: needs.slug })
    .from(needs)
    .where(eq(needs.status, "open"))
    .orderBy(asc(needs.slug))
    .all()
    .map((row) => row.slug);
}
