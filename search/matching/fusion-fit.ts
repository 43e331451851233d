// Learned fusion weights, offline: the engine's signals for every candidate of every labelled
// need are recorded once (engine.ts `trace`, scripts/fit-fusion.ts), and here the final ranking
// is recomputed from them under other weights, exactly as rank.ts computes it, so a fit can try
// thousands of settings without running Meilisearch or the engine again. The fit is coordinate
// ascent on mean nDCG@10: each setting in turn is moved over a grid of values, keeping the best,
// until a full round changes nothing.
import { reciprocalRankFusion } from "../fusion";
import { defaultEngineOptions, topByScore, WHOLE_NEED_HITS, WHOLE_NEED_LIST_KEY, type EngineOptions, type EngineTrace } from "./engine";
import { meanMetrics, rankingMetrics, type RankingMetrics } from "./metrics";
import { rankCandidates, type NeedSignals } from "./rank";
import { matchQueryKinds } from "./queries";

/** One labelled need as recorded: the engine's trace, the need's structured signals and its (route-capped) grades. */
export type NeedFeatures = {
  set: string;
  slug: string;
  need: NeedSignals;
  judgments: Record<string, number>;
  relevantGrade: number;
  /** The engine's own top 10 when the trace was recorded (a check that the replay is faithful). */
  engineRanking: string[];
} & EngineTrace;

/** The query kinds whose fusion weight can be scaled (queries.ts), and the vector query's list. */
/** The fused lists: the engine's queries, and the semantic list. */
const fusionKinds = [...matchQueryKinds, "semantic"] as const;

/**
 * Every setting a fit may move, flat. `fused`, `text`, `semantic` and `wholeNeed` are the
 * relevance mix (normalised to sum 1); `list:<kind>` scales that kind's fusion weight; the
 * rest are rank.ts's options and quality weights.
 */
export type FusionParams = Record<string, number>;

/** The engine's own settings (engine.ts `defaultEngineOptions`) as fit settings: replaying them reproduces the engine. */
export function defaultFusionParams(engine: EngineOptions = defaultEngineOptions): FusionParams {
  const text = engine.rerank ? engine.rerank.weight : 0;
  const semantic = engine.semantic ? engine.semantic.weight : 0;
  const wholeNeed = engine.wholeNeed ? engine.wholeNeed.weight : 0;
  return {
    fused: Math.max(0, 1 - text - semantic - wholeNeed),
    text,
    semantic,
    wholeNeed,
    rrfK: engine.rrfK,
    ...Object.fromEntries(fusionKinds.map((kind) => [`list:${kind}`, 1])),
    "list:wholeNeed": engine.wholeNeed ? engine.wholeNeed.listWeight : 0,
    outOfSectorFactor: engine.outOfSectorFactor,
    strongTextMatch: engine.strongTextMatch,
    minRelevance: engine.minRelevance,
    ...engine.weights,
  };
}

/** The relevance mix as rank.ts takes it: shares of text, semantic and whole-need relevance (the fused rank has the rest). */
export function relevanceShares(params: FusionParams): { textWeight: number; semanticWeight: number; wholeNeedWeight: number } {
  const total = params.fused + params.text + params.semantic + params.wholeNeed;
  if (total <= 0) return { textWeight: 0, semanticWeight: 0, wholeNeedWeight: 0 };
  return { textWeight: params.text / total, semanticWeight: params.semantic / total, wholeNeedWeight: params.wholeNeed / total };
}

/** The need's ranking (idea slugs, best first, top `limit`) under these settings. */
export function replayRanking(features: NeedFeatures, params: FusionParams, limit = 10): string[] {
  const lists = features.lists.map((list) => ({ key: list.key, weight: list.weight * (params[`list:${list.kind}`] ?? 1), items: list.items }));
  if (params["list:wholeNeed"] > 0) lists.push({ key: WHOLE_NEED_LIST_KEY, weight: params["list:wholeNeed"], items: wholeNeedList(features) });
  const fused = new Map(reciprocalRankFusion(lists, params.rrfK).map((entry) => [entry.item, entry.score]));
  const candidates = features.candidates.map((candidate) => ({ ...candidate, fused: fused.get(candidate.idea.slug) ?? 0, matchedTerms: [] }));
  return rankCandidates(candidates, features.need, {
    ...relevanceShares(params),
    minRelevance: params.minRelevance,
    outOfSectorFactor: params.outOfSectorFactor,
    strongTextMatch: params.strongTextMatch,
    weights: { quality: params.quality, sectors: params.sectors, evidence: params.evidence, lifecycle: params.lifecycle, adoptions: params.adoptions },
    termsShown: 0,
  })
    .slice(0, limit)
    .map((match) => match.idea);
}

/** The pool ordered by the whole-need BM25 score (its best 40): a ranked list like the queries' for fusion. */
export function wholeNeedList(features: Pick<NeedFeatures, "candidates">, size = WHOLE_NEED_HITS): string[] {
  const scores = new Map(features.candidates.map((candidate) => [candidate.idea.slug, candidate.wholeNeed ?? 0]));
  return topByScore(scores, (slug) => slug, size);
}

/** Mean metrics per set (`set` of each need) and `objective`: the mean of the sets' nDCG@10, each set counting once. */
export function scoreFeatures(all: readonly NeedFeatures[], params: FusionParams): { objective: number; sets: Record<string, RankingMetrics> } {
  const bySet = new Map<string, RankingMetrics[]>();
  for (const features of all) {
    const metrics = rankingMetrics(replayRanking(features, params), features.judgments, features.relevantGrade);
    bySet.set(features.set, [...(bySet.get(features.set) ?? []), metrics]);
  }
  const sets = Object.fromEntries([...bySet].map(([set, metrics]) => [set, meanMetrics(metrics)]));
  const values = Object.values(sets);
  return { sets, objective: values.length ? values.reduce((sum, metrics) => sum + metrics.ndcg10, 0) / values.length : 0 };
}

/** The values each setting may take. */
export type FusionGrid = Record<string, readonly number[]>;

export function defaultFusionGrid(): FusionGrid {
  const shares = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1];
  const listScales = [0, 0.25, 0.5, 1, 2, 4];
  const unit = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  return {
    fused: shares,
    text: shares,
    semantic: shares,
    wholeNeed: shares,
    rrfK: [5, 10, 20, 40, 60, 100],
    ...Object.fromEntries(fusionKinds.map((kind) => [`list:${kind}`, listScales])),
    "list:wholeNeed": listScales,
    outOfSectorFactor: unit,
    strongTextMatch: [0.4, 0.5, 0.6, 0.7, 0.8, 1],
    minRelevance: [0, 0.05, 0.1, 0.2],
    quality: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
    sectors: unit,
    evidence: unit,
    lifecycle: unit,
    adoptions: unit,
  };
}

export type FitResult = { params: FusionParams; objective: number; rounds: number };

/**
 * Coordinate ascent: each setting in `grid` in turn takes the value that scores best with the
 * others fixed; a new value must beat the current by more than `epsilon` (ties keep the
 * current, so a fit moves only for a real gain). Stops after a round without change.
 */
export function coordinateAscent(
  objective: (params: FusionParams) => number,
  start: FusionParams,
  grid: FusionGrid,
  options: { maxRounds?: number; epsilon?: number; log?: (message: string) => void } = {},
): FitResult {
  let params = { ...start };
  let best = objective(params);
  let rounds = 0;
  for (; rounds < (options.maxRounds ?? 8); rounds++) {
    let changed = false;
    for (const [name, values] of Object.entries(grid)) {
      for (const value of values) {
        if (value === params[name]) continue;
        const trial = { ...params, [name]: value };
        const score = objective(trial);
        if (score > best + (options.epsilon ?? 1e-4)) {
          options.log?.(`  ${name} ${params[name]} -> ${value}: ${best.toFixed(4)} -> ${score.toFixed(4)}`);
          params = trial;
          best = score;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { params, objective: best, rounds: rounds + 1 };
}
