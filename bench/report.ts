// The results file's shape and its Markdown tables.
import type { EventLoopStats } from "../scripts/lib/event-loop-monitor";
import { percentileLabel, percentiles, type Percentile, type Summary } from "./stats";

export type Target = { name: string; value: number; limit: number; unit: string; atLeast?: boolean; met?: boolean };

type MeiliWork = { tasks: number; documentsSent: number; batches: number };
type Cpu = { benchPercent: number; otherPercent: number; loadAverage1m: number };
type Run = Summary & { requestsPerSecond: number; non2xx: number; errors: number; cpu: Cpu };
type Ratios = Record<Percentile, number>;
/** meili, meiliNoFacets, page, pageNoFacets, api */
type MixRuns = Record<string, Run>;

export type BenchResults = {
  meta: {
    startedAt: string;
    finishedAt: string;
    label: string;
    commit: string;
    dirty: boolean;
    node: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    meilisearch: string;
    meiliEnv: Record<string, string | undefined>;
    ideas: number;
    importIdeas: number;
    corpusMB: number;
    connections: number;
    durationSeconds: number;
    rounds: number;
    maxLoad: number;
    appEnv: Record<string, string>;
    appNodeArgs?: string;
    appBootBusySeconds: number;
    embeddings: boolean;
    mixes: { name: string; source: string; queries: { kind: string; query: string }[] }[];
    emptyQueries: string[];
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  /** By mix, then by what was measured. */
  search: Record<string, MixRuns>;
  ratios: {
    byMix: Record<string, { pageToMeili: Ratios; apiToMeili: Ratios; pageFacetsOnToOff: Ratios; meiliFacetsOnToOff: Ratios }>;
    importDuringToIdle: Ratios;
    importToRawTime: number;
  };
  eventLoop: { app: Record<string, EventLoopStats>; rebuild: { documents: number; seconds: number; eventLoop: EventLoopStats } };
  unloadedByKind: Record<string, Record<string, Record<string, Summary>>>;
  capacity: {
    p95LimitMs: number;
    maxRequestsPerSecond: number;
    atConnections: number;
    steps: { connections: number; requestsPerSecond: number; p95: number; p99: number; non2xx: number; errors: number }[];
  };
  importUnderLoad: {
    load: string;
    idle: Summary & { cpu: Cpu };
    duringImport: Summary & { cpu: Cpu };
    duringIndexing: Summary;
    import: { ideas: number; seconds: number; validateAndWriteSeconds: number; indexSeconds: number; meili: MeiliWork };
  };
  publishToSearchable: Summary;
  ingestion: {
    import: {
      seconds: number;
      validateAndWriteSeconds: number;
      indexSeconds: number;
      ideasPerSecond: number;
      cliPeakMB: number | null;
      meili: MeiliWork;
      cpu: Cpu;
    };
    raw: { documents: number; seconds: number; documentsPerSecond: number; batches: number; cpu: Cpu };
  };
  memory: {
    app: { rssMB: number | null; peakMB: number | null; bootPeakMB: number | null; servingPeakMB: number | null };
    meilisearch: { rssMB: number | null; peakMB: number | null };
    timeline: { phase: string; appMB: number | null; meiliMB: number | null }[];
  };
  targets: Target[];
};

export const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)}` : "–");
export const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

const measureNames: Record<string, string> = {
  meili: "raw Meilisearch multi-search (**baseline**)",
  meiliNoFacets: "raw Meilisearch, facets off",
  page: "search page `GET /ideas`",
  pageNoFacets: "search page, facets off",
  api: "JSON API `GET /api/ideas`",
};

/** One latency row: each percentile's ms, then the ratio to its baseline at each percentile. */
function latencyRow(name: string, summary: Summary, baseline: string, ratios?: Ratios): string {
  return row([name, ...percentiles.map((p) => ms(summary[p])), baseline, ...percentiles.map((p) => (ratios ? x(ratios[p]) : "–"))]);
}

export function renderMarkdown(results: BenchResults): string {
  const { meta, search, ratios, capacity, importUnderLoad: load, ingestion, memory, eventLoop } = results;
  const header = ["Measure", ...percentiles.map((p) => `${percentileLabel(p)} ms`), "Baseline", ...percentiles.map((p) => `ratio ${percentileLabel(p)}`)];
  const latencyTable = [row(header), row(header.map((_, i) => (i === 0 || i === 5 ? "---" : "---:")))];
  for (const mix of meta.mixes) {
    const runs = search[mix.name];
    const r = ratios.byMix[mix.name];
    latencyTable.push(
      row([`**${mix.name} mix** (${mix.queries.length} queries, ${meta.connections} connections)`, "", "", "", "", "", "", "", "", ""]),
      latencyRow(measureNames.meili, runs.meili, "–"),
      latencyRow(measureNames.page, runs.page, "raw", r.pageToMeili),
      latencyRow(measureNames.api, runs.api, "raw", r.apiToMeili),
      latencyRow(measureNames.pageNoFacets, runs.pageNoFacets, "–"),
      latencyRow("search page, facets on", runs.page, "page, facets off", r.pageFacetsOnToOff),
      latencyRow(measureNames.meiliNoFacets, runs.meiliNoFacets, "–"),
      latencyRow("raw Meilisearch, facets on", runs.meili, "raw, facets off", r.meiliFacetsOnToOff),
    );
  }
  latencyTable.push(
    latencyRow(`Search page idle (${load.load}, built-in mix)`, load.idle, "–"),
    latencyRow(`Search page during a ${load.import.ideas.toLocaleString("en-GB")}-idea import`, load.duringImport, "idle", ratios.importDuringToIdle),
    latencyRow("Publish → searchable (outbox relay)", results.publishToSearchable, "–"),
  );
  const stallText = (stats: EventLoopStats) => (stats.stalls.length ? stats.stalls.map((stall) => `${stall.ms}`).join(", ") + " ms" : "none");
  const lines = [
    `### Benchmark: ${meta.ideas.toLocaleString("en-GB")} ideas, ${meta.startedAt.slice(0, 10)} (${meta.commit}${meta.dirty ? "+changes" : ""})`,
    "",
    `Node ${meta.node}, ${meta.cpus} cores (${meta.cpuModel}), Meilisearch ${meta.meilisearch}; load average ${meta.loadAverageAtStart[0]} at start ` +
      `(waited for < ${meta.maxLoad}), ${meta.loadAverageAtEnd[0]} at end; embeddings ${meta.embeddings ? "on" : "off"}; ` +
      `latency runs ${meta.durationSeconds} s each in ${meta.rounds} interleaved rounds.` +
      (meta.appNodeArgs ? ` App started with \`${meta.appNodeArgs}\`.` : "") +
      (meta.label ? ` ${meta.label}` : ""),
    "",
    ...latencyTable,
    "",
    row(["Measure", "Value", "Baseline", "Ratio"]),
    row(["---", "---:", "---:", "---:"]),
    row([
      `Search page capacity at p95 ≤ ${capacity.p95LimitMs} ms`,
      `${capacity.maxRequestsPerSecond} req/s (${capacity.atConnections} connections)`,
      `raw Meilisearch ${search["built-in"].meili.requestsPerSecond} req/s at ${meta.connections} connections`,
      "–",
    ]),
    row([
      `Import of ${meta.ideas.toLocaleString("en-GB")} ideas (\`exchange import\`)`,
      `${ingestion.import.seconds} s (${ingestion.import.ideasPerSecond}/s; validate+write ${ingestion.import.validateAndWriteSeconds} s, indexing ${ingestion.import.indexSeconds} s)`,
      `raw addDocuments ${ingestion.raw.seconds} s (${ingestion.raw.documentsPerSecond}/s)`,
      x(ratios.importToRawTime),
    ]),
    row([
      "App resident memory",
      `${memory.app.rssMB} MB at the end; peak ${memory.app.peakMB} MB (${memory.app.bootPeakMB} MB by the end of the boot reconcile pass, ${memory.app.servingPeakMB} MB while serving the measurements)`,
      "–",
      "–",
    ]),
    row(["Meilisearch resident memory", `${memory.meilisearch.rssMB} MB (peak ${memory.meilisearch.peakMB} MB)`, "–", "–"]),
    "",
    "Event-loop delay of the app by phase (perf_hooks `monitorEventLoopDelay`), and of a rebuild:",
    "",
    row(["Phase", "max ms", "p99 ms", "mean ms", "stalls over 100 ms"]),
    row(["---", "---:", "---:", "---:", "---"]),
    ...Object.entries(eventLoop.app).map(([phase, stats]) => row([phase, ms(stats.maxMs), ms(stats.p99Ms), ms(stats.meanMs), stallText(stats)])),
    row([
      `rebuild: \`reindex ideas\` of ${eventLoop.rebuild.documents.toLocaleString("en-GB")} documents, ${eventLoop.rebuild.seconds} s (in the bench's process)`,
      ms(eventLoop.rebuild.eventLoop.maxMs),
      ms(eventLoop.rebuild.eventLoop.p99Ms),
      ms(eventLoop.rebuild.eventLoop.meanMs),
      stallText(eventLoop.rebuild.eventLoop),
    ]),
    "",
    `Meilisearch received ${ingestion.import.meili.documentsSent.toLocaleString("en-GB")} documents in ${ingestion.import.meili.tasks} tasks (${ingestion.import.meili.batches} batches) for the ${meta.ideas.toLocaleString("en-GB")}-idea import, ` +
      `and ${load.import.meili.documentsSent.toLocaleString("en-GB")} in ${load.import.meili.tasks} tasks for the ${load.import.ideas.toLocaleString("en-GB")}-idea import under load ` +
      `(${load.import.seconds} s: validate+write ${load.import.validateAndWriteSeconds} s, indexing ${load.import.indexSeconds} s).`,
    `App resident memory by phase: ${memory.timeline.map((point) => `${point.phase} ${point.appMB} MB`).join("; ")}.`,
    "",
    ...Object.entries(results.unloadedByKind).flatMap(([mix, byKind]) => {
      const names = Object.keys(Object.values(byKind)[0] ?? {});
      return [
        `Unloaded latency (one connection), p50 / p97.5 ms, by kind of query, ${mix} mix:`,
        "",
        row(["Kind", ...names]),
        row(["---", ...names.map(() => "---:")]),
        ...Object.entries(byKind).map(([kind, byTarget]) =>
          row([kind, ...Object.values(byTarget).map((summary) => `${ms(summary.p50)} / ${ms(summary.p97_5)}`)]),
        ),
        "",
      ];
    }),
    row(["Target", "Measured", "Limit", "Met"]),
    row(["---", "---:", "---:", ":---:"]),
    ...results.targets.map((target) =>
      row([
        target.name,
        `${ms(target.value)} ${target.unit}`,
        `${target.atLeast ? "≥" : "≤"} ${ms(target.limit)} ${target.unit}`,
        target.met ? "yes" : "**no**",
      ]),
    ),
  ];
  return lines.join("\n");
}
