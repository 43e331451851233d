// `npm run bench:matching`: the matching engine at scale, in one process like the site's. It
// imports a synthetic catalogue (bench/corpus.ts, default 100,000 ideas) into a fresh DATA_DIR
// with its own Meilisearch, then measures, each beside a baseline taken in the same run:
//   - building the corpus statistics in SQLite, against the import itself, and the longest
//     event-loop stall while the background indexer's batches (CORPUS_BATCH ideas a turn) do it;
//   - ranking the tuning set's 54 needs, text signals only and with the semantic signal,
//     against one plain Meilisearch search of each need's title;
//   - embedding ideas with the shipped model (a sample, extrapolated to the catalogue),
//     against the import;
//   - resident memory of this process and of the model's child process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Command } from "commander";
import cliProgress from "cli-progress";
import { readEnv } from "../app/utils/env.server";
import { openExchange } from "../app/utils/exchange.server";
import { importIdeas, importNeeds } from "../app/models/exchange-import.server";
import { CORPUS_BATCH, rankIdeasForNeed, type NeedForMatching } from "../app/models/matching.server";
import { validateExchangeFile, needFormat } from "../app/domain/exchange-format";
import { CorpusGenerator } from "../bench/corpus";
import { memoryOf } from "../bench/processes";
import { summarize, type Summary } from "../bench/stats";
import { indexAllCorpusChanges, pendingCorpusChanges } from "../search/matching/corpus-index";
import { loadLabelledSet } from "../search/matching/evaluation";
import { embedIdeas } from "../search/embeddings/idea-vectors";
import { drainOutbox } from "../search/outbox-relay";
import { labelledSetFile, readDemoIdeas } from "./lib/matching-eval";
import { getNeedBySlug } from "../app/models/matching.server";

const options = new Command()
  .name("bench:matching")
  .option("--ideas <n>", "synthetic ideas in the catalogue", (value) => Number(value), 100_000)
  .option("--sample <n>", "ideas embedded to measure the model's cost per idea", (value) => Number(value), 400)
  .option("--rounds <n>", "times each need is ranked", (value) => Number(value), 3)
  .option("--out <file>", "results as JSON", "bench/results/matching-latest.json")
  .parse()
  .opts<{ ideas: number; sample: number; rounds: number; out: string }>();

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-bench-matching-"));
const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "0", EMBEDDINGS: "1" };
delete source.MEILI_HOST;
delete source.MEILI_MASTER_KEY;
const context = await openExchange({ env: readEnv(source), relay: false, log: (message) => console.error(message) });
const peakRss = { value: 0 };
const sampler = setInterval(() => (peakRss.value = Math.max(peakRss.value, process.memoryUsage().rss)), 200);

try {
  // 1. The catalogue, imported as `exchange import` does: rows, then Meilisearch.
  const generator = new CorpusGenerator(42);
  const bar = new cliProgress.SingleBar({ format: "Importing [{bar}] {value}/{total}", stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(options.ideas, 0);
  const imported = await timed(() => {
    for (let start = 0; start < options.ideas; start += 2000) {
      const chunk = Array.from({ length: Math.min(2000, options.ideas - start) }, (_, i) => generator.idea(start + i, "bench"));
      importIdeas(context.db, chunk);
      bar.update(start + chunk.length);
    }
  });
  bar.stop();
  const indexed = await timed(() => drainOutbox(context.db, context.meili, { timeoutMs: 60 * 60_000 }));
  const importMs = imported.ms + indexed.ms;
  console.error(`Imported ${options.ideas} ideas: rows ${seconds(imported.ms)} s, Meilisearch ${seconds(indexed.ms)} s`);

  // 2. Corpus statistics, by the background indexer's own batches, with the event loop watched.
  const pending = pendingCorpusChanges(context.db);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const corpus = await timed(() => indexAllCorpusChanges(context.db, { batch: CORPUS_BATCH }));
  loop.disable();
  const afterCorpus = process.memoryUsage();
  console.error(`Corpus statistics for ${pending} ideas in ${seconds(corpus.ms)} s; longest stall ${Math.round(loop.max / 1e6)} ms`);

  // 3. Ranking the tuning set's needs.
  const ideaSlugs = new Set(readDemoIdeas().map((idea) => idea.slug));
  const labelled = loadLabelledSet(labelledSetFile, ideaSlugs);
  const needs = validateExchangeFile(
    needFormat,
    labelled.needs.map((entry) => entry.need),
  );
  if (!needs.ok) throw new Error("The labelled needs are invalid");
  importNeeds(context.db, needs.items);
  await drainOutbox(context.db, context.meili, { timeoutMs: 600_000 });
  const needRows = labelled.needs.map((entry) => getNeedBySlug(context.db, entry.need.slug)!) as NeedForMatching[];

  const baseline: number[] = [];
  const textOnly: number[] = [];
  const semantic: number[] = [];
  // Embed a sample of ideas with the model, stopping after `--sample`.
  const stop = new AbortController();
  const embedded = await timed(() =>
    embedIdeas(context.db, context.embedder!, {
      signal: stop.signal,
      onProgress: (done) => {
        if (done >= options.sample) stop.abort();
      },
    }),
  );
  const embedMsPerIdea = embedded.value.embedded ? embedded.ms / embedded.value.embedded : NaN;
  await drainOutbox(context.db, context.meili, { timeoutMs: 600_000 });
  // Warm-up: the need vectors are embedded once and cached, as on the site.
  for (const need of needRows) await rankIdeasForNeed(context.db, context.meili, need, { limit: 10 });
  for (let round = 0; round < options.rounds; round++) {
    for (const need of needRows) {
      baseline.push((await timed(() => context.meili.index("ideas").search(need.title, { limit: 10, filter: ['status = "published"'] }))).ms);
      textOnly.push((await timed(() => rankIdeasForNeed(context.db, context.meili, need, { limit: 10, embedder: null }))).ms);
      semantic.push((await timed(() => rankIdeasForNeed(context.db, context.meili, need, { limit: 10 }))).ms);
    }
  }
  const childMemory = memoryOf((context.embedder as { pid?: number } | null)?.pid);
  const final = process.memoryUsage();
  const row = (label: string, summary: Summary, base: Summary) =>
    `| ${label} | ${Math.round(summary.p50)} | ${Math.round(summary.p95)} | ${Math.round(summary.p99)} | ${ratio(summary.p95, base.p95)}× | ${ratio(summary.p99, base.p99)}× |`;
  const base = summarize(baseline);
  const text = summarize(textOnly);
  const withModel = summarize(semantic);
  const embedAllMs = embedMsPerIdea * options.ideas;
  const results = {
    date: new Date().toISOString(),
    loadAverageAtEnd: os.loadavg(),
    ideas: options.ideas,
    importMs,
    corpus: { ideas: pending, ms: corpus.ms, maxStallMs: loop.max / 1e6, p99StallMs: loop.percentile(99) / 1e6 },
    ranking: { baseline: base, textOnly: text, semantic: withModel, rounds: options.rounds, needs: needRows.length },
    embedding: { sample: embedded.value.embedded, msPerIdea: embedMsPerIdea, extrapolatedMs: embedAllMs },
    memory: {
      appRssMiB: mib(final.rss),
      appPeakRssMiB: mib(peakRss.value),
      appHeapUsedMiB: mib(final.heapUsed),
      heapUsedAfterCorpusMiB: mib(afterCorpus.heapUsed),
      modelRssMiB: childMemory?.rssMiB ?? null,
    },
  };
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    [
      `Matching at ${options.ideas.toLocaleString("en-GB")} ideas (${needRows.length} needs × ${options.rounds} rounds, one run; load average at the end ${os
        .loadavg()
        .map((value) => value.toFixed(1))
        .join(" ")})`,
      "",
      "| measure | p50 ms | p95 ms | p99 ms | ratio p95 | ratio p99 |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      row("baseline: one Meilisearch search of the need's title", base, base),
      row("rank a need, text signals only", text, base),
      row("rank a need, with the semantic signal", withModel, base),
      "",
      `| measure | value | baseline | ratio |`,
      "| --- | ---: | ---: | ---: |",
      `| corpus statistics for ${pending.toLocaleString("en-GB")} ideas | ${seconds(corpus.ms)} s | import ${seconds(importMs)} s | ${ratio(corpus.ms, importMs)}× |`,
      `| longest event-loop stall while indexing them (p99) | ${Math.round(loop.max / 1e6)} ms (${Math.round(loop.percentile(99) / 1e6)} ms) | | |`,
      `| embedding every idea with the model (from ${embedded.value.embedded}: ${embedMsPerIdea.toFixed(1)} ms an idea) | ${seconds(embedAllMs)} s | import ${seconds(importMs)} s | ${ratio(importMs + embedAllMs, importMs)}× |`,
      `| this process's resident memory, end (peak) | ${results.memory.appRssMiB} MB (${results.memory.appPeakRssMiB} MB) | | |`,
      `| JS heap in use after the corpus statistics / at the end | ${results.memory.heapUsedAfterCorpusMiB} / ${results.memory.appHeapUsedMiB} MB | | |`,
      `| the model's child process | ${results.memory.modelRssMiB ?? "–"} MB | | |`,
    ].join("\n"),
  );
} finally {
  clearInterval(sampler);
  await context.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
