// Query parameters of the public idea and need searches (the page URL and the JSON API
// share them, so a URL always carries the whole state of a search).
import { z } from "zod";
import { ideaFacetParams, ideaFacetRegistry, type IdeaFacetParam } from "./idea-facets";
import { diffusionModels, fundingRoutes, sectors } from "./vocabulary";

export const IDEAS_PER_PAGE = 20;
export const NEEDS_PER_PAGE = 20;
export const MAX_PAGE = 50; // maxTotalHits 1000 / 20 per page

const list = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z.array(z.enum(values, { error: (issue) => `${name} must be one of ${values.join(", ")} (got "${String(issue.input)}")` })).default([]);

const page = z.coerce
  .number({ error: "page must be a whole number" })
  .int("page must be a whole number")
  .min(1, "page must be 1 or more")
  .max(MAX_PAGE, `page must be ${MAX_PAGE} or less`)
  .default(1);

const q = z.string().trim().max(200, "q must be at most 200 characters").default("");

/** How `/ideas` and `GET /api/ideas` order results: best match, newest change, strongest evidence. */
export const ideaSorts = ["relevance", "newest", "evidence"] as const;
export type IdeaSort = (typeof ideaSorts)[number];
export const ideaSortLabels: Record<IdeaSort, string> = { relevance: "Best match", newest: "Newest", evidence: "Strongest evidence" };

/** One list parameter per facet of the registry, each accepting only that facet's options. */
function ideaFacetLists() {
  type FacetList = ReturnType<typeof list<[string, ...string[]]>>;
  return Object.fromEntries(
    ideaFacetRegistry.map((entry) => [entry.param, list(entry.options.map((option) => option.value) as [string, ...string[]], entry.param)]),
  ) as Record<IdeaFacetParam, FacetList>;
}

export const ideaSearchSchema = z.strictObject({
  q,
  sort: z.enum(ideaSorts, { error: (issue) => `sort must be one of ${ideaSorts.join(", ")} (got "${String(issue.input)}")` }).default("relevance"),
  ...ideaFacetLists(),
  page,
});
export type IdeaSearchParams = z.infer<typeof ideaSearchSchema>;

export const needSearchSchema = z.strictObject({
  q,
  sector: list(sectors, "sector"),
  diffusionModel: list(diffusionModels, "diffusionModel"),
  fundingRoute: list(fundingRoutes, "fundingRoute"),
  page,
});
export type NeedSearchParams = z.infer<typeof needSearchSchema>;

const multiKeys = new Set<string>([...ideaFacetParams, "sector", "diffusionModel", "fundingRoute"]);

/** Turns URLSearchParams into the object the schemas read: repeated keys become lists. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((value) => value !== "");
    if (multiKeys.has(key)) result[key] = values;
    else if (values.length > 1)
      result[key] = values; // rejected by the schema with a clear message
    else if (values.length === 1) result[key] = values[0];
  }
  return result;
}

export type ParsedSearch<T> = { ok: true; params: T } | { ok: false; errors: string[]; plain: string[] };

const legends: Record<string, string> = {
  ...Object.fromEntries(ideaFacetRegistry.map((entry) => [entry.param, entry.legend])),
  fundingRoute: "Funding route",
};

/** A problem with a search address, in words for the page (the API keeps the parameter names). */
function plainSearchError(issue: z.core.$ZodIssue, input: Record<string, string | string[]>): string {
  const key = typeof issue.path[0] === "string" ? issue.path[0] : "";
  const given = (() => {
    const raw = input[key];
    const index = issue.path[1];
    return Array.isArray(raw) ? (typeof index === "number" ? raw[index] : raw.join(", ")) : raw;
  })();
  if (issue.code === "unrecognized_keys") return "The address has parts this search does not use. Start a new search, or choose from the filters.";
  if (key === "q") return "Search words must be 200 characters or fewer.";
  if (key === "page") return `There is no page “${given}” of these results. Go back to the first page.`;
  if (key === "sort") return `“${given}” is not a way to sort these results. Choose best match, newest or strongest evidence.`;
  if (key in legends) return `${legends[key]}: “${given}” is not one of the options. Choose from the filters.`;
  return "This search address is not one we can read. Start a new search.";
}

export function parseSearch<T>(schema: z.ZodType<T>, params: URLSearchParams): ParsedSearch<T> {
  const input = searchParamsToObject(params);
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, params: result.data };
  // A repeated single-valued parameter (q, page) arrives as a list.
  const repeated = (key: PropertyKey | undefined) => typeof key === "string" && !multiKeys.has(key) && Array.isArray(input[key]);
  return {
    ok: false,
    errors: result.error.issues.map((issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown parameter${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
        : repeated(issue.path[0])
          ? `${String(issue.path[0])} must be given once`
          : issue.message,
    ),
    plain: [...new Set(result.error.issues.map((issue) => plainSearchError(issue, input)))],
  };
}
