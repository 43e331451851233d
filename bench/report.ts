// The results file's shape and its Markdown table.
import type { Summary } from "./stats";

export type Target = { name: string; value: number; limit: number; unit: string; atLeast?: boolean; met?: boolean };

type MeiliWork = { tasks: number; documentsSent: number; batches: number };
type Cpu = { benchPercent: number; otherPercent: number; loadAverage1m: number };
type Run = Summary & { requestsPerSecond: number; non2xx: number; errors: number; cpu: Cpu };

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
    appEnv: Record<string, string>;
    appNodeArgs?: string;
    appBootBusySeconds: number;
    /** "built-in", or the --queries file the mix came from. */
    queryMixSource?: string;
    queryMix: { kind: string; query: string }[];
    emptyQueries: string[];
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  search: Record<string, Run>;
  ratios: Record<string, number>;
  unloadedByKind: Record<string, Record<string, Summary>>;
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

const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)}` : "–");
const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");

export function renderMarkdown(results: BenchResults): string {
  const { meta, search, ratios, capacity, importUnderLoad: load, ingestion, memory } = results;
  const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  const latency = (name: string, summary: Summary, baseline: string, value: string) =>
    row([name, ms(summary.p50), ms(summary.p95), ms(summary.p99), baseline, value]);
  const lines = [
    `### Benchmark: ${meta.ideas.toLocaleString("en-GB")} ideas, ${meta.startedAt.slice(0, 10)} (${meta.commit}${meta.dirty ? "+changes" : ""})`,
    "",
    `Node ${meta.node}, ${meta.cpus} cores (${meta.cpuModel}), Meilisearch ${meta.meilisearch}; load average ${meta.loadAverageAtStart[0]} at start, ${meta.loadAverageAtEnd[0]} at end.` +
      (meta.appNodeArgs ? ` App started with \`${meta.appNodeArgs}\`.` : "") +
      (meta.label ? ` ${meta.label}` : ""),
    "",
    row(["Measure", "p50 ms", "p95 ms", "p99 ms", "Baseline", "Ratio (p95)"]),
    row(["---", "---:", "---:", "---:", "---", "---:"]),
    latency(`Raw Meilisearch multi-search, ${meta.connections} connections (**baseline**)`, search.meili, "–", "1.00×"),
    latency(`Search page \`GET /ideas\`, ${meta.connections} connections`, search.page, "raw Meilisearch", x(ratios.pageToMeiliP95)),
    latency(`JSON API \`GET /api/ideas\`, ${meta.connections} connections`, search.api, "raw Meilisearch", x(ratios.apiToMeiliP95)),
    latency("Raw Meilisearch, facets off", search.meiliNoFacets, "–", "1.00×"),
    latency("Raw Meilisearch, facets on", search.meili, "facets off", x(ratios.facetsOnToOffP95)),
    latency(`Search page idle (${load.load})`, load.idle, "–", "1.00×"),
    latency(`Search page during a ${load.import.ideas.toLocaleString("en-GB")}-idea import`, load.duringImport, "idle", x(ratios.importDuringToIdleP95)),
    latency("Publish → searchable (outbox relay)", results.publishToSearchable, "–", "–"),
    "",
    row(["Measure", "Value", "Baseline", "Ratio"]),
    row(["---", "---:", "---:", "---:"]),
    row([
      `Search page capacity at p95 ≤ ${capacity.p95LimitMs} ms`,
      `${capacity.maxRequestsPerSecond} req/s (${capacity.atConnections} connections)`,
      `raw Meilisearch ${search.meili.requestsPerSecond} req/s at ${meta.connections} connections`,
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
    `Meilisearch received ${ingestion.import.meili.documentsSent.toLocaleString("en-GB")} documents in ${ingestion.import.meili.tasks} tasks (${ingestion.import.meili.batches} batches) for the ${meta.ideas.toLocaleString("en-GB")}-idea import, ` +
      `and ${load.import.meili.documentsSent.toLocaleString("en-GB")} in ${load.import.meili.tasks} tasks for the ${load.import.ideas.toLocaleString("en-GB")}-idea import under load ` +
      `(${load.import.seconds} s: validate+write ${load.import.validateAndWriteSeconds} s, indexing ${load.import.indexSeconds} s).`,
    `App resident memory by phase: ${memory.timeline.map((point) => `${point.phase} ${point.appMB} MB`).join("; ")}.`,
    "",
    "Unloaded latency (one connection), p50 / p95 ms, by kind of query:",
    "",
    row(["Kind", ...Object.keys(Object.values(results.unloadedByKind)[0] ?? {})]),
    row(["---", ...Object.keys(Object.values(results.unloadedByKind)[0] ?? {}).map(() => "---:")]),
    ...Object.entries(results.unloadedByKind).map(([kind, byTarget]) =>
      row([kind, ...Object.values(byTarget).map((summary) => `${ms(summary.p50)} / ${ms(summary.p95)}`)]),
    ),
    "",
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
