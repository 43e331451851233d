// The matching engine's entry: ranks published ideas for a need. Key terms are extracted from
// the need's long text, several short Meilisearch queries (and, with a model, one vector query)
// are fused by reciprocal rank, the pool is re-scored on its whole text and by meaning, and the
// relevance is combined with the structured signals (diffusion fit, sectors, evidence,
// lifecycle, adoptions). It reaches the outside through two narrow inputs only: load ideas
// by id, and run a multi-search. The I/O behind them is app/models/matching.server.ts.
import type { MultiSearchQuery, MultiSearchResponse } from "meilisearch";
import type { CaseStudyRow, IdeaRow, NeedRow } from "../../db/schema";
import { lifecyclePhases, type LifecyclePhase } from "../../app/domain/vocabulary";
import { ideaToDocument, type IdeaDocument } from "../documents";
import { DEFAULT_RRF_K, reciprocalRankFusion, type RankedList } from "../fusion";
import { publicServiceSynonyms } from "../synonyms";
import { tokenize } from "../text";
import { idf, type CorpusStats } from "./corpus";
import { applyFeedback, defaultFeedback, type FeedbackOptions } from "./feedback";
import { extractKeyTerms, type KeyTerm } from "./key-terms";
import { matchedTerms, matchedWords, type MatchesPosition } from "./matched-terms";
import { buildMatchQueries, defaultQueryPlan, toMultiSearchQueries, type MatchQuery, type QueryPlanOptions } from "./queries";
import { defaultSignalWeights, rankCandidates, type Candidate, type RankedIdea, type SignalWeights } from "./rank";
import { defaultTextScoreOptions, textScores, type RerankDocument, type TextScoreOptions } from "./rerank";
import { cosine, relativeSimilarities, SEMANTIC_LIST_KEY, semanticSearchQuery } from "./semantic";
import { rerankBySupport, supportCounter, supportsTerm, termMatcher } from "./term-match";

export type { RankedIdea } from "./rank";

/** The fusion list of the whole-need BM25's best ideas in the pool, and how many it holds. */
export const WHOLE_NEED_LIST_KEY = "wholeNeed";
export const WHOLE_NEED_HITS = 40;

/** The engine's settings; the defaults are what the app, the CLI and the API use. */
export type EngineOptions = {
  /** Hits read per Meilisearch query: the candidate pool is the union of every query's hits. */
  hitsPerQuery: number;
  /** Candidates, best fused first, that the second stage reads in full and ranks (the rest of the pool is left out). */
  secondStagePool: number;
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
   * Sentence embeddings (semantic.ts), when the need has a vector: `weight` is the share of
   * relevance from the need–idea similarity, `listWeight` the fusion weight of the vector
   * query's ranking, `hits` how many ideas it adds to the pool.
   */
  semantic: { weight: number; listWeight: number; hits: number } | false;
  /**
   * A plain whole-need BM25 over the pool (rerank.ts `textScores` with every word of the need at
   * its idf, no key-term extraction, no synonyms): `weight` is its share of relevance, and its
   * best `hits` ideas join the fusion as one more ranked list of weight `listWeight`. Weights
   * fitted by `npm run fit:matching` (README, "Learned fusion weights").
   */
  wholeNeed: { weight: number; listWeight: number; hits: number } | false;
  /** Called once per ranking with every candidate's signals before they are combined (scripts/fit-fusion.ts). */
  trace?: (trace: EngineTrace) => void;
};

/** What one ranking saw: the fused lists (ideas by slug) and each candidate before scoring. */
export type EngineTrace = {
  lists: { key: string; kind: string; weight: number; items: string[] }[];
  candidates: Candidate[];
};

export const defaultEngineOptions: EngineOptions = {
  hitsPerQuery: 40,
  secondStagePool: 200,
  minRelevance: 0.1,
  outOfSectorFactor: 0.5,
  strongTextMatch: 0.6,
  rrfK: DEFAULT_RRF_K,
  plan: defaultQueryPlan,
  feedback: defaultFeedback,
  weights: defaultSignalWeights,
  // Relevance shares fitted on the tuning and first blind sets (npm run fit:matching): fused
  // rank 4/17, BM25F of the key terms 7/17, semantic 3/17, whole-need BM25 3/17.
  rerank: { weight: 7 / 17, text: defaultTextScoreOptions, terms: "extracted" },
  semantic: { weight: 3 / 17, listWeight: 1, hits: 40 },
  wholeNeed: { weight: 3 / 17, listWeight: 2, hits: WHOLE_NEED_HITS },
};

export type NeedForMatching = Pick<NeedRow, "slug" | "title" | "problem" | "outcomes" | "sectors" | "diffusionModels" | "locality" | "lifecyclePhase"> & {
  /** Who is affected by the problem: read as part of the problem. */
  whoIsAffected?: string | null;
};

/** A published idea as the engine reads it: the row, its published case studies, and its sentence embedding when one was asked for. */
export type LoadedIdea = { row: IdeaRow; studies: CaseStudyRow[]; vector?: Float32Array };

/** The engine's two ways out. */
export type EngineInputs = {
  /** The published ideas among these ids (others are left out), with their vectors for `vectorModel` when given. */
  loadIdeas(ids: readonly number[], vectorModel: string | null): Promise<LoadedIdea[]>;
  /** One Meilisearch multi-search; rejects when search cannot answer. */
  multiSearch(queries: MultiSearchQuery[]): Promise<MultiSearchResponse>;
};

/** What the engine knows beyond the need: the catalogue's word statistics and, when the model answered, the need's embedding. */
export type NeedContext = {
  stats: CorpusStats;
  needVector?: { model: string; vector: Float32Array } | null;
};

export type RankingDebug = { keyTerms: KeyTerm[]; queries: MatchQuery[] };

/** Ranks published ideas for a need, best first. */
export async function rankIdeas(
  need: NeedForMatching,
  context: NeedContext,
  inputs: EngineInputs,
  options: { limit: number; engine?: Partial<EngineOptions> },
): Promise<{ ranked: RankedIdea[]; debug: RankingDebug }> {
  const engine = { ...defaultEngineOptions, ...options.engine };
  const { stats } = context;
  const extracted = extractKeyTerms(needText(need), stats, { synonyms: publicServiceSynonyms });
  const keyTerms = engine.feedback ? applyFeedback(extracted, stats, publicServiceSynonyms, engine.feedback, need.sectors) : extracted;
  const queries = buildMatchQueries(keyTerms, need, engine.plan);
  const debug = { keyTerms, queries };
  const vectorQuery =
    context.needVector && engine.semantic
      ? { model: context.needVector.model, vector: context.needVector.vector, hits: engine.semantic.hits, weight: engine.semantic.listWeight }
      : null;
  if (!queries.length && !vectorQuery) return { ranked: [], debug };

  const pool = new CandidatePool(inputs, termWeigher(keyTerms), vectorQuery?.model ?? null);
  const lists = await runQueries(inputs, queries, pool, engine.hitsPerQuery, vectorQuery);
  // On a catalogue of thousands the union of the queries' hits runs to several hundred ideas;
  // reading each in full is the engine's main cost, and the fused ranks already order them.
  const fused = reciprocalRankFusion(lists, engine.rrfK).slice(0, engine.secondStagePool);
  const fusedIds = fused.map((entry) => entry.item);
  const rerankTerms = engine.rerank && engine.rerank.terms === "extracted" ? extracted : keyTerms;
  const text = engine.rerank ? textScores(rerankTerms, pool.documents(fusedIds), publicServiceSynonyms, engine.rerank.text) : undefined;
  const similarity = vectorQuery ? pool.similarities(fusedIds, vectorQuery.vector) : undefined;
  const wholeNeed =
    engine.wholeNeed || engine.trace ? textScores(wholeNeedTerms(need, stats), pool.documents(fusedIds), {}, defaultTextScoreOptions) : undefined;
  // The whole-need BM25's best ideas in the pool join the fusion as one more list: it re-orders
  // the pool, it adds nothing to it.
  const wholeNeedList =
    engine.wholeNeed && wholeNeed && engine.wholeNeed.listWeight > 0
      ? {
          key: WHOLE_NEED_LIST_KEY,
          weight: engine.wholeNeed.listWeight,
          items: topByScore(wholeNeed, (id) => pool.get(id)?.row.slug ?? "", engine.wholeNeed.hits),
        }
      : null;
  const refused = wholeNeedList ? new Map(reciprocalRankFusion([...lists, wholeNeedList], engine.rrfK).map((entry) => [entry.item, entry.score])) : null;
  const candidates = pool.candidates(
    refused ? fused.map((entry) => ({ item: entry.item, score: refused.get(entry.item) ?? 0 })) : fused,
    text,
    similarity,
    wholeNeed,
  );
  if (engine.trace) {
    const kinds = new Map<string, string>(queries.map((query) => [query.id, query.kind]));
    const slugOf = (id: number) => pool.get(id)?.row.slug ?? String(id);
    engine.trace({
      lists: lists.map((list) => ({ key: list.key, kind: kinds.get(list.key) ?? list.key, weight: list.weight, items: list.items.map(slugOf) })),
      candidates,
    });
  }
  const ranked = rankCandidates(
    candidates,
    { sectors: need.sectors, diffusionModels: need.diffusionModels, lifecyclePhase: lifecyclePhaseOf(need) },
    {
      minRelevance: engine.minRelevance,
      outOfSectorFactor: engine.outOfSectorFactor,
      strongTextMatch: engine.strongTextMatch,
      weights: engine.weights,
      textWeight: engine.rerank ? engine.rerank.weight : 0,
      semanticWeight: similarity && engine.semantic ? engine.semantic.weight : 0,
      wholeNeedWeight: engine.wholeNeed ? engine.wholeNeed.weight : 0,
    },
  );
  return { ranked: ranked.slice(0, options.limit), debug };
}

function lifecyclePhaseOf(need: NeedForMatching): LifecyclePhase | null {
  const phase: unknown = need.lifecyclePhase;
  return typeof phase === "string" && (lifecyclePhases as readonly string[]).includes(phase) ? (phase as LifecyclePhase) : null;
}

/** The need's text as key-term extraction reads it: who is affected counts as part of the problem. */
function needText(need: NeedForMatching) {
  const problem = [need.problem, need.whoIsAffected?.trim() ?? ""].filter(Boolean).join("\n\n");
  return { title: need.title, problem, outcomes: need.outcomes, locality: need.locality };
}

/** The keys with a score above 0, best first (equal scores by name), at most `size`. */
export function topByScore<K>(scores: ReadonlyMap<K, number>, name: (key: K) => string, size: number): K[] {
  return [...scores]
    .filter(([, score]) => score > 0)
    .sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0])))
    .slice(0, size)
    .map(([key]) => key);
}

/** Every distinct word of the need's title, problem and outcomes that some idea uses, at its idf: a plain whole-need BM25 query. */
function wholeNeedTerms(need: NeedForMatching, stats: CorpusStats): { query: string; prefix: null; weight: number }[] {
  const text = needText(need);
  const words = new Set(tokenize([text.title, text.problem, text.outcomes ?? ""].join(" ")));
  return [...words].flatMap((word) => {
    const df = stats.df(word);
    return df > 0 ? [{ query: word, prefix: null, weight: idf(stats, df) }] : [];
  });
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

type PooledIdea = LoadedIdea & { document: IdeaDocument };

/** Ideas found by any query, loaded through the engine's input, with the match positions of each hit. */
class CandidatePool {
  private readonly ideasById = new Map<number, PooledIdea>();
  private readonly positions = new Map<number, MatchesPosition[]>();

  constructor(
    private readonly inputs: EngineInputs,
    private readonly weigh: (term: string) => number,
    private readonly vectorModel: string | null,
  ) {}

  /** Loads the published ideas among these ids that are not loaded yet. */
  async load(ids: number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.ideasById.has(id));
    if (!missing.length) return;
    for (const idea of await this.inputs.loadIdeas(missing, this.vectorModel)) {
      this.ideasById.set(idea.row.id, { ...idea, document: ideaToDocument(idea.row, idea.studies) });
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
  similarities(ids: number[], vector: Float32Array): Map<number, number> {
    const raw = new Map<number, number>();
    for (const id of ids) {
      const ideaVector = this.ideasById.get(id)?.vector;
      if (ideaVector) raw.set(id, cosine(vector, ideaVector));
    }
    return relativeSimilarities(raw);
  }

  candidates(
    fused: { item: number; score: number }[],
    text?: Map<number, number>,
    similarity?: Map<number, number>,
    wholeNeed?: Map<number, number>,
  ): Candidate[] {
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
          wholeNeed: wholeNeed?.get(row.id),
          matchedTerms: matchedTerms(this.positions.get(row.id) ?? [], document, 8, this.weigh),
        },
      ];
    });
  }
}

/**
 * Runs the queries in one multi-search and turns each into a ranked list of idea ids: only
 * published ideas (loaded through the engine's input), only hits that genuinely match the
 * query's terms, ordered by how many of them they match (term-match.ts).
 */
async function runQueries(
  inputs: EngineInputs,
  queries: MatchQuery[],
  pool: CandidatePool,
  hitsPerQuery: number,
  vectorQuery: { vector: Float32Array; hits: number; weight: number } | null,
): Promise<RankedList<number>[]> {
  let response: MultiSearchResponse;
  const multi = toMultiSearchQueries(queries, { limit: hitsPerQuery });
  if (vectorQuery) multi.push(semanticSearchQuery(vectorQuery.vector, { limit: vectorQuery.hits }));
  try {
    response = await inputs.multiSearch(multi);
  } catch (error) {
    // An index still being rebuilt to take the embedder refuses the vector query: match on text.
    if (vectorQuery) return runQueries(inputs, queries, pool, hitsPerQuery, null);
    throw error;
  }
  await pool.load(response.results.flatMap((result) => result.hits.map((hit) => hit.id as number)));
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
