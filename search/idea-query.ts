// Builds Meilisearch multi-search requests for the public idea search. Facets are
// disjunctive: the counts of a facet group ignore that group's own selection, so every
// option shows how many results choosing it would add.
import type { FacetDistribution, MultiSearchQuery } from "meilisearch";
import { ideaFacets, type IdeaFacet, type IdeaFilters } from "../app/domain/idea-facets";
import { allOf, anyOf, PUBLISHED_IDEAS, type MeiliFilter } from "./filters";

export const HIGHLIGHT_PRE = "\u0002";
export const HIGHLIGHT_POST = "\u0003";

export type IdeaQueryInput = { q: string; filters: IdeaFilters; page: number; hitsPerPage: number; facets: boolean; sort?: string[] };

export function buildIdeaFilter(filters: IdeaFilters, except?: IdeaFacet): MeiliFilter {
  return allOf(
    PUBLISHED_IDEAS,
    ...ideaFacets.filter((facet) => facet !== except).map((facet) => anyOf(facet, facet === "evidenceLevel" ? filters[facet].map(Number) : filters[facet])),
  );
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
    .map((facet): MultiSearchQuery => ({
      indexUid: "ideas",
      q: input.q,
      filter: buildIdeaFilter(input.filters, facet),
      limit: 0,
      facets: [facet],
    }));
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
