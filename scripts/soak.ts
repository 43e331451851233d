// `npm run soak -- --runs N`: a randomised soak of the fault tests, outside `npm test`.
// Each run kills Meilisearch or the app at a random moment, lets the exchange recover, and
// counts documents lost (missing, stale or extra in the index compared with SQLite).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { ideaFormat } from "../app/domain/exchange-format";
import { importIdeas } from "../app/models/exchange-import.server";
import { decideIdea } from "../app/models/review.server";
import { createUser } from "../app/models/users.server";
import { openExchange } from "../app/utils/exchange.server";
import { readEnv } from "../app/utils/env.server";
import { ideas } from "../db/schema";
import { driftCount, findDrift } from "../search/reconcile";
import { killTree, meiliPid, waitForEmptyOutbox, waitForMeiliRestart } from "./lib/faults";

const scenarios = ["meili-during-import", "meili-during-publish", "app-between-commit-and-relay"] as const;
type Scenario = (typeof scenarios)[number];

const options = new Command()
  .option("--runs <n>", "number of runs", "5")
  .option("--ideas <n>", "largest import per run", "2000")
  .parse()
  .opts<{ runs: string; ideas: string }>();
const runs = Math.max(1, Math.min(1000, Number(options.runs)));
const maxIdeas = Math.max(10, Math.min(50_000, Number(options.ideas)));
const random = (n: number) => Math.floor(Math.random() * n);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function envFor(dataDir: string) {
  const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "0", OUTBOX_INTERVAL_MS: "100", MEILI_WATCHDOG_MS: "200" };
  delete source.MEILI_HOST;
  delete source.MEILI_MASTER_KEY;
  return source;
}

function items(prefix: string, count: number) {
  return Array.from({ length: count }, (_, n) =>
    ideaFormat.parse({
      slug: `${prefix}-${n}`,
      title: `${prefix} ${n}`,
      summary: "A soak-test idea about neighbourhood volunteering and shared services.",
      sectors: ["community-neighbourhoods"],
      diffusionModels: ["uncontrolled"],
    }),
  );
}

async function runOnce(scenario: Scenario, size: number): Promise<{ lost: number; documents: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-soak-"));
  try {
    if (scenario === "app-between-commit-and-relay") {
      const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/lib/commit-then-wait.ts", String(size)], {
        env: envFor(dataDir),
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the child never committed")), 120_000);
        child.stdout!.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("committed")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await sleep(random(100));
      killTree(child.pid!);
    }
    const context = await openExchange({ env: readEnv(envFor(dataDir)), log: () => {} });
    try {
      if (scenario === "meili-during-import") {
        importIdeas(context.db, items("soak", size));
        context.relay?.kick();
        await sleep(random(500));
        const killed = meiliPid(dataDir);
        process.kill(killed, "SIGKILL");
        await waitForMeiliRestart(dataDir, killed);
      } else if (scenario === "meili-during-publish") {
        importIdeas(context.db, items("soak", size));
        const broker = await createUser(context.db, { email: "soak@example.org", password: "a long soak password", displayName: "Soak", role: "broker" });
        const draft = context.db
          .insert(ideas)
          .values({ ...items("draft", 1)[0], slug: "soak-draft", status: "submitted", submittedAt: new Date() })
          .returning()
          .get();
        await sleep(random(300));
        const killed = meiliPid(dataDir);
        process.kill(killed, "SIGKILL");
        decideIdea(context.db, broker.id, draft.id, { decision: "publish", evidenceLevel: 1, evidenceJustification: "Soak." });
        context.relay?.kick();
        await waitForMeiliRestart(dataDir, killed);
      }
      await waitForEmptyOutbox(context.db, 120_000);
      let lost = 0;
      let documents = 0;
      for (const indexName of ["ideas", "needs"] as const) {
        const drift = await findDrift(context.db, context.meili, indexName);
        lost += driftCount(drift);
        documents += drift.databaseCount;
      }
      return { lost, documents };
    } finally {
      await context.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: { run: number; scenario: Scenario; size: number; documents: number; lost: number; seconds: number }[] = [];
for (let run = 1; run <= runs; run++) {
  const scenario = scenarios[random(scenarios.length)];
  const size = 10 + random(maxIdeas - 10);
  const started = Date.now();
  const { lost, documents } = await runOnce(scenario, size);
  results.push({ run, scenario, size, documents, lost, seconds: (Date.now() - started) / 1000 });
  console.log(`run ${run}/${runs}: ${scenario}, ${size} ideas -> ${documents} documents, ${lost} lost (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
const lost = results.reduce((sum, result) => sum + result.lost, 0);
console.log(
  `\n| runs | documents checked | lost |\n| --- | --- | --- |\n| ${results.length} | ${results.reduce((sum, r) => sum + r.documents, 0)} | ${lost} |`,
);
process.exitCode = lost ? 1 : 0;
