// The matching engine's I/O: the engine itself (search/matching/engine.ts) is given ideas read
// from SQLite, the source of truth, and a Meilisearch multi-search; this module also keeps the
// corpus statistics and the need's embedding, and looks needs up by slug.
import { and, asc, count, eq, gt, inArray, max } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, needs, type CaseStudyRow, type IdeaRow, type NeedRow } from "../../db/schema";
import { ideaToDocument } from "../../search/documents";
import { buildCorpusStats, type CorpusStats } from "../../search/matching/corpus";
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
// Corpus statistics, rebuilt whenever the published ideas or their case studies change.

type CorpusCache = { key: string; stats: CorpusStats; builtAt: number; buildMs: number };
/** A rebuild slower than this (a large catalogue) is not repeated for STALE_STATS_MS: word statistics barely move between edits. */
const SLOW_BUILD_MS = 1000;
const STALE_STATS_MS = 10 * 60_000;
const STATS_PAGE = 2000;
const corpusCache = new WeakMap<ExchangeDb, CorpusCache>();

function publishedCaseStudies(db: ExchangeDb, ideaIds: number[]): Map<number, CaseStudyRow[]> {
  const byIdea = new Map<number, CaseStudyRow[]>();
  if (!ideaIds.length) return byIdea;
  // Chunked: SQLite limits the number of bound parameters.
  for (let start = 0; start < ideaIds.length; start += 5000) {
    const rows = db
      .select()
      .from(caseStudies)
      .where(and(inArray(caseStudies.ideaId, ideaIds.slice(start, start + 5000)), eq(caseStudies.reviewStatus, "published")))
      .orderBy(asc(caseStudies.ideaId), asc(caseStudies.position))
      .all();
    for (const row of rows) byIdea.set(row.ideaId, [...(byIdea.get(row.ideaId) ?? []), row]);
  }
  return byIdea;
}

/** The same text Meilisearch indexes for an idea (search/documents.ts), field by field. */
function searchableTexts(idea: IdeaRow, studies: CaseStudyRow[]): string[] {
  const document = ideaToDocument(idea, studies);
  return [
    document.title,
    document.tags.join(". "),
    document.summary,
    document.problem ?? "",
    document.solution ?? "",
    document.caseStudyLessons.join(". "),
    document.caseStudyOutcomes.join(". "),
    document.evidence ?? "",
    document.organisation ?? "",
  ];
}

export function corpusStats(db: ExchangeDb): CorpusStats {
  const [ideaState] = db
    .select({ n: count(), updated: max(ideas.updatedAt), last: max(ideas.id) })
    .from(ideas)
    .where(eq(ideas.status, "published"))
    .all();
  const [studyState] = db
    .select({ n: count(), last: max(caseStudies.id) })
    .from(caseStudies)
    .where(eq(caseStudies.reviewStatus, "published"))
    .all();
  const key = JSON.stringify([ideaState, studyState]);
  const cached = corpusCache.get(db);
  if (cached?.key === key) return cached.stats;
  const started = Date.now();
  if (cached && cached.buildMs > SLOW_BUILD_MS && started - cached.builtAt < STALE_STATS_MS) return cached.stats;
  const stats = buildCorpusStats(publishedIdeaTexts(db));
  corpusCache.set(db, { key, stats, builtAt: started, buildMs: Date.now() - started });
  return stats;
}

/** Each published idea's searchable text, read page by page so a large catalogue is never all in memory. */
function* publishedIdeaTexts(db: ExchangeDb) {
  let after = 0;
  for (;;) {
    // By primary key, the status checked here: with `status = ?` SQLite would walk the status index every page.
    const page = db.select().from(ideas).where(gt(ideas.id, after)).orderBy(asc(ideas.id)).limit(STATS_PAGE).all();
    if (!page.length) return;
    after = page[page.length - 1].id;
    const rows = page.filter((row) => row.status === "published");
    const studies = publishedCaseStudies(
      db,
      rows.map((row) => row.id),
    );
    for (const row of rows) yield { fields: searchableTexts(row, studies.get(row.id) ?? []), sectors: row.sectors };
  }
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
