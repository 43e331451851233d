// `npm run fit:matching`: fits the matching engine's fusion weights (search/matching/fusion-fit.ts)
// on the tuning set and the first blind set. The engine's signals for every candidate of every
// labelled need are recorded once (a real exchange per set, as `npm run eval:matching` builds)
// into tmp/fusion-features.json; the fit then replays the ranking from them under other
// weights. The second blind set (tests/matching/blind-2/) is never read here: it is the
// held-out set, measured only by `npm run eval:matching` once a fit has been chosen.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { lifecyclePhases, type LifecyclePhase } from "../app/domain/vocabulary";
import { rankIdeasForNeedSlug } from "../app/models/matching.server";
import { readEnv } from "../app/utils/env.server";
import { openExchange } from "../app/utils/exchange.server";
import type { EngineTrace } from "../search/matching/engine";
import { diffusionViolations, effectiveJudgments } from "../search/matching/evaluation";
import { meanMetrics, rankingMetrics } from "../search/matching/metrics";
import {
  coordinateAscent,
  defaultFusionGrid,
  defaultFusionParams,
  replayRanking,
  scoreFeatures,
  type FusionGrid,
  type FusionParams,
  type NeedFeatures,
} from "../search/matching/fusion-fit";
import { blindIdeasFile, blindLabelledSetFile, demoIdeasFile, labelledSetFile, loadEvaluationData } from "./lib/matching-eval";

const options = new Command()
  .name("fit-fusion")
  .description("Fit the matching engine's fusion weights on the tuning set and the first blind set (never the second)")
  .option("--record", "record the features again even when tmp/fusion-features.json exists")
  .option("--features <file>", "where the recorded features are kept", "tmp/fusion-features.json")
  .option("--only <names>", "comma-separated settings to fit (default: all in the grid)")
  .parse()
  .opts<{ record?: boolean; features: string; only?: string }>();

const fitSets = [
  { name: "tuning", ideasFile: demoIdeasFile, labelledFile: labelledSetFile },
  { name: "blind", ideasFile: blindIdeasFile, labelledFile: blindLabelledSetFile },
];

async function record(): Promise<NeedFeatures[]> {
  const all: NeedFeatures[] = [];
  for (const set of fitSets) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-fit-"));
    const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "0", EMBEDDINGS: "1" };
    delete source.MEILI_HOST;
    delete source.MEILI_MASTER_KEY;
    const context = await openExchange({ env: readEnv(source), relay: false, log: (message) => console.error(message) });
    try {
      const { ideas, set: labelled } = await loadEvaluationData(context, { ideasFile: set.ideasFile, labelledFile: set.labelledFile });
      const routes = new Map(ideas.map((idea) => [idea.slug, idea.diffusionModels]));
      for (const entry of labelled.needs) {
        let trace: EngineTrace | null = null;
        const result = await rankIdeasForNeedSlug(context.db, context.meili, entry.need.slug, { limit: 10, engine: { trace: (seen) => (trace = seen) } });
        if (!result) throw new Error(`Labelled need ${entry.need.slug} was not imported`);
        const seen = (trace ?? { lists: [], candidates: [] }) as EngineTrace;
        const phase: unknown = result.need.lifecyclePhase;
        all.push({
          set: set.name,
          slug: entry.need.slug,
          need: {
            sectors: result.need.sectors,
            diffusionModels: result.need.diffusionModels,
            lifecyclePhase: typeof phase === "string" && (lifecyclePhases as readonly string[]).includes(phase) ? (phase as LifecyclePhase) : null,
          },
          judgments: Object.fromEntries(effectiveJudgments(entry, (slug) => routes.get(slug))),
          relevantGrade: labelled.relevantGrade,
          engineRanking: result.ranked.map((match) => match.idea),
          lists: seen.lists,
          candidates: seen.candidates.map((candidate) => ({ ...candidate, matchedTerms: [] })),
        });
      }
      console.error(`${set.name}: recorded ${labelled.needs.length} needs`);
    } finally {
      await context.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return all;
}

let features: NeedFeatures[];
if (options.record || !fs.existsSync(options.features)) {
  features = await record();
  fs.mkdirSync(path.dirname(options.features), { recursive: true });
  fs.writeFileSync(options.features, JSON.stringify(features));
} else {
  features = JSON.parse(fs.readFileSync(options.features, "utf8")) as NeedFeatures[];
}

const start = defaultFusionParams();
const faithful = features.filter((need) => replayRanking(need, start).join() === need.engineRanking.join()).length;
console.log(`Replay with the engine's settings reproduces ${faithful} of ${features.length} recorded rankings.`);

const fullGrid = defaultFusionGrid();
// Three sizes of fit: the relevance mix alone (the learned fusion weights proper), the mix with
// each list's fusion weight and k, and every setting rank.ts takes.
const mixNames = ["fused", "text", "semantic", "wholeNeed", "list:wholeNeed"];
const grids: Record<string, string[]> = {
  mix: mixNames,
  lists: [...mixNames, "rrfK", ...Object.keys(fullGrid).filter((name) => name.startsWith("list:"))],
  all: Object.keys(fullGrid),
};
const only = options.only?.split(",").map((name) => name.trim());
const chosen: [string, FusionGrid][] = only
  ? [["only", Object.fromEntries(only.map((name) => [name, fullGrid[name] ?? []]))]]
  : Object.entries(grids).map(([name, names]) => [name, Object.fromEntries(names.map((setting) => [setting, fullGrid[setting]]))]);
const fixed = (value: number) => value.toFixed(3);
const describe = (params: FusionParams, subset: NeedFeatures[]) => {
  const { sets } = scoreFeatures(subset, params);
  return Object.entries(sets)
    .map(([set, metrics]) => `${set} ${fixed(metrics.ndcg10)} (MRR ${fixed(metrics.mrr)})`)
    .join(", ");
};
const changed = (params: FusionParams) =>
  Object.entries(params)
    .filter(([name, value]) => value !== start[name])
    .map(([name, value]) => `${name}=${value}`)
    .join(" ") || "(none)";
const violations = (params: FusionParams) =>
  features.reduce(
    (sum, need) =>
      sum +
      diffusionViolations(
        replayRanking(need, params),
        need.need.diffusionModels,
        (slug) => need.candidates.find((c) => c.idea.slug === slug)?.idea.diffusionModels,
      ),
    0,
  );

console.log(`Engine's settings: ${describe(start, features)}`);
const fit = (subset: NeedFeatures[], grid: FusionGrid, log = false) =>
  coordinateAscent((params) => scoreFeatures(subset, params).objective, start, grid, log ? { log: (message) => console.error(message) } : {});

// Cross-validation over needs: five folds (each holding a fifth of each set), each fitted on the
// other four; the held-out needs' rankings under their fold's fit say what a fit is worth on
// needs it has not seen. Whole-set transfer: fit on one set, read the other.
const folds = 5;
const foldOf = new Map(features.map((need) => [need, features.filter((other) => other.set === need.set).indexOf(need) % folds]));
const bySet = (name: string) => features.filter((need) => need.set === name);
const summary = (results: { set: string; metrics: ReturnType<typeof rankingMetrics> }[]) =>
  [...new Set(results.map((result) => result.set))]
    .map((set) => {
      const metrics = meanMetrics(results.filter((result) => result.set === set).map((result) => result.metrics));
      return `${set} ${fixed(metrics.ndcg10)} (MRR ${fixed(metrics.mrr)})`;
    })
    .join(", ");

for (const [gridName, grid] of chosen) {
  console.error(`grid ${gridName}: cross-validating`);
  const heldOut: { set: string; metrics: ReturnType<typeof rankingMetrics> }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const result = fit(
      features.filter((need) => foldOf.get(need) !== fold),
      grid,
    );
    for (const need of features.filter((other) => foldOf.get(other) === fold)) {
      heldOut.push({ set: need.set, metrics: rankingMetrics(replayRanking(need, result.params), need.judgments, need.relevantGrade) });
    }
  }
  console.log(`\nGrid "${gridName}" (${Object.keys(grid).length} settings)`);
  console.log(`  ${folds}-fold cross-validation, each need ranked by a fit that did not see it: ${summary(heldOut)}`);
  for (const [train, test] of [
    ["tuning", "blind"],
    ["blind", "tuning"],
  ]) {
    const result = fit(bySet(train), grid);
    console.log(`  fit on ${train} alone: ${changed(result.params)}`);
    console.log(`    ${describe(result.params, bySet(train))}; not fitted on: ${describe(result.params, bySet(test))}`);
  }
  const both = fit(features, grid, true);
  console.log(`  fit on tuning + blind: ${changed(both.params)}`);
  console.log(`    ${describe(both.params, features)}; diffusion violations ${violations(both.params)} (engine's settings: ${violations(start)})`);
  console.log(`    ${JSON.stringify(Object.fromEntries(Object.keys(grid).map((name) => [name, both.params[name]])))}`);
}
