// Fault tests: Meilisearch or the app is SIGKILLed at the worst moments; after a restart
// the search index must equal the database (count and per-document content hash).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ideaFormat } from "../../app/domain/exchange-format";
import { importIdeas } from "../../app/models/exchange-import.server";
import { decideIdea } from "../../app/models/review.server";
import { openExchange, type ExchangeContext } from "../../app/utils/exchange.server";
import { readEnv } from "../../app/utils/env.server";
import { outboxLag } from "../../search/outbox-relay";
import { driftCount, findDrift } from "../../search/reconcile";
import { createUser } from "../../app/models/users.server";
import { killTree, meiliPid, waitForEmptyOutbox, waitForMeiliRestart } from "../../scripts/lib/faults";
import { insertIdeaWithStatus, makeDataDir, repoRoot, testEnvSource } from "./helpers";

const opened: { context: ExchangeContext; dataDir: string }[] = [];

afterEach(async () => {
  for (const { context, dataDir } of opened.splice(0)) {
    await context.close();
    // A server started by a killed process or restarted by the watchdog has no owner left to stop it.
    try {
      process.kill(meiliPid(dataDir), "SIGKILL");
    } catch {
      // already stopped
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Opens the exchange as the site does: background relay, watchdog and short intervals. */
async function openLikeTheSite(dataDir = makeDataDir("exchange-faults")) {
  const env = readEnv({ ...testEnvSource(dataDir), OUTBOX_INTERVAL_MS: "100", MEILI_WATCHDOG_MS: "200" });
  const context = await openExchange({ env, log: () => {} });
  opened.push({ context, dataDir });
  return { context, dataDir };
}

function ideas(prefix: string, count: number) {
  return Array.from({ length: count }, (_, n) =>
    ideaFormat.parse({
      slug: `${prefix}-${n}`,
      title: `${prefix} idea number ${n}`,
      summary: `A summary long enough to take a little indexing work, number ${n}, about neighbourhood volunteering.`,
      sectors: ["community-neighbourhoods"],
      diffusionModels: ["uncontrolled"],
      caseStudies: [{ locality: `Town ${n}`, status: "adopted", lessons: "Start small and recruit locally." }],
    }),
  );
}

/** Waits (bounded) until the outbox is empty, then asserts the indexes equal the database. */
async function expectIndexEqualsDatabase(context: ExchangeContext) {
  await waitForEmptyOutbox(context.db);
  for (const indexName of ["ideas", "needs"] as const) {
    const drift = await findDrift(context.db, context.meili, indexName);
    expect(drift.indexCount).toBe(drift.databaseCount);
    expect(driftCount(drift), `${indexName}: ${JSON.stringify({ ...drift, missing: drift.missing.length })}`).toBe(0);
  }
}

/** Waits (bounded) until Meilisearch is indexing a batch of ideas the relay sent. */
async function waitForIndexingToStart(context: ExchangeContext, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { results } = await context.meili.tasks.getTasks({ indexUids: ["ideas"], types: ["documentAdditionOrUpdate"], statuses: ["processing"], limit: 1 });
    if (results.length) return;
    if (Date.now() > deadline) throw new Error(`Meilisearch did not start indexing the import within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("faults", () => {
  it("SIGKILL of Meilisearch during an import loses nothing", async () => {
    const { context, dataDir } = await openLikeTheSite();
    const before = meiliPid(dataDir);
    // More ideas than one relay batch (2,000), so the import is still going when the first is indexed.
    importIdeas(context.db, ideas("during-import", 5000));
    context.relay?.kick();
    await waitForIndexingToStart(context);
    process.kill(before, "SIGKILL");
    // Killed mid-import: the relay marks rows done only once Meilisearch says their task succeeded.
    expect(outboxLag(context.db).pending).toBeGreaterThan(0);
    await waitForMeiliRestart(dataDir, before);
    await expectIndexEqualsDatabase(context);
    expect(meiliPid(dataDir)).not.toBe(before);
    const found = await context.meili.index("ideas").search("during-import idea number 4999");
    expect(found.hits.length).toBeGreaterThan(0);
  });

  it("SIGKILL of Meilisearch while publishing loses nothing", async () => {
    const { context, dataDir } = await openLikeTheSite();
    const broker = await createUser(context.db, { email: "broker@faults.example", password: "a long enough password", displayName: "Broker", role: "broker" });
    const ideaId = insertIdeaWithStatus(context.db, "submitted", {
      slug: "published-while-down",
      title: "Published while search was down",
      summary: "A decision taken during an outage.",
    });
    const killed = meiliPid(dataDir);
    process.kill(killed, "SIGKILL");
    decideIdea(context.db, broker.id, ideaId, { decision: "publish", evidenceLevel: 2, evidenceJustification: "Before and after figures." });
    context.relay?.kick();
    await waitForMeiliRestart(dataDir, killed);
    await expectIndexEqualsDatabase(context);
    const doc = await context.meili.index("ideas").getDocument(ideaId);
    expect(doc.status).toBe("published");
  });

  it("SIGKILL of the app between a commit and its relay loses nothing", async () => {
    const dataDir = makeDataDir("exchange-faults");
    const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(repoRoot, "scripts/lib/commit-then-wait.ts"), "300"], {
      cwd: repoRoot,
      env: testEnvSource(dataDir),
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the child never committed")), 45_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("committed")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`the child exited early with ${code}`)));
    });
    // tsx runs the script in a child node process: killTree finds it before killing its parent.
    killTree(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { context } = await openLikeTheSite(dataDir);
    expect(outboxLag(context.db).pending).toBeGreaterThan(0);
    await expectIndexEqualsDatabase(context);
    const drift = await findDrift(context.db, context.meili, "ideas");
    expect(drift.databaseCount).toBe(300);
  });
});
