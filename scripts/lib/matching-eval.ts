// Wiring shared by `npm run eval:matching` and tests/integration/matching.test.ts: loads the
// demo ideas and the labelled needs into an exchange (a fresh DATA_DIR with a real
// Meilisearch), then ranks every labelled need with the engine and with the BM25 baseline.
import fs from "node:fs";
import path from "node:path";
import { ideaFormat, needFormat, validateExchangeFile, formatProblem, type IdeaFormat } from "../../app/domain/exchange-format";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { rankIdeasForNeedSlug } from "../../app/models/matching.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { Bm25Baseline } from "../../search/matching/bm25-baseline";
import {
  baselineIdeaFromFormat,
  evaluate,
  loadLabelledSet,
  type EvaluationReport,
  type LabelledNeed,
  type LabelledSet,
} from "../../search/matching/evaluation";
import type { Embedder } from "../../search/embeddings/embedder";
import { drainOutbox } from "../../search/outbox-relay";
import { embedIdeas } from "../../search/embeddings/idea-vectors";

export const demoIdeasFile = path.resolve("db/demo/ideas.json");
export const labelledSetFile = path.resolve("tests/matching/labelled-set.json");
/** The independent catalogue and its needs, written before any tuning and never tuned on (tests/matching/blind/README.md). */
export const blindIdeasFile = path.resolve("tests/matching/blind/ideas.json");
export const blindLabelledSetFile = path.resolve("tests/matching/blind/labelled-set.json");
/** A second blind set, written after the first had been measured: tests/matching/blind-2/. */
export const blind2IdeasFile = path.resolve("tests/matching/blind-2/ideas.json");
export const blind2LabelledSetFile = path.resolve("tests/matching/blind-2/labelled-set.json");

export function readDemoIdeas(file = demoIdeasFile): IdeaFormat[] {
  const result = validateExchangeFile(ideaFormat, JSON.parse(fs.readFileSync(file, "utf8")));
  if (!result.ok) throw new Error(`${file} is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.items;
}

/** Imports the ideas and the labelled needs (as open needs), embeds the ideas when the exchange has a model, and waits until Meilisearch has them. */
export async function loadEvaluationData(context: ExchangeContext, options: { ideasFile?: string; labelledFile?: string } = {}) {
  const ideas = readDemoIdeas(options.ideasFile);
  const set: LabelledSet = loadLabelledSet(options.labelledFile ?? labelledSetFile, new Set(ideas.map((idea) => idea.slug)));
  const needs = validateExchangeFile(
    needFormat,
    set.needs.map((entry) => entry.need),
  );
  if (!needs.ok) throw new Error(`Labelled needs are invalid:\n${needs.problems.map(formatProblem).join("\n")}`);
  importIdeas(context.db, ideas);
  importNeeds(context.db, needs.items);
  if (context.embedder) await embedIdeas(context.db, context.embedder);
  await drainOutbox(context.db, context.meili, { timeoutMs: 120_000 });
  return { ideas, set };
}

/** Runs the engine (and, with a model, the engine without it) and the baseline on every labelled need, in the same run. */
export async function runMatchingEvaluation(context: ExchangeContext, ideas: IdeaFormat[], set: LabelledSet): Promise<EvaluationReport> {
  const baseline = new Bm25Baseline(ideas.map(baselineIdeaFromFormat));
  const diffusionModels = new Map(ideas.map((idea) => [idea.slug, idea.diffusionModels]));
  const engine = (embedder: Embedder | null | undefined) => async (entry: LabelledNeed) => {
    const result = await rankIdeasForNeedSlug(context.db, context.meili, entry.need.slug, { limit: 10, embedder });
    if (!result) throw new Error(`Labelled need ${entry.need.slug} was not imported`);
    return result.ranked.map((match) => match.idea);
  };
  try {
    return await evaluate(
      set,
      {
        engine: engine(context.embedder),
        ...(context.embedder ? { textOnly: engine(null) } : {}),
        bm25: (entry) => baseline.rank(entry.need, 10),
      },
      (slug) => diffusionModels.get(slug),
    );
  } finally {
    baseline.close();
  }
}
