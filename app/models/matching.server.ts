// The matching engine: ranks published ideas for a need. Key terms are extracted from the
// need's long text, several short Meilisearch queries are fused by reciprocal rank, and the
// fused relevance is combined with structured signals (diffusion fit, sectors, evidence,
// lifecycle, adoptions). Rows are re-read from SQLite, the source of truth. The pure parts
// live in search/matching/; this module holds the SQL and the calls to Meilisearch.
import { and, asc, count, eq, gt, inArray, max } from "drizzle-orm";
import type { Meilisearch, MultiSearchResponse } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, needs, type CaseStudyRow, type IdeaRow, type NeedRow } from "../../db/schema";
import { ideaToDocument } from "../../search/documents";
import { buildCorpusStats, type CorpusStats } from "../../search/matching/corpus";
import { applyFeedback, defaultFeedback, type FeedbackOptions } from "../../search/matching/feedback";
import { DEFAULT_RRF_K, reciprocalRankFusion, type RankedList } from "../../search/fusion";
import { extractKeyTerms, type KeyTerm } from "../../search/matching/key-terms";
import { matchedTerms, matchedWords, type MatchesPosition } from "../../search/matching/matched-terms";
import { buildMatchQueries, defaultQueryPlan, toMultiSearchQueries, type MatchQuery, type QueryPlanOptions } from "../../search/matching/queries";
import { defaultSignalWeights, rankMatches, type MatchCandidate, type ScoredMatch, type SignalWeights } from "../../search/matching/rank";
import { defaultTextScoreOptions, textScores, type RerankDocument, type TextScoreOptions } from "../../search/matching/rerank";
import { rerankBySupport, supportCounter, supportsTerm, termMatcher } from "../../search/matching/term-match";
import { cosine, relativeSimilarities, SEMANTIC_LIST_KEY, semanticSearchQuery } from "../../search/matching/semantic";
import type { Embedder } from "../../search/embeddings/embedder";
import { embedCached, readEmbeddings } from "../../search/embeddings/store";
import { ideaEmbeddingText, needEmbeddingText, textHash } from "../../search/embeddings/texts";
import { publicServiceSynonyms } from "../../search/synonyms";
import { lifecyclePhases, type LifecyclePhase } from "../domain/vocabulary";
import { SearchUnavailableError } from "./search.server";

export const DEFAULT_MATCH_LIMIT = 10;
export const MAX_MATCH_LIMIT = 50;

/** The engine's settings; the defaults are what the app, the CLI and the API use. */
export type EngineOptions = {
  /** Hits read per Meilisearch query: the candidate pool is the union of every query's hits. */
  hitsPerQuery: number;
  /** Candidates whose text relevance is below this share of the best candidate's are not matches. */
  minRelevance: number;
  /** Relevance multiplier for ideas sharing no sector with the need (rank.ts). */
  outOfSectorFactor: number;
  /** Second-stage text score, relative to the best candidate's, above which an out-of-sector idea is penalised less (rank.ts `sectorFactor`). */
  strongTextMatch: number;
  rrfK: number;
  plan: QueryPlanOptions;
  feedback: FeedbackOptions | false;
  weights: SignalWeights;
  /** Second stage (rerank.ts): share of relevance from a BM25F score of the key terms over each candidate's text, and its settings. */
  rerank: { weight: number; text: TextScoreOptions; terms?: "feedback" | "extracted" } | false;
  /**
   * Sentence embeddings (semantic.ts), when an embedder is given: `weight` is the share of
   * relevance from the need–idea similarity, `listWeight` the fusion weight of the vector
   * query's ranking, `hits` how many ideas it adds to the pool.
   */
  semantic: { weight: number; listWeight: number; hits: number } | false;
};

export const defaultEngineOptions: EngineOptions = {
  hitsPerQuery: 40,
  minRelevance: 0.1,
  outOfSectorFactor: 0.5,
  strongTextMatch: 0.6,
  rrfK: DEFAULT_RRF_K,
  plan: defaultQueryPlan,
  feedback: defaultFeedback,
  weights: defaultSignalWeights,
  rerank: { weight: 0.7, text: defaultTextScoreOptions, terms: "extracted" },
  semantic: { weight: 0.3, listWeight: 1, hits: 40 },
};

export type NeedForMatching = Pick<NeedRow, "slug" | "title" | "problem" | "outcomes" | "sectors" | "diffusionModels" | "locality"> & {
  /** The stage the need's problem has reached (needs.current_phase); `lifecyclePhase` is the older name. */
  currentPhase?: LifecyclePhase | null;
  lifecyclePhase?: LifecyclePhase | null;
  /** Who is affected by the problem: read as part of the problem. */
  whoIsAffected?: string | null;
};

export type NeedMatch = ScoredMatch;
export type NeedMatches = { need: NeedRow; matches: NeedMatch[]; debug?: MatchDebug };
export type MatchDebug = { keyTerms: KeyTerm[]; queries: MatchQuery[]; semantic?: "used" | "unavailable" | "off"; semanticError?: string };

/** A `limit` as typed by a person: a whole number from 1 to MAX_MATCH_LIMIT; null when invalid, the default when absent. */
export function parseMatchLimit(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return DEFAULT_MATCH_LIMIT;
  if (!/^\d{1,3}$/.test(value.trim())) return null;
  const limit = Number(value.trim());
  return limit >= 1 && limit <= MAX_MATCH_LIMIT ? limit : null;
}

/** The JSON shape of the CLI and the API: `{ need, matches: [{ idea, score, reasons }] }`, best first. */
export function matchesToJson(need: string, matches: readonly NeedMatch[]) {
  return { need, matches: matches.map((match) => ({ idea: match.idea, score: match.score, reasons: match.reasons })) };
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

function lifecyclePhaseOf(need: NeedForMatching): LifecyclePhase | null {
  // Needs may carry the current stage of their problem (needs.current_phase); older rows do not.
  const phase: unknown = need.currentPhase ?? need.lifecyclePhase;
  return typeof phase === "string" && (lifecyclePhases as readonly string[]).includes(phase) ? (phase as LifecyclePhase) : null;
}

/** The need's text as key-term extraction reads it: who is affected counts as part of the problem. */
function needText(need: NeedForMatching) {
  const problem = [need.problem, need.whoIsAffected?.trim() ?? ""].filter(Boolean).join("\n\n");
  return { title: need.title, problem, outcomes: need.outcomes, locality: need.locality };
}

/** Ranks published ideas for a need (any need-shaped record: the eval also passes unsaved ones). */
export async function rankIdeasForNeed(
  db: ExchangeDb,
  meili: Meilisearch,
  need: NeedForMatching,
  /** `embedder`: null matches without the semantic signal; absent, the one registered for `db` (registerEmbedderForMatching). */
  options: { limit?: number; debug?: boolean; engine?: Partial<EngineOptions>; embedder?: Embedder | null } = {},
): Promise<{ matches: NeedMatch[]; debug?: MatchDebug }> {
  const limit = options.limit ?? DEFAULT_MATCH_LIMIT;
  const engine = { ...defaultEngineOptions, ...options.engine };
  const stats = corpusStats(db);
  const extracted = extractKeyTerms(needText(need), stats, { synonyms: publicServiceSynonyms });
  const keyTerms = engine.feedback ? applyFeedback(extracted, stats, publicServiceSynonyms, engine.feedback, need.sectors) : extracted;
  const queries = buildMatchQueries(keyTerms, need, engine.plan);
  const embedder = options.embedder === undefined ? (embedders.get(db) ?? null) : options.embedder;
  const semantic = engine.semantic && embedder ? await needVector(db, embedder, need) : null;
  const debug: MatchDebug | undefined = options.debug
    ? { keyTerms, queries, semantic: !engine.semantic || !embedder ? "off" : semantic?.vector ? "used" : "unavailable", semanticError: semantic?.error }
    : undefined;
  if (!queries.length && !semantic?.vector) return { matches: [], debug };

  const pool = new CandidatePool(db, termWeigher(keyTerms));
  const vectorQuery =
    semantic?.vector && engine.semantic && embedder
      ? { model: embedder.model, vector: semantic.vector, hits: engine.semantic.hits, weight: engine.semantic.listWeight }
      : null;
  const lists = await runQueries(meili, queries, pool, engine.hitsPerQuery, vectorQuery);
  const needSignals = { sectors: need.sectors, diffusionModels: need.diffusionModels, lifecyclePhase: lifecyclePhaseOf(need) };
  const fused = reciprocalRankFusion(lists, engine.rrfK);
  const rerankTerms = engine.rerank && engine.rerank.terms === "extracted" ? extracted : keyTerms;
  const text = engine.rerank ? textScores(rerankTerms, pool.documents(fused.map((entry) => entry.item)), publicServiceSynonyms, engine.rerank.text) : undefined;
  const similarity = vectorQuery
    ? pool.similarities(
        fused.map((entry) => entry.item),
        vectorQuery.vector,
        vectorQuery.model,
      )
    : undefined;
  const ranked = rankMatches(pool.candidates(fused, text, similarity), needSignals, {
    minRelevance: engine.minRelevance,
    outOfSectorFactor: engine.outOfSectorFactor,
    strongTextMatch: engine.strongTextMatch,
    weights: engine.weights,
    textWeight: engine.rerank ? engine.rerank.weight : 0,
    semanticWeight: similarity && engine.semantic ? engine.semantic.weight : 0,
  });
  return { matches: ranked.slice(0, limit), debug };
}

// The embedder the engine uses for a database when a caller passes none: the exchange context
// registers its own (openExchange), so the site, the CLI and the evaluation all match with it.
const embedders = new WeakMap<ExchangeDb, Embedder>();

export function registerEmbedderForMatching(db: ExchangeDb, embedder: Embedder | null): void {
  if (embedder) embedders.set(db, embedder);
  else embedders.delete(db);
}

/**
 * The need's sentence embedding (cached in the embeddings table by its text). The model is an
 * aid, never a dependency: if it cannot answer, matching goes on with the text signals alone.
 */
async function needVector(db: ExchangeDb, embedder: Embedder, need: NeedForMatching): Promise<{ vector?: Float32Array; error?: string }> {
  try {
    const [vector] = await embedCached(db, embedder, [needEmbeddingText(need)]);
    return { vector };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Weighs a matched word or phrase by the heaviest key term it stands for (0 for none). */
function termWeigher(keyTerms: readonly KeyTerm[]): (term: string) => number {
  const matchers = keyTerms.map((term) => ({ weight: term.weight, words: term.query.split(" ").length, matches: termMatcher(term, publicServiceSynonyms) }));
  return (matched) => {
    const words = matched.split(/[\s-]+/);
    let best = 0;
    for (const { weight, words: size, matches } of matchers) {
      if (weight > best && supportsTerm(matches, words, size)) best = weight;
    }
    return best;
  };
}

/** Ideas found by any query, re-read from SQLite, with the match positions of each hit. */
class CandidatePool {
  private readonly ideasById = new Map<number, { row: IdeaRow; studies: CaseStudyRow[]; document: ReturnType<typeof ideaToDocument> }>();
  private readonly positions = new Map<number, MatchesPosition[]>();

  constructor(
    private readonly db: ExchangeDb,
    private readonly weigh: (term: string) => number,
  ) {}

  /** Loads the published ideas among these ids that are not loaded yet. */
  load(ids: number[]): void {
    const missing = [...new Set(ids)].filter((id) => !this.ideasById.has(id));
    if (!missing.length) return;
    const rows = this.db
      .select()
      .from(ideas)
      .where(and(inArray(ideas.id, missing), eq(ideas.status, "published")))
      .all();
    const studies = publishedCaseStudies(
      this.db,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      const ideaStudies = studies.get(row.id) ?? [];
      this.ideasById.set(row.id, { row, studies: ideaStudies, document: ideaToDocument(row, ideaStudies) });
    }
  }

  get(id: number) {
    return this.ideasById.get(id);
  }

  addPositions(id: number, matches: MatchesPosition): void {
    this.positions.set(id, [...(this.positions.get(id) ?? []), matches]);
  }

  /** The loaded ideas among these ids, as the second stage reads them (rerank.ts). */
  documents(ids: number[]): Map<number, RerankDocument> {
    const documents = new Map<number, RerankDocument>();
    for (const id of ids) {
      const document = this.ideasById.get(id)?.document;
      if (!document) continue;
      documents.set(id, {
        title: document.title,
        tags: document.tags,
        summary: document.summary,
        problem: document.problem,
        solution: document.solution,
        evidence: document.evidence,
        caseStudies: [...document.caseStudyOutcomes, ...document.caseStudyLessons],
      });
    }
    return documents;
  }

  /** Each loaded idea's similarity to the need vector, relative to the pool's (ideas without a vector yet count as the least similar). */
  similarities(ids: number[], vector: Float32Array, model: string): Map<number, number> {
    const loaded = ids.flatMap((id) => {
      const document = this.ideasById.get(id)?.document;
      return document ? [{ id, hash: textHash(ideaEmbeddingText(document)) }] : [];
    });
    const vectors = readEmbeddings(
      this.db,
      model,
      loaded.map((entry) => entry.hash),
    );
    const raw = new Map<number, number>();
    for (const { id, hash } of loaded) {
      const ideaVector = vectors.get(hash);
      if (ideaVector) raw.set(id, cosine(vector, ideaVector));
    }
    return relativeSimilarities(raw);
  }

  candidates(fused: { item: number; score: number }[], text?: Map<number, number>, similarity?: Map<number, number>): MatchCandidate[] {
    return fused.flatMap((entry) => {
      const idea = this.ideasById.get(entry.item);
      if (!idea) return [];
      const { row, studies, document } = idea;
      return [
        {
          idea: {
            slug: row.slug,
            title: row.title,
            sectors: row.sectors,
            diffusionModels: row.diffusionModels,
            evidenceLevel: row.evidenceLevel,
            lifecyclePhase: row.lifecyclePhase,
            caseStudies: studies.map((study) => ({ locality: study.locality, status: study.status })),
          },
          fused: entry.score,
          text: text?.get(row.id),
          semantic: similarity?.get(row.id),
          matchedTerms: matchedTerms(this.positions.get(row.id) ?? [], document, 8, this.weigh),
        },
      ];
    });
  }
}

/**
 * Runs the queries in one multi-search and turns each into a ranked list of idea ids: only
 * published ideas (re-read from SQLite), only hits that genuinely match the query's terms,
 * ordered by how many of them they match (term-match.ts).
 */
async function runQueries(
  meili: Meilisearch,
  queries: MatchQuery[],
  pool: CandidatePool,
  hitsPerQuery: number,
  vectorQuery: { vector: Float32Array; hits: number; weight: number } | null,
): Promise<RankedList<number>[]> {
  let response: MultiSearchResponse;
  const multi = toMultiSearchQueries(queries, { limit: hitsPerQuery });
  if (vectorQuery) multi.push(semanticSearchQuery(vectorQuery.vector, { limit: vectorQuery.hits }));
  try {
    response = await meili.multiSearch({ queries: multi });
  } catch (error) {
    // An index still being rebuilt to take the embedder refuses the vector query: match on text.
    if (vectorQuery) return runQueries(meili, queries, pool, hitsPerQuery, null);
    throw new SearchUnavailableError(error instanceof Error ? error.message : String(error));
  }
  pool.load(response.results.flatMap((result) => result.hits.map((hit) => hit.id as number)));
  const semanticResult = vectorQuery ? response.results[queries.length] : undefined;
  const semanticList: RankedList<number>[] =
    semanticResult && vectorQuery
      ? [{ key: SEMANTIC_LIST_KEY, weight: vectorQuery.weight, items: semanticResult.hits.map((hit) => hit.id as number).filter((id) => pool.get(id)) }]
      : [];
  return [
    ...semanticList,
    ...response.results.slice(0, queries.length).map((result, index) => {
      const query = queries[index];
      const support = supportCounter(query.terms, publicServiceSynonyms);
      const hits = result.hits.flatMap((hit) => {
        const idea = pool.get(hit.id as number);
        const matches = hit._matchesPosition as MatchesPosition | undefined;
        return idea && matches ? [{ id: idea.row.id, matches, words: matchedWords(matches, idea.document) }] : [];
      });
      const ranked = rerankBySupport(hits, (hit) => support(hit.words));
      for (const hit of ranked) pool.addPositions(hit.id, hit.matches);
      return { key: query.id, weight: query.weight, items: ranked.map((hit) => hit.id) };
    }),
  ];
}

export function getNeedBySlug(db: ExchangeDb, slug: string, options: { openOnly?: boolean } = {}): NeedRow | null {
  const where = options.openOnly ? and(eq(needs.slug, slug), eq(needs.status, "open")) : eq(needs.slug, slug);
  return db.select().from(needs).where(where).get() ?? null;
}

/**
 * Matches for the need with this slug, best first, or null when there is no such need
 * (with `openOnly`, no such open need).
 */
export async function matchNeed(
  db: ExchangeDb,
  meili: Meilisearch,
  needSlug: string,
  options: { limit?: number; openOnly?: boolean; debug?: boolean; engine?: Partial<EngineOptions>; embedder?: Embedder | null } = {},
): Promise<NeedMatches | null> {
  const need = getNeedBySlug(db, needSlug, options);
  if (!need) return null;
  const { matches, debug } = await rankIdeasForNeed(db, meili, need, options);
  return { need, matches, debug };
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
