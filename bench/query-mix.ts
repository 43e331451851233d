// The fixed query mix: what people type into the idea search, with and without filters.
// Each entry is one search-page URL; the raw Meilisearch baseline sends exactly the
// multi-search the app builds for that URL (same filters, facets and highlighting).
import { ideaSearchSchema, IDEAS_PER_PAGE, parseSearch } from "../app/domain/search-params";
import { filtersFromParams } from "../app/domain/idea-facets";
import { buildIdeaSearchQueries } from "../search/idea-query";

export type MixEntry = { kind: "plain" | "filtered" | "browse"; params: [string, string][] };

const q = (text: string, ...filters: [string, string][]): [string, string][] => [["q", text], ...filters];

export const queryMix: MixEntry[] = [
  { kind: "plain", params: q("loneliness older people") },
  { kind: "plain", params: q("reoffending") },
  { kind: "plain", params: q("home visiting") },
  { kind: "plain", params: q("mental health crisis support") },
  { kind: "plain", params: q("housing tenants") },
  { kind: "plain", params: q("digital") },
  { kind: "plain", params: q("apprenticeships young people") },
  { kind: "plain", params: q("social prescribing") },
  { kind: "plain", params: q("lonliness") }, // a typo people make
  { kind: "plain", params: q("community energy retrofit") },
  { kind: "plain", params: q("police") },
  { kind: "plain", params: q("school attainment literacy") },
  { kind: "filtered", params: q("loneliness", ["sector", "ageing"]) },
  { kind: "filtered", params: q("reoffending", ["sector", "criminal-justice"], ["diffusionModel", "franchise"]) },
  { kind: "filtered", params: q("volunteers", ["diffusionModel", "uncontrolled"], ["diffusionModel", "growth"]) },
  { kind: "filtered", params: q("families", ["sector", "children-families"], ["evidenceLevel", "3"], ["evidenceLevel", "4"]) },
  { kind: "filtered", params: q("carbon", ["sector", "environment-climate"], ["lifecyclePhase", "mainstream"]) },
  { kind: "filtered", params: q("nurses", ["typology", "service"], ["sector", "health"]) },
  { kind: "browse", params: [] },
  { kind: "browse", params: [["sector", "health"]] },
  {
    kind: "browse",
    params: [
      ["sector", "housing"],
      ["diffusionModel", "takeover"],
    ],
  },
  {
    kind: "browse",
    params: [
      ["evidenceLevel", "5"],
      ["page", "2"],
    ],
  },
  { kind: "filtered", params: q("community", ["page", "3"]) },
  { kind: "plain", params: q("health", ["page", "5"]) },
];

export function mixQueryString(entry: MixEntry): string {
  return new URLSearchParams(entry.params).toString();
}

/** The multi-search body the app sends to Meilisearch for this entry. */
export function mixMultiSearchBody(entry: MixEntry, facets: boolean): string {
  const parsed = parseSearch(ideaSearchSchema, new URLSearchParams(entry.params));
  if (!parsed.ok) throw new Error(`Invalid query mix entry ${mixQueryString(entry)}: ${parsed.errors.join("; ")}`);
  const params = parsed.params;
  const queries = buildIdeaSearchQueries({ q: params.q, filters: filtersFromParams(params), page: params.page, hitsPerPage: IDEAS_PER_PAGE, facets });
  return JSON.stringify({ queries });
}

/**
 * A query mix from a file (`npm run bench -- --queries FILE`), so anyone can measure with
 * their own: one search per line, as the query string of an /ideas URL
 * (`q=loneliness&sector=ageing`, a leading `?` or `/ideas?` is fine); blank lines and lines
 * starting with # are skipped. A line without `q` is a browse; with `q` and a filter, filtered.
 */
export function parseQueryMixFile(text: string): MixEntry[] {
  const entries: MixEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const search = new URLSearchParams(line.replace(/^\/?(ideas)?\?/, ""));
    const parsed = parseSearch(ideaSearchSchema, search);
    if (!parsed.ok) throw new Error(`Line ${index + 1} of the query file is not an idea search (${line}): ${parsed.errors.join("; ")}`);
    const filtered = [...search.keys()].some((key) => key !== "q" && key !== "page" && key !== "sort");
    entries.push({ kind: !parsed.params.q ? "browse" : filtered ? "filtered" : "plain", params: [...search.entries()] });
  });
  if (!entries.length) throw new Error("The query file has no searches in it");
  return entries;
}

/** A named mix: the built-in one, or one read from a --queries file. */
export type QueryMix = { name: string; source: string; entries: MixEntry[] };
