// Builds Meilisearch multi-search requests for the public idea search. Facets are
// disjunctive: the counts of a facet group ignore that group's own selection, so every
// option shows how many results choosing it would add.
import type { FacetDistribution, MultiSearchQuery } from "meilisearch";

export const HIGHLIGHT_PRE = "\u0002";
export const HIGHLIGHT_POST = "\u0003";

// takeoverTransfers: what an adopter takes over (staff, assets, data, intellectual property).
export const ideaFacets = ["sectors", "diffusionModels", "lifecyclePhase", "typology", "evidenceLevel", "takeoverTransfers"] as const;
export type IdeaFacet = (typeof ideaFacets)[number];
export type IdeaFilters = Record<IdeaFacet, string[]>;

export type IdeaQueryInput = { q: string; filters: IdeaFilters; page: number; hitsPerPage: number; facets: boolean; sort?: string[] };

const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function buildIdeaFilter(filters: IdeaFilters, except?: IdeaFacet): (string | string[])[] {
  const clauses: (string | string[])[] = ['status = "published"'];
  for (const facet of ideaFacets) {
    if (facet === except || !filters[facet].length) continue;
    clauses.push(filters[facet].map((value) => `${facet} = ${facet === "evidenceLevel" ? Number(value) : quote(value)}`));
  }
  return clauses;
}

export function buildIdeaSearchQueries(input: IdeaQueryInput): MultiSearchQuery[] {
  const main: MultiSearchQuery = {
    indexUid: "ideas",
    q: input.q,
    filter: buildIdeaFilter(input.filters),
    sort: input.sort?.length ? input.sort : undefined,
    page: input.page,
    hitsPerPage: input.hitsPerPage,
    // Only the id: rows are re-read from SQLite, and the highlighted title and summary come
    // back in _formatted anyway (a third less JSON to send and parse per search).
    attributesToRetrieve: ["id"],
    // The cropped attributes are highlighted too: searchIdeas shows one as a snippet when
    // the match is not in the title or summary.
    attributesToHighlight: ["title", "summary", "solution", "caseStudyLessons"],
    attributesToCrop: ["solution", "caseStudyLessons"],
    cropLength: 24,
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
    // A selected group's counts come from its own query below, so the main query skips it:
    // Meilisearch counts facets document by document when a filter leaves ≤ 3,000
    // candidates, and two selected groups made that the slowest part of a search.
    facets: input.facets ? ideaFacets.filter((facet) => !input.filters[facet].length) : undefined,
  };
  if (!input.facets) return [main];
  const disjunctive = ideaFacets
    .filter((facet) => input.filters[facet].length)
    .map(
      (facet): MultiSearchQuery => ({
        indexUid: "ideas",
        q: input.q,
        filter: buildIdeaFilter(input.filters, facet),
        limit: 0,
        facets: [facet],
      }),
    );
  return [main, ...disjunctive];
}

/** Merges the facet counts of the main query with those of the per-group queries. */
export function mergeFacets(
  filters: IdeaFilters,
  main: FacetDistribution | undefined,
  perGroup: (FacetDistribution | undefined)[],
): Record<IdeaFacet, Record<string, number>> {
  const active = ideaFacets.filter((facet) => filters[facet].length);
  const merged = {} as Record<IdeaFacet, Record<string, number>>;
  for (const facet of ideaFacets) {
    const groupIndex = active.indexOf(facet);
    merged[facet] = (groupIndex >= 0 ? perGroup[groupIndex]?.[facet] : main?.[facet]) ?? {};
  }
  return merged;
}
