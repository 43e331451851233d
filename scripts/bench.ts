// `npm run bench`: the search and ingestion benchmark of issue 5 (never part of `npm test`).
// One run, all on loopback, against the production build: generate a corpus, import it with
// the exchange CLI, then measure search latency (raw Meilisearch as the baseline, the search
// page and the JSON API), capacity, facet cost, search during an import, publish-to-searchable
// latency, import throughput against raw addDocuments, and resident memory. Writes
// bench/results/latest.json and prints a Markdown table. See the README, "Performance".
import { execFileSync } from "node:child_process";
import { setMaxListeners } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { inArray, max } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import { CorpusGenerator, writeIdeasFile } from "../bench/corpus";
import { FACETS_OFF_HEADER, interleaved, runLoad, window, type LoadRequest, type LoadResult } from "../bench/load";
import { recordHistory } from "../bench/history";
import { cpuMeter, isAlive, meiliPid, memoryOf, runCli, startApp, waitUntilQuiet, watchMemory, type AppServer, type CliRun } from "../bench/processes";
import { mixMultiSearchBody, mixQueryString, parseQueryMixFile, queryMix as builtInQueryMix, type MixEntry, type QueryMix } from "../bench/query-mix";
import { renderMarkdown, type BenchResults, type Target } from "../bench/report";
import { ratio, ratios, summarize, type Summary } from "../bench/stats";
import { startEventLoopMonitor, type EventLoopStats } from "./lib/event-loop-monitor";
import { importIdeas } from "../app/models/exchange-import.server";
import { openDatabase, type ExchangeDb } from "../db/client";
import { ideas, searchOutbox } from "../db/schema";
import { createMeiliClient } from "../search/client";
import { ensureMeiliServer, type MeiliConnection } from "../search/meili-server";
import { documentBatches, reindex } from "../search/reindex";
import { applyIndexSettings, ensureIndexes } from "../search/settings";
import { buildForProduction, buildIsStale } from "./lib/build";

const options = new Command()
  .name("bench")
  .description("Benchmark search and ingestion of the exchange (see the README, Performance)")
  .option("--ideas <n>", "ideas in the corpus", (value) => Number.parseInt(value, 10), 100_000)
  .option("--import-ideas <n>", "ideas imported while searching", (value) => Number.parseInt(value, 10), 10_000)
  .option("--connections <n>", "fixed concurrency of the latency runs", (value) => Number.parseInt(value, 10), 4)
  .option("--duration <seconds>", "length of each fixed-concurrency run (split into interleaved rounds)", (value) => Number.parseInt(value, 10), 15)
  .option("--rounds <n>", "interleaved rounds of the latency runs (raw, page, API take turns)", (value) => Number.parseInt(value, 10), 3)
  .option("--publishes <n>", "publish-to-searchable samples", (value) => Number.parseInt(value, 10), 20)
  .option("--seed <n>", "corpus seed", (value) => Number.parseInt(value, 10), 1)
  .option("--label <text>", "a note stored with the results (and the history file's name)", "")
  .option("--out <file>", "results file", "bench/results/latest.json")
  .option("--profile", "write V8 CPU profiles of the app to bench/results/profiles", false)
  .option("--keep", "keep the temporary DATA_DIR", false)
  .option("--app-node-args <args>", 'extra Node.js flags for the app (e.g. "--max-old-space-size=256")', "")
  .option(
    "--queries <file>",
    "a query mix of your own, measured beside the built-in one: one /ideas query string per line (see bench/query-mix.ts); repeatable",
    (value: string, previous: string[] = []) => [...previous, value],
  )
  .option("--embeddings", "run the app with the embedding model (it then embeds the whole imported corpus in the background)", false)
  .option("--no-history", "do not write bench/history/<date>-<label>.json nor the README's history row")
  .option("--readme <file>", "the README whose latest-results and history blocks the bench rewrites", "README.md")
  .option("--max-load <n>", "wait (up to 10 min) until the 1-minute load average is below this", Number.parseFloat, 1.5)
  .parse()
  .opts<{
    ideas: number;
    importIdeas: number;
    connections: number;
    duration: number;
    rounds: number;
    publishes: number;
    seed: number;
    label: string;
    out: string;
    profile: boolean;
    keep: boolean;
    appNodeArgs: string;
    queries?: string[];
    embeddings: boolean;
    history: boolean;
    readme: string;
    maxLoad: number;
  }>();

/** The searches measured: the built-in mix and any --queries FILE (each checked before anything starts). */
const mixes: QueryMix[] = [
  { name: "built-in", source: "built-in", entries: builtInQueryMix },
  ...(options.queries ?? []).map((file) => ({
    name: path.basename(file).replace(/\.[^.]+$/, ""),
    source: file,
    entries: parseQueryMixFile(fs.readFileSync(file, "utf8")),
  })),
];

for (const [name, value] of Object.entries({
  ideas: options.ideas,
  importIdeas: options.importIdeas,
  connections: options.connections,
  duration: options.duration,
  rounds: options.rounds,
  publishes: options.publishes,
})) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
}

// The raw-ingestion baseline keeps thousands of requests in flight, each with an abort listener.
setMaxListeners(10_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const HARD_LIMIT_MS = 60 * 60_000;
const CAPACITY_P95_MS = 150;
// The app reconciles the whole index with SQLite 2 s after boot and then every 10 minutes (a
// pass at 100,000 ideas takes ~15 s of the app's CPU). The bench waits for the boot pass and
// moves the next one past the end of the run, so passes do not land at random in its
// measurements; the README reports the pass on its own.
// The embedding model is off unless --embeddings: with it, the app embeds the whole imported
// corpus in the background (about 75 ms of a core an idea, over two hours at 100,000), and
// the search figures would measure that pass rather than search.
const appEnv = { RECONCILE_INTERVAL_MS: String(24 * 3600_000), EMBEDDINGS: options.embeddings ? "1" : "0" };
// The CLI the bench runs inherits it too.
process.env.EMBEDDINGS = appEnv.EMBEDDINGS;

function git(...args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/** The same rule as `npm start`: build when the build is missing or older than the sources. */
function buildIfNeeded() {
  if (!buildIsStale()) return;
  log("building the production bundle");
  buildForProduction({ quiet: true });
}

async function waitForQuietMachine(maxLoad: number): Promise<number[]> {
  const until = Date.now() + 10 * 60_000;
  while (os.loadavg()[0] > maxLoad && Date.now() < until) {
    log(`load average ${os.loadavg()[0].toFixed(2)} > ${maxLoad}: waiting for the machine to quieten`);
    await sleep(30_000);
  }
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

async function waitForIdleMeili(meili: Meilisearch, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await meili.tasks.getTasks({ statuses: ["enqueued", "processing"], limit: 1 });
    if (!pending.results.length) return;
    if (Date.now() > deadline) throw new Error("Meilisearch still has tasks in progress");
    await sleep(200);
  }
}

/** Raw ingestion: the same documents, pre-serialised, sent straight to a fresh index with the same settings. */
async function rawIngestion(db: ExchangeDb, meili: Meilisearch) {
  const uid = "bench_raw_ideas";
  await meili.deleteIndexIfExists(uid);
  await meili.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
  await applyIndexSettings(meili, "ideas", uid);
  const payloads: string[] = [];
  let documents = 0;
  for (const batch of documentBatches(db, "ideas", 10_000)) {
    payloads.push(JSON.stringify(batch));
    documents += batch.length;
  }
  const started = performance.now();
  const tasks = [];
  for (const payload of payloads) tasks.push(await meili.index(uid).addDocumentsFromString(payload, "application/json", { primaryKey: "id" }));
  const done = await meili.tasks.waitForTasks(
    tasks.map((task) => task.taskUid),
    { timeout: 30 * 60_000, interval: 100 },
  );
  const elapsed = performance.now() - started;
  const failed = done.find((task) => task.status !== "succeeded");
  if (failed) throw new Error(`Raw ingestion failed: ${failed.error?.message}`);
  await meili.deleteIndex(uid).waitTask({ timeout: 120_000 });
  return { documents, seconds: seconds(elapsed), documentsPerSecond: Math.round(documents / (elapsed / 1000)), batches: payloads.length };
}

/** Document tasks Meilisearch received for an index since a moment: shows batching and any duplicate relaying. */
async function meiliWork(meili: Meilisearch, indexUid: string, since: Date) {
  const tasks = [];
  let from: number | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await meili.tasks.getTasks({
      indexUids: [indexUid],
      types: ["documentAdditionOrUpdate"],
      afterEnqueuedAt: since.toISOString(),
      limit: 1000,
      from,
    });
    tasks.push(...result.results);
    if (result.next == null) break;
    from = result.next;
  }
  return {
    tasks: tasks.length,
    documentsSent: tasks.reduce((sum, task) => sum + (task.details?.receivedDocuments ?? 0), 0),
    batches: new Set(tasks.map((task) => task.batchUid)).size,
  };
}

function lastOutboxId(db: ExchangeDb): number {
  return (
    db
      .select({ id: max(searchOutbox.id) })
      .from(searchOutbox)
      .get()?.id ?? 0
  );
}

/** Runs `exchange import ideas FILE`, noting when its transaction commits (outbox rows appear). */
async function timedImport(db: ExchangeDb, file: string, dataDir: string, watch: { cli?: CliRun }) {
  const before = lastOutboxId(db);
  const started = performance.now();
  const cli = runCli(["import", "ideas", file], { dataDir, timeoutMs: 30 * 60_000 });
  watch.cli = cli;
  let committedAt: number | null = null;
  let finished = false;
  void cli.done.then(() => {
    finished = true;
  });
  while (!finished) {
    if (committedAt === null && lastOutboxId(db) > before) committedAt = performance.now();
    await sleep(50);
  }
  const result = await cli.done;
  watch.cli = undefined;
  if (result.code !== 0) throw new Error(`exchange import failed (${result.code}):\n${result.output}`);
  const ended = performance.now();
  committedAt ??= ended;
  return {
    startedAt: started,
    endedAt: ended,
    seconds: seconds(ended - started),
    validateAndWriteSeconds: seconds(committedAt - started),
    indexSeconds: seconds(ended - committedAt),
    cliPid: cli.pid,
  };
}

async function publishLatency(db: ExchangeDb, meili: Meilisearch, generator: CorpusGenerator, count: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    // Vary the phase against the relay's polling interval.
    await sleep(150 + Math.floor(Math.random() * 600));
    const item = generator.idea(i, "bench-publish");
    importIdeas(db, [item]);
    const committed = performance.now();
    const row = db
      .select({ id: ideas.id })
      .from(ideas)
      .where(inArray(ideas.slug, [item.slug]))
      .get();
    if (!row) throw new Error("published idea not found");
    const deadline = committed + 30_000;
    for (;;) {
      try {
        await meili.index("ideas").getDocument(row.id, { fields: ["id"] });
        samples.push(performance.now() - committed);
        break;
      } catch {
        if (performance.now() > deadline) {
          samples.push(performance.now() - committed);
          log(`publish ${i}: not searchable after 30 s`);
          break;
        }
        await sleep(10);
      }
    }
  }
  return summarize(samples);
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = await waitForQuietMachine(options.maxLoad);
  log(`load average at start: ${loadAtStart.join(", ")}`);
  buildIfNeeded();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-bench-"));
  const corpusDir = path.join(dataDir, "corpus");
  fs.mkdirSync(corpusDir);
  const profileDir = path.resolve("bench/results/profiles");
  let app: AppServer | null = null;
  let meiliConnection: MeiliConnection | null = null;
  let closeDb: (() => void) | null = null;
  const watch: { cli?: CliRun } = {};
  const hardLimit = setTimeout(() => {
    log(`the bench exceeded ${HARD_LIMIT_MS / 60_000} minutes; stopping`);
    process.kill(process.pid, "SIGTERM");
  }, HARD_LIMIT_MS);
  hardLimit.unref();
  const onSignal = () => {
    watch.cli?.kill();
    if (app) app.child.kill("SIGKILL");
    const pid = meiliPid(dataDir);
    if (pid && isAlive(pid)) process.kill(pid, "SIGTERM");
    if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    // 1. The corpus.
    const t = performance.now();
    const generator = new CorpusGenerator(options.seed);
    const corpusFile = path.join(corpusDir, "ideas.json");
    const corpusBytes = writeIdeasFile(corpusFile, options.ideas, (index) => generator.idea(index, "bench"));
    const importFile = path.join(corpusDir, "more-ideas.json");
    const importBytes = writeIdeasFile(importFile, options.importIdeas, (index) => generator.idea(index, "bench-more"));
    log(
      `corpus: ${options.ideas} ideas (${Math.round(corpusBytes / 1e6)} MB) + ${options.importIdeas} (${Math.round(importBytes / 1e6)} MB) in ${seconds(performance.now() - t)} s`,
    );

    // The bench holds its own attachment to the DATA_DIR's Meilisearch server, so the server
    // lives across the CLI and app processes, and stops when the bench releases it.
    meiliConnection = await ensureMeiliServer(dataDir);
    const meili = createMeiliClient(meiliConnection.host, meiliConnection.apiKey);
    await ensureIndexes(meili);
    const database = openDatabase(dataDir);
    closeDb = database.close;
    const db = database.db;
    const meiliVersion = (await meili.getVersion()).pkgVersion;
    const pids = () => [app?.pid, meiliPid(dataDir), process.pid, watch.cli?.pid];
    const memory = watchMemory(() => [app?.pid, meiliPid(dataDir), watch.cli?.pid]);
    const mib = (pid: number | undefined) => memoryOf(pid)?.rssMiB ?? null;
    const timeline: { phase: string; appMB: number | null; meiliMB: number | null }[] = [];
    const snapshot = (phase: string) => {
      const toMB = (value: number | null) => (value == null ? null : Math.round(value * 1.048576));
      timeline.push({ phase, appMB: toMB(mib(app?.pid)), meiliMB: toMB(mib(meiliPid(dataDir))) });
    };

    // 2. Import the corpus through the exchange CLI (validation, one transaction, outbox drain).
    log(`importing ${options.ideas} ideas with \`exchange import ideas\``);
    let cpu = cpuMeter(pids);
    let since = new Date();
    const imported = await timedImport(db, corpusFile, dataDir, watch);
    const importWork = await meiliWork(meili, "ideas", since);
    const importCpu = cpu();
    const cliPeakMiB = memory.peakOf(imported.cliPid);
    log(`import: ${imported.seconds} s (validate+write ${imported.validateAndWriteSeconds} s, indexing ${imported.indexSeconds} s)`);

    // 3. Raw Meilisearch ingestion of the same documents.
    log("raw addDocuments of the same documents into a fresh index");
    cpu = cpuMeter(pids);
    const raw = await rawIngestion(db, meili);
    const rawCpu = cpu();
    log(`raw ingestion: ${raw.seconds} s`);
    await waitForIdleMeili(meili, 120_000);

    // 4. The app, as `npm start` runs it.
    if (options.profile) fs.mkdirSync(profileDir, { recursive: true });
    app = await startApp({
      dataDir,
      logFile: path.join(dataDir, "app.log"),
      nodeArgs: [...(options.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...options.appNodeArgs.split(/\s+/).filter(Boolean)],
      env: appEnv,
    });
    const appUrl = app.url;
    log(`app listening on ${appUrl} (pid ${app.pid}); waiting for its boot-time reconcile pass`);
    const bootBusySeconds = await waitUntilQuiet(app.pid);
    log(`app quiet after ${bootBusySeconds} s`);
    snapshot("app booted and quiet");
    const bootPeakMiB = memoryOf(app.pid)?.peakMiB ?? null;
    // Peak of the app from here on: what serving searches and imports costs, without the boot pass.
    const servingMemory = watchMemory(() => [app?.pid]);
    const meiliHeaders = { "content-type": "application/json", authorization: `Bearer ${meiliConnection.apiKey}` };
    const rawRequests = (entries: MixEntry[], facets: boolean): LoadRequest[] =>
      entries.map((entry) => ({ method: "POST", path: "/multi-search", body: mixMultiSearchBody(entry, facets), headers: meiliHeaders }));
    const pageRequests = (entries: MixEntry[], facets = true): LoadRequest[] =>
      entries.map((entry) => ({ path: `/ideas?${mixQueryString(entry)}`, headers: facets ? undefined : FACETS_OFF_HEADER }));
    const apiRequests = (entries: MixEntry[]): LoadRequest[] => entries.map((entry) => ({ path: `/api/ideas?${mixQueryString(entry)}` }));
    const builtIn = mixes[0].entries;

    // Sanity: every mix entry answers 200, and note the queries that find nothing.
    const emptyQueries: string[] = [];
    for (const entry of mixes.flatMap((mix) => mix.entries)) {
      const response = await fetch(`${appUrl}/api/ideas?${mixQueryString(entry)}`);
      if (response.status !== 200) throw new Error(`/api/ideas?${mixQueryString(entry)} answered ${response.status}`);
      const body = (await response.json()) as { total: number };
      if (body.total === 0) emptyQueries.push(mixQueryString(entry));
    }
    if (emptyQueries.length) log(`queries with no hits: ${emptyQueries.join(" | ")}`);
    const eventLoop: Record<string, EventLoopStats> = {};
    const eventLoopPhase = async (phase: string) => {
      eventLoop[phase] = await app!.eventLoop({ reset: true });
      const stats = eventLoop[phase];
      log(`event loop (${phase}): max ${stats.maxMs} ms, p99 ${stats.p99Ms} ms, ${stats.stalls.length} stall(s) over 100 ms`);
    };
    await eventLoopPhase("boot and reconcile pass");

    // 5. Latency at fixed concurrency, per mix: raw Meilisearch (the baseline) with and without
    // facets, the page with and without facets, and the API, taking turns in short rounds so a
    // change in the machine's load (it is shared) falls on all of them alike.
    log(`latency runs: ${options.connections} connections, ${options.duration} s each in ${options.rounds} rounds, ${mixes.length} mix(es)`);
    const byMix: Record<string, Record<string, { load: LoadResult; cpu: ReturnType<ReturnType<typeof cpuMeter>> }>> = {};
    const unloadedByMix: Record<string, Record<string, Record<string, Summary>>> = {};
    for (const mix of mixes) {
      const targets: Record<string, { url: string; requests: LoadRequest[] }> = {
        meili: { url: meiliConnection.host, requests: rawRequests(mix.entries, true) },
        meiliNoFacets: { url: meiliConnection.host, requests: rawRequests(mix.entries, false) },
        page: { url: appUrl, requests: pageRequests(mix.entries) },
        pageNoFacets: { url: appUrl, requests: pageRequests(mix.entries, false) },
        api: { url: appUrl, requests: apiRequests(mix.entries) },
      };
      for (const target of Object.values(targets)) await runLoad({ ...target, connections: 2, durationSeconds: 2 });
      byMix[mix.name] = await interleaved(targets, { connections: options.connections, seconds: options.duration, rounds: options.rounds }, () =>
        cpuMeter(pids),
      );
      for (const [name, { load }] of Object.entries(byMix[mix.name])) {
        const { p50, p95, p97_5, p99 } = load.latency;
        log(
          `${mix.name} ${name}: p50 ${p50} p95 ${p95} p97.5 ${p97_5} p99 ${p99} ms, ${load.requestsPerSecond} req/s${load.non2xx || load.errors ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ""}`,
        );
      }
      // Unloaded latency (one connection), by kind of query, for finding where time goes.
      unloadedByMix[mix.name] = {};
      for (const kind of ["plain", "filtered", "browse"] as const) {
        const entries = mix.entries.filter((entry) => entry.kind === kind);
        if (!entries.length) continue;
        const one = { connections: 1, durationSeconds: 60, amount: entries.length * 8 };
        unloadedByMix[mix.name][kind] = {
          meili: (await runLoad({ url: meiliConnection.host, requests: rawRequests(entries, true), ...one })).latency,
          meiliNoFacets: (await runLoad({ url: meiliConnection.host, requests: rawRequests(entries, false), ...one })).latency,
          page: (await runLoad({ url: appUrl, requests: pageRequests(entries), ...one })).latency,
          pageNoFacets: (await runLoad({ url: appUrl, requests: pageRequests(entries, false), ...one })).latency,
          api: (await runLoad({ url: appUrl, requests: apiRequests(entries), ...one })).latency,
        };
      }
    }
    snapshot("after the fixed-concurrency runs");
    await eventLoopPhase("latency runs");

    // 6. Capacity: more connections until p95 passes 150 ms (closed loop; see README).
    log("capacity sweep of the search page");
    const steps: { connections: number; requestsPerSecond: number; p95: number; p99: number; non2xx: number; errors: number }[] = [];
    for (const connections of [1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64]) {
      const load = await runLoad({ url: appUrl, requests: pageRequests(builtIn), connections, durationSeconds: Math.min(options.duration, 8) });
      steps.push({
        connections,
        requestsPerSecond: load.requestsPerSecond,
        p95: load.latency.p95,
        p99: load.latency.p99,
        non2xx: load.non2xx,
        errors: load.errors,
      });
      log(`  ${connections} connections: ${load.requestsPerSecond} req/s, p95 ${load.latency.p95} ms`);
      if (load.latency.p95 > CAPACITY_P95_MS || load.non2xx + load.errors > 0.01 * load.samples.length) break;
    }
    const passing = steps.filter((step) => step.p95 <= CAPACITY_P95_MS && step.non2xx + step.errors === 0);
    snapshot("after the capacity sweep");
    await eventLoopPhase("capacity sweep");
    const best = passing.reduce<(typeof steps)[number] | null>((top, step) => (!top || step.requestsPerSecond > top.requestsPerSecond ? step : top), null);

    // 7. Search while a 10,000-idea import runs, against the same load when idle.
    const steady = { connections: 2, overallRate: 20 };
    log(`search page at ${steady.overallRate} req/s (${steady.connections} connections): idle, then during a ${options.importIdeas}-idea import`);
    cpu = cpuMeter(pids);
    const idle = await runLoad({ url: appUrl, requests: pageRequests(builtIn), durationSeconds: 20, ...steady });
    const idleCpu = cpu();
    await eventLoopPhase("idle, 20 req/s");
    const stopLoad = new AbortController();
    cpu = cpuMeter(pids);
    const during = runLoad({ url: appUrl, requests: pageRequests(builtIn), durationSeconds: 30 * 60, signal: stopLoad.signal, ...steady });
    await sleep(1000);
    let secondImport: Awaited<ReturnType<typeof timedImport>>;
    since = new Date();
    try {
      secondImport = await timedImport(db, importFile, dataDir, watch);
    } finally {
      stopLoad.abort();
    }
    const duringLoad = await during;
    const secondImportWork = await meiliWork(meili, "ideas", since);
    const duringCpu = cpu();
    const duringImport = window(duringLoad.samples, secondImport.startedAt, secondImport.endedAt);
    const duringIndexing = window(duringLoad.samples, secondImport.endedAt - secondImport.indexSeconds * 1000, secondImport.endedAt);
    log(`idle p95 ${idle.latency.p95} ms; during import p95 ${duringImport.p95} ms (import ${secondImport.seconds} s)`);
    snapshot("after the import under load");
    await eventLoopPhase(`during a ${options.importIdeas}-idea import, 20 req/s`);
    await waitForIdleMeili(meili, 120_000);

    // 8. Publish -> searchable, through the app's outbox relay (written from this process).
    log(`publish -> searchable, ${options.publishes} samples`);
    const publish = await publishLatency(db, meili, generator, options.publishes);
    log(`publish -> searchable p95 ${publish.p95} ms`);

    snapshot("after publishing");
    await eventLoopPhase("publishing");

    // 9. A rebuild (`reindex ideas`, as `exchange reindex` and the app's boot run it when the
    // index settings changed), in this process, with this process's event loop watched.
    log("rebuild of the ideas index (reindex), event loop watched");
    const rebuildMonitor = startEventLoopMonitor();
    const rebuildStarted = performance.now();
    const rebuilt = await reindex(db, meili, "ideas");
    const rebuild = { documents: rebuilt, seconds: seconds(performance.now() - rebuildStarted), eventLoop: rebuildMonitor.stats(false) };
    rebuildMonitor.stop();
    log(
      `rebuild: ${rebuilt} documents in ${rebuild.seconds} s; event loop max ${rebuild.eventLoop.maxMs} ms, ${rebuild.eventLoop.stalls.length} stall(s) over 100 ms`,
    );
    // 10. Memory.
    const appMemory = memoryOf(app.pid);
    const meiliMemory = memoryOf(meiliPid(dataDir));
    memory.stop();
    servingMemory.stop();
    const mb = (mib: number | null | undefined) => (mib == null ? null : Math.round(mib * 1.048576));
    const appPeakMB = mb(Math.max(appMemory?.peakMiB ?? 0, memory.peakOf(app.pid) ?? 0));
    const meiliPeakMB = mb(Math.max(meiliMemory?.peakMiB ?? 0, memory.peakOf(meiliPid(dataDir)) ?? 0));

    const pageLimit = (mix: string) => 1.5 * byMix[mix].meili.load.latency.p97_5 + 10;
    const appMaxStall = Math.max(...Object.values(eventLoop).map((stats) => stats.maxMs));
    const targets: Target[] = [
      ...mixes.map((mix): Target => ({
        name: `search page p97.5 ≤ 1.5 × raw Meilisearch p97.5 + 10 ms (${mix.name} mix)`,
        value: byMix[mix.name].page.load.latency.p97_5,
        limit: pageLimit(mix.name),
        unit: "ms",
      })),
      ...mixes.map((mix): Target => ({
        name: `facets cost through the page ≤ 1.3 × (p97.5 on / off, ${mix.name} mix)`,
        value: ratio(byMix[mix.name].page.load.latency.p97_5, byMix[mix.name].pageNoFacets.load.latency.p97_5),
        limit: 1.3,
        unit: "×",
      })),
      ...mixes.map((mix): Target => ({
        name: `facets cost in raw Meilisearch ≤ 1.3 × (p97.5 on / off, ${mix.name} mix)`,
        value: ratio(byMix[mix.name].meili.load.latency.p97_5, byMix[mix.name].meiliNoFacets.load.latency.p97_5),
        limit: 1.3,
        unit: "×",
      })),
      { name: `≥ 100 req/s on the search page at p95 ≤ ${CAPACITY_P95_MS} ms`, value: best?.requestsPerSecond ?? 0, limit: 100, unit: "req/s", atLeast: true },
      {
        name: `search p95 during a ${options.importIdeas.toLocaleString("en-GB")}-idea import ≤ 1.5 × idle`,
        value: ratio(duringImport.p95, idle.latency.p95),
        limit: 1.5,
        unit: "×",
      },
      { name: "publish → searchable p95 ≤ 2 s", value: publish.p95, limit: 2000, unit: "ms" },
      { name: "import ≤ 2 × raw ingestion time", value: ratio(imported.seconds, raw.seconds), limit: 2, unit: "×" },
      { name: "app event loop: longest stall ≤ 100 ms (every phase)", value: appMaxStall, limit: 100, unit: "ms" },
      { name: "rebuild (reindex ideas): longest event-loop stall ≤ 100 ms", value: rebuild.eventLoop.maxMs, limit: 100, unit: "ms" },
      { name: "app resident memory ≤ 400 MB (peak)", value: appPeakMB ?? Number.NaN, limit: 400, unit: "MB" },
    ];
    for (const target of targets) target.met = target.atLeast ? target.value >= target.limit : target.value <= target.limit;

    const results: BenchResults = {
      meta: {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        label: options.label,
        // BENCH_COMMIT names the commit when the bench runs in an exported tree without .git.
        commit: process.env.BENCH_COMMIT ?? git("rev-parse", "--short", "HEAD"),
        dirty:
          process.env.BENCH_DIRTY === "1" ||
          (!process.env.BENCH_COMMIT && git("status", "--porcelain", "--", "app", "search", "db", "scripts", "bench") !== ""),
        appEnv,
        appNodeArgs: options.appNodeArgs,
        appBootBusySeconds: bootBusySeconds,
        embeddings: options.embeddings,
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "",
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        meilisearch: meiliVersion,
        meiliEnv: Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("MEILI_") && key !== "MEILI_MASTER_KEY")),
        ideas: options.ideas,
        importIdeas: options.importIdeas,
        corpusMB: Math.round(corpusBytes / 1e6),
        connections: options.connections,
        durationSeconds: options.duration,
        rounds: options.rounds,
        maxLoad: options.maxLoad,
        mixes: mixes.map((mix) => ({
          name: mix.name,
          source: mix.source,
          queries: mix.entries.map((entry) => ({ kind: entry.kind, query: mixQueryString(entry) })),
        })),
        emptyQueries,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
      },
      search: Object.fromEntries(
        Object.entries(byMix).map(([mix, runs]) => [
          mix,
          Object.fromEntries(
            Object.entries(runs).map(([name, { load, cpu: usage }]) => [
              name,
              { ...load.latency, requestsPerSecond: load.requestsPerSecond, non2xx: load.non2xx, errors: load.errors, cpu: usage },
            ]),
          ),
        ]),
      ),
      ratios: {
        byMix: Object.fromEntries(
          Object.entries(byMix).map(([mix, runs]) => [
            mix,
            {
              pageToMeili: ratios(runs.page.load.latency, runs.meili.load.latency),
              apiToMeili: ratios(runs.api.load.latency, runs.meili.load.latency),
              pageFacetsOnToOff: ratios(runs.page.load.latency, runs.pageNoFacets.load.latency),
              meiliFacetsOnToOff: ratios(runs.meili.load.latency, runs.meiliNoFacets.load.latency),
            },
          ]),
        ),
        importDuringToIdle: ratios(duringImport, idle.latency),
        importToRawTime: ratio(imported.seconds, raw.seconds),
      },
      eventLoop: { app: eventLoop, rebuild },
      unloadedByKind: unloadedByMix,
      capacity: { p95LimitMs: CAPACITY_P95_MS, maxRequestsPerSecond: best?.requestsPerSecond ?? 0, atConnections: best?.connections ?? 0, steps },
      importUnderLoad: {
        load: `${steady.overallRate} req/s over ${steady.connections} connections`,
        idle: { ...idle.latency, cpu: idleCpu },
        duringImport: { ...duringImport, cpu: duringCpu },
        duringIndexing,
        import: {
          ideas: options.importIdeas,
          seconds: secondImport.seconds,
          validateAndWriteSeconds: secondImport.validateAndWriteSeconds,
          indexSeconds: secondImport.indexSeconds,
          meili: secondImportWork,
        },
      },
      publishToSearchable: publish,
      ingestion: {
        import: {
          seconds: imported.seconds,
          validateAndWriteSeconds: imported.validateAndWriteSeconds,
          indexSeconds: imported.indexSeconds,
          ideasPerSecond: Math.round(options.ideas / imported.seconds),
          cliPeakMB: mb(cliPeakMiB),
          meili: importWork,
          cpu: importCpu,
        },
        raw: { ...raw, cpu: rawCpu },
      },
      memory: {
        app: { rssMB: mb(appMemory?.rssMiB), peakMB: appPeakMB, bootPeakMB: mb(bootPeakMiB), servingPeakMB: mb(servingMemory.peakOf(app.pid)) },
        meilisearch: { rssMB: mb(meiliMemory?.rssMiB), peakMB: meiliPeakMB },
        timeline,
      },
      targets,
    };
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(renderMarkdown(results));
    log(`results written to ${options.out}`);
    if (options.history) {
      const written = recordHistory(results, options.readme);
      log(
        `history: ${written.file}${written.readme ? `, and the README's latest results and history row (${options.readme})` : ` (no bench markers in ${options.readme})`}`,
      );
    }
  } finally {
    watch.cli?.kill();
    if (app) {
      await app.stop();
      log("app stopped");
    }
    closeDb?.();
    const pid = meiliPid(dataDir);
    await meiliConnection?.release();
    if (pid && isAlive(pid)) {
      process.kill(pid, "SIGKILL");
      log(`Meilisearch ${pid} did not stop on release; killed`);
    }
    if (options.keep) log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(hardLimit);
  }
}

await main();
