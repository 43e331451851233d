// `npm run eval:matching`: measures the matching engine against plain BM25 on the labelled
// set (tests/matching/labelled-set.json), both computed in this run. It loads the demo ideas
// into a fresh temporary DATA_DIR with its own Meilisearch server, and removes it afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { readEnv } from "../app/utils/env.server";
import { openExchange } from "../app/utils/exchange.server";
import { formatReport } from "../search/matching/evaluation";
import { labelledSetFile, loadEvaluationData, runMatchingEvaluation } from "./lib/matching-eval";

const options = new Command()
  .name("eval-matching")
  .description("nDCG@10, MRR and recall@10 of the matching engine beside a BM25 baseline, on the labelled set")
  .option("--labelled <file>", "labelled set", labelledSetFile)
  .option("--per-need", "also print nDCG@10 for every need")
  .option("--json", "print the full report as JSON")
  .parse()
  .opts<{ labelled: string; perNeed?: boolean; json?: boolean }>();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-eval-"));
const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "0" };
// Always a private server: the evaluation must not write into someone's Meilisearch.
delete source.MEILI_HOST;
delete source.MEILI_MASTER_KEY;
const context = await openExchange({ env: readEnv(source), relay: false, log: (message) => console.error(message) });
try {
  const started = Date.now();
  const { ideas, set } = await loadEvaluationData(context, { labelledFile: options.labelled });
  const report = await runMatchingEvaluation(context, ideas, set);
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`Matching evaluation: ${set.needs.length} labelled needs, ${ideas.length} ideas (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    console.log(formatReport(report, { perNeed: options.perNeed }));
  }
} finally {
  await context.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
