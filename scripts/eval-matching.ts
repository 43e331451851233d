// `npm run eval:matching`: measures the matching engine against plain BM25, both computed in
// this run, on three labelled sets side by side: the tuning set (the demo ideas with
// tests/matching/labelled-set.json) and two blind sets (independent catalogues with their own
// needs, tests/matching/blind/ and blind-2/, the first fitted on for the fusion weights, the second never tuned on). Each set is loaded into a fresh temporary
// DATA_DIR with its own Meilisearch server and the shipped embedding model, then removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { readEnv } from "../app/utils/env.server";
import { openExchange } from "../app/utils/exchange.server";
import { formatReport, type EvaluationReport } from "../search/matching/evaluation";
import {
  blind2IdeasFile,
  blind2LabelledSetFile,
  blindIdeasFile,
  blindLabelledSetFile,
  demoIdeasFile,
  labelledSetFile,
  loadEvaluationData,
  runMatchingEvaluation,
} from "./lib/matching-eval";

const options = new Command()
  .name("eval-matching")
  .description("nDCG@10, MRR and recall@10 of the matching engine beside a BM25 baseline, on the tuning set and the blind set")
  .option("--set <name>", "tuning, blind, blind-2 or all", "all")
  .option("--no-embeddings", "run the engine without the sentence-embedding model")
  .option("--per-need", "also print nDCG@10 for every need")
  .option("--json", "print the full reports as JSON")
  .parse()
  .opts<{ set: string; embeddings: boolean; perNeed?: boolean; json?: boolean }>();

const sets = [
  {
    name: "tuning",
    title: "Tuning set: the 78 demo ideas (db/demo/ideas.json), tests/matching/labelled-set.json",
    ideasFile: demoIdeasFile,
    labelledFile: labelledSetFile,
  },
  {
    name: "blind",
    title: "Blind set: an independent catalogue (tests/matching/blind/), fusion weights fitted on it (npm run fit:matching)",
    ideasFile: blindIdeasFile,
    labelledFile: blindLabelledSetFile,
  },
  {
    name: "blind-2",
    title: "Second blind set: another independent catalogue (tests/matching/blind-2/), never tuned on",
    ideasFile: blind2IdeasFile,
    labelledFile: blind2LabelledSetFile,
  },
].filter((set) => options.set === "all" || options.set === set.name);
if (!sets.length) {
  console.error(`--set must be tuning, blind, blind-2 or all (got ${options.set})`);
  process.exit(2);
}

const reports: Record<string, EvaluationReport> = {};
for (const set of sets) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-eval-"));
  const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "0", EMBEDDINGS: options.embeddings ? "1" : "0" };
  // Always a private server: the evaluation must not write into someone's Meilisearch.
  delete source.MEILI_HOST;
  delete source.MEILI_MASTER_KEY;
  const context = await openExchange({ env: readEnv(source), relay: false, log: (message) => console.error(message) });
  try {
    const started = Date.now();
    const { ideas, set: labelled } = await loadEvaluationData(context, { ideasFile: set.ideasFile, labelledFile: set.labelledFile });
    const loaded = Date.now();
    const report = await runMatchingEvaluation(context, ideas, labelled);
    reports[set.name] = report;
    if (!options.json) {
      const perNeedMs = (Date.now() - loaded) / labelled.needs.length;
      console.log(formatReport(report, { perNeed: options.perNeed, title: set.title }));
      console.log(
        `\n${labelled.needs.length} needs, ${ideas.length} ideas; loading and embedding ${((loaded - started) / 1000).toFixed(1)} s, then ${perNeedMs.toFixed(0)} ms a need for all systems\n`,
      );
    }
  } finally {
    await context.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
if (options.json) console.log(JSON.stringify(reports, null, 2));
