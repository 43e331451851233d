// Public searches: Meilisearch ranks, SQLite (the source of truth) supplies the rows, and
// the visibility filter (published ideas, open needs) is added here on the server.
import type { FacetDistribution, Meilisearch, MultiSearchResponse } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { anyOf, allOf, OPEN_NEEDS, PUBLISHED_IDEAS } from "../../search/filters";
import { distinctWords } from "../../search/text";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, buildIdeaSearchQueries, mergeFacets } from "../../search/idea-query";
import { browseFacets, indexVersion } from "../../search/browse-facets";
import { filtersFromParams, type IdeaFacet, type IdeaFilters } from "../domain/idea-facets";
import { IDEAS_PER_PAGE, NEEDS_PER_PAGE, type IdeaSearchParams, type IdeaSort, type NeedSearchParams } from "../domain/search-params";
import { getPublishedIdeaCardsByIds, type IdeaCard } from "./ideas.server";
import { searchIdeasInSqlite } from "./fallback-search.server";
import { getOpenNeedsByIds, searchOpenNeedsInSqlite } from "./needs.server";

export type IdeaHit = {
  slug: string;
  title: string;
  summary: string;
  sectors: string[];
  diffusionModels: string[];
  typology: string[];
  lifecyclePhase: string | null;
  evidenceLevel: number | null;
  country: string | null;
  organisation: string | null;
  caseStudyCount: number;
  /** Text with matched terms between HIGHLIGHT_PRE and HIGHLIGHT_POST. */
  highlight: { title: string; summary: string; snippet: string | null };
};

export type IdeaSearchResult = {
  /** True when Meilisearch was unreachable and SQLite's full-text index answered instead. */
  degraded: boolean;
  hits: IdeaHit[];
  total: number;
  page: number;
  totalPages: number;
  facets: Record<IdeaFacet, Record<string, number>>;
};

export class SearchUnavailableError extends Error {}

function ideaHit(row: IdeaCard, highlight: IdeaHit["highlight"]): IdeaHit {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    sectors: row.sectors,
    diffusionModels: row.diffusionModels,
    typology: row.typology,
    lifecyclePhase: row.lifecyclePhase,
    evidenceLevel: row.evidenceLevel,
    country: row.originCountry,
    organisation: row.organisation,
    caseStudyCount: row.caseStudyCount,
    highlight,
  };
}

const strip = (text: string) => text.replaceAll(HIGHLIGHT_PRE, "").replaceAll(HIGHLIGHT_POST, "");

/** Meilisearch's sort for each order (its sortable attributes, search/settings.ts); relevance is its own ranking. */
const meiliSort: Record<IdeaSort, string[] | undefined> = {
  relevance: undefined,
  newest: ["updatedAt:desc"],
  evidence: ["evidenceLevel:desc", "adoptionCount:desc"],
};

/** The request header with which a client (the bench) asks the page or the API to leave facet counts out. */
export const FACETS_HEADER = "x-exchange-facets";
export const facetsWanted = (request: Request) => request.headers.get(FACETS_HEADER) !== "off";

const isUnfilteredBrowse = (params: IdeaSearchParams, filters: IdeaFilters) => !params.q && Object.values(filters).every((values) => !values.length);

export async function searchIdeas(db: ExchangeDb, meili: Meilisearch, params: IdeaSearchParams, options: { facets?: boolean } = {}): Promise<IdeaSearchResult> {
  const filters = filtersFromParams(params);
  const facets = options.facets ?? true;
  // The unfiltered browse page takes its facet counts from the cache (search/browse-facets.ts),
  // checked against the index's version read beside the search.
  const cachedFacets = facets && isUnfilteredBrowse(params, filters);
  const version = cachedFacets ? indexVersion(meili, "ideas") : null;
  const queries = buildIdeaSearchQueries({
    q: params.q,
    filters,
    page: params.page,
    hitsPerPage: IDEAS_PER_PAGE,
    facets: facets && !cachedFacets,
    sort: meiliSort[params.sort],
  });
  let response: MultiSearchResponse;
  let browseCounts: FacetDistribution | undefined;
  try {
    response = await meili.multiSearch({ queries });
    if (version) browseCounts = await browseFacets(meili, await version);
  } catch (error) {
    noteFallback(error);
    return degradedIdeaSearch(db, params, filters);
  }
  const [main, ...perGroup] = response.results;
  const formattedById = new Map(main.hits.map((hit) => [hit.id as number, hit._formatted ?? {}]));
  const rows = getPublishedIdeaCardsByIds(
    db,
    main.hits.map((hit) => hit.id as number),
  );
  const hits = rows.map((row): IdeaHit => {
    const formatted = formattedById.get(row.id) as Record<string, unknown>;
    // Use Meilisearch's highlighting only while it still describes the current row.
    const title = typeof formatted.title === "string" && strip(formatted.title) === row.title ? formatted.title : row.title;
    const summary = typeof formatted.summary === "string" && strip(formatted.summary) === row.summary ? formatted.summary : row.summary;
    const candidates = [formatted.solution, ...(Array.isArray(formatted.caseStudyLessons) ? formatted.caseStudyLessons : [])];
    const snippet =
      params.q && !title.includes(HIGHLIGHT_PRE) && !summary.includes(HIGHLIGHT_PRE)
        ? (candidates.find((text): text is string => typeof text === "string" && text.includes(HIGHLIGHT_PRE)) ?? null)
        : null;
    return ideaHit(row, { title, summary, snippet });
  });
  const total = main.totalHits ?? main.estimatedTotalHits ?? hits.length;
  return {
    degraded: false,
    hits,
    total,
    page: params.page,
    totalPages: main.totalPages ?? Math.ceil(total / IDEAS_PER_PAGE),
    facets: mergeFacets(
      filters,
      browseCounts ?? main.facetDistribution,
      perGroup.map((result) => result.facetDistribution),
    ),
  };
}

let lastFallbackNote = 0;

/** Says why search fell back to SQLite, at most once a minute (it was silent before). */
function noteFallback(error: unknown) {
  if (Date.now() - lastFallbackNote < 60_000) return;
  lastFallbackNote = Date.now();
  console.warn(`search: Meilisearch did not answer, SQLite answered instead (${error instanceof Error ? error.message : String(error)})`);
}

function degradedIdeaSearch(db: ExchangeDb, params: IdeaSearchParams, filters: IdeaFilters): IdeaSearchResult {
  const { rows, total, facets } = searchIdeasInSqlite(db, params, filters);
  return {
    degraded: true,
    hits: rows.map((row) => ideaHit(row, { title: row.title, summary: row.summary, snippet: null })),
    total,
    page: params.page,
    totalPages: Math.ceil(total / IDEAS_PER_PAGE),
    facets,
  };
}

export async function searchNeeds(db: ExchangeDb, meili: Meilisearch, params: NeedSearchParams) {
  const filter = allOf(
    OPEN_NEEDS,
    anyOf("sectors", params.sector),
    anyOf("diffusionModels", params.diffusionModel),
    anyOf("fundingRoutes", params.fundingRoute),
  );
  let result;
  try {
    result = await meili.index("needs").search(params.q, {
      filter,
      page: params.page,
      hitsPerPage: NEEDS_PER_PAGE,
      attributesToRetrieve: ["id"],
      facets: ["sectors"],
      sort: params.q ? undefined : ["updatedAt:desc"],
    });
  } catch {
    return { degraded: true, ...searchOpenNeedsInSqlite(db, params) };
  }
  const rows = getOpenNeedsByIds(
    db,
    result.hits.map((hit) => hit.id as number),
  );
  const total = result.totalHits ?? rows.length;
  return {
    degraded: false,
    hits: rows,
    total,
    page: params.page,
    totalPages: result.totalPages ?? Math.ceil(total / NEEDS_PER_PAGE),
    facets: { sectors: result.facetDistribution?.sectors ?? {} },
  };
}

export async function findSimilarIdeas(
  db: ExchangeDb,
  meili: Meilisearch,
  input: { title: string; summary: string; exclude?: string },
): Promise<{ slug: string; title: string; summary: string }[]> {
  const terms = distinctWords(`${input.title} ${input.summary}`);
  if (terms.length < 2) return [];
  const result = await meili.index("ideas").search(terms.join(" "), {
    filter: [PUBLISHED_IDEAS],
    limit: 5,
    attributesToRetrieve: ["id", "slug"],
    matchingStrategy: "frequency",
    showRankingScore: true,
    rankingScoreThreshold: 0.35,
  });
  const rows = getPublishedIdeaCardsByIds(
    db,
    result.hits.map((hit) => hit.id as number),
  );
  return rows
    .filter((row) => row.slug !== input.exclude)
    .slice(0, 3)
    .map((row) => ({ slug: row.slug, title: row.title, summary: row.summary }));
}
