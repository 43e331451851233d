// Follows and saved searches: what a saved search is (the /ideas query, in one canonical
// form), how it is described, and what counts as news for a follower. Pure.
import { z } from "zod";
import { ideaSearchSchema, searchParamsToObject, type IdeaSearchParams } from "./search-params";
import { ideaFacetParams, ideaFacetRegistry, optionLabel, type IdeaFacetParam } from "./idea-facets";

export const followItemTypes = ["idea", "need"] as const;
export type FollowItemType = (typeof followItemTypes)[number];

/** The filters of an /ideas search that a saved search keeps (never the page). */
/** What a saved search matches on: the page and the order do not change which ideas match. */
export type SavedSearchFilters = Omit<IdeaSearchParams, "page" | "sort">;

/**
 * The /ideas query string in one form (keys in a fixed order, values sorted, no page), so the
 * same search saved twice is recognised. Null when the query is not a valid idea search.
 */
export function canonicalSearch(search: URLSearchParams | string): { query: string; filters: SavedSearchFilters } | null {
  const params = new URLSearchParams(search);
  params.delete("page");
  params.delete("sort");
  const parsed = ideaSearchSchema.safeParse(searchParamsToObject(params));
  if (!parsed.success) return null;
  const data = parsed.data;
  const sorted = <T extends string>(values: T[]): T[] => [...new Set(values)].sort();
  const filters: SavedSearchFilters = {
    q: data.q,
    ...(Object.fromEntries(ideaFacetParams.map((param) => [param, sorted(data[param])])) as Record<IdeaFacetParam, string[]>),
  };
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  for (const key of ideaFacetParams) for (const value of filters[key]) query.append(key, value);
  return { query: query.toString(), filters };
}

/** A saved search in words: “loneliness” in Ageing, Health; Franchise. */
export function describeSearch(filters: SavedSearchFilters): string {
  const parts: string[] = [];
  if (filters.q) parts.push(`“${filters.q}”`);
  const groups = ideaFacetRegistry
    .map((entry) => (filters[entry.param] ?? []).map((value) => entry.describe({ value, label: optionLabel(entry, value) })))
    .filter((group) => group.length);
  const facets = groups.map((group) => group.join(" or ")).join("; ");
  if (!parts.length && !facets) return "All new ideas";
  return [...parts, facets].filter(Boolean).join(" in ");
}

/** A case study as a follower sees it: where, when, and how far it got. A change of status is news too. */
export function caseStudyKey(study: { placeSlug: string; year: number | null; status: string }): string {
  return `${study.placeSlug}|${study.year ?? ""}|${study.status}`;
}

/** The keys in `current` that the follower has not been told about. */
export function unseenKeys(seen: readonly string[], current: readonly string[]): string[] {
  const known = new Set(seen);
  return [...new Set(current)].filter((key) => !known.has(key));
}

export function parseSeenKeys(seen: string): string[] {
  try {
    const value: unknown = JSON.parse(seen);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

/** The alerts page's forms. */
export const alertActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("follow"), itemType: z.enum(followItemTypes), slug: z.string().min(1).max(120), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("unfollow"), itemType: z.enum(followItemTypes), slug: z.string().min(1).max(120), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("save-search"), query: z.string().max(2000).default(""), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("delete-search"), searchId: z.coerce.number().int().positive() }),
]);
export type AlertAction = z.infer<typeof alertActionSchema>;
