// A run's place in the record: bench/history/<date>-<label>.json, and in the README the
// latest results (between `<!-- bench:latest:start -->` and `<!-- bench:latest:end -->`)
// and one history row (added before `<!-- bench:history:end -->`, under the table's header).
import fs from "node:fs";
import path from "node:path";
import { ms, renderMarkdown, x, type BenchResults } from "./report";

const LATEST = ["<!-- bench:latest:start -->", "<!-- bench:latest:end -->"] as const;
const HISTORY_END = "<!-- bench:history:end -->";

export const historyHeader = [
  "| run | ideas | page / raw p97.5, built-in mix | page / raw p97.5, other mixes | API / raw p97.5 | facets on / off p97.5, page (raw) | during import / idle p95 | capacity | import / raw | app event loop max | rebuild event loop max | app peak RSS |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
].join("\n");

export function historyRow(results: BenchResults, file: string): string {
  const { meta, search, ratios } = results;
  const builtIn = "built-in";
  const pageRatio = (mix: string) =>
    `${ms(search[mix].page.p97_5)} / ${ms(search[mix].meili.p97_5)} ms (${x(ratios.byMix[mix].pageToMeili.p97_5)}, limit ${ms(1.5 * search[mix].meili.p97_5 + 10)})`;
  const others = meta.mixes.filter((mix) => mix.name !== builtIn);
  const appMax = Math.max(...Object.values(results.eventLoop.app).map((stats) => stats.maxMs));
  const cells = [
    `${meta.startedAt.slice(0, 10)} ${meta.label || ""} (${meta.commit}${meta.dirty ? "+changes" : ""}, [json](${file}))`.replace(/\s+\(/, " ("),
    meta.ideas.toLocaleString("en-GB"),
    pageRatio(builtIn),
    others.length ? others.map((mix) => `${mix.name}: ${pageRatio(mix.name)}`).join("; ") : "–",
    x(ratios.byMix[builtIn].apiToMeili.p97_5),
    `${x(ratios.byMix[builtIn].pageFacetsOnToOff.p97_5)} (${x(ratios.byMix[builtIn].meiliFacetsOnToOff.p97_5)})`,
    x(ratios.importDuringToIdle.p95),
    `${results.capacity.maxRequestsPerSecond} req/s`,
    x(ratios.importToRawTime),
    `${ms(appMax)} ms`,
    `${ms(results.eventLoop.rebuild.eventLoop.maxMs)} ms`,
    `${results.memory.app.peakMB} MB`,
  ];
  return `| ${cells.join(" | ")} |`;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "run";

/** Writes the history file and, when the README has the markers, its latest block and history row. */
export function recordHistory(results: BenchResults, readmePath: string): { file: string; readme: boolean } {
  const file = path.join("bench", "history", `${results.meta.startedAt.slice(0, 10)}-${slug(results.meta.label)}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  if (!fs.existsSync(readmePath)) return { file, readme: false };
  let readme = fs.readFileSync(readmePath, "utf8");
  const [start, end] = LATEST;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  const historyAt = readme.indexOf(HISTORY_END);
  if (from < 0 || to < from || historyAt < 0) return { file, readme: false };
  readme = `${readme.slice(0, from + start.length)}\n\n${renderMarkdown(results)}\n\nThe whole run: [\`${file}\`](${file}).\n\n${readme.slice(to)}`;
  const at = readme.indexOf(HISTORY_END);
  readme = `${readme.slice(0, at)}${historyRow(results, file)}\n${readme.slice(at)}`;
  fs.writeFileSync(readmePath, readme);
  return { file, readme: true };
}
