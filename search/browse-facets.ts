// The facet counts of the unfiltered browse page (/ideas with no words and no filters, any
// page or sort), kept between changes to the index. Counting every facet group over every
// published idea is the slowest part of that page in Meilisearch, and the answer changes only
// when the index does.
//
// The key is the index's createdAt and updatedAt (GET /indexes/ideas): Meilisearch moves
// updatedAt with every task that changes the index's documents or settings, and a rebuild
// swaps in an index with another createdAt. So a writer in another process (the `exchange
// import` CLI, a second app server on the same MEILI_HOST) changes the key too. The key is
// read with every browse search, beside the search itself (one small request), so the counts
// shown are never older than the index the results came from.
import type { FacetDistribution, Meilisearch } from "meilisearch";
import { buildIdeaFilter } from "./idea-query";
import { ideaFacets, type IdeaFilters } from "../app/domain/idea-facets";

/** The index's version: it changes whenever the index's documents or settings do, or it is swapped. */
export async function indexVersion(client: Meilisearch, indexUid: string): Promise<string | null> {
  try {
    const info = await client.index(indexUid).getRawInfo();
    return `${info.createdAt}|${info.updatedAt}`;
  } catch {
    return null;
  }
}

/** One value per version; concurrent callers for the same version share one computation. */
export function versionedValue<T>() {
  let entry: { version: string; value: Promise<T> } | null = null;
  return {
    get(version: string | null, compute: () => Promise<T>): Promise<T> {
      if (version === null) return compute();
      if (entry?.version === version) return entry.value;
      const value = compute();
      const current = { version, value };
      entry = current;
      value.catch(() => {
        if (entry === current) entry = null;
      });
      return value;
    },
  };
}

const noFilters = Object.fromEntries(ideaFacets.map((facet) => [facet, []])) as unknown as IdeaFilters;

/** The facet counts over every published idea, as Meilisearch gives them. */
export async function countBrowseFacets(client: Meilisearch): Promise<FacetDistribution> {
  const result = await client.index("ideas").search("", { filter: buildIdeaFilter(noFilters), limit: 0, facets: ideaFacets });
  return result.facetDistribution ?? {};
}

const caches = new WeakMap<Meilisearch, ReturnType<typeof versionedValue<FacetDistribution>>>();

/** The unfiltered browse page's facet counts for the index version given (counted once per version). */
export function browseFacets(client: Meilisearch, version: string | null): Promise<FacetDistribution> {
  let cache = caches.get(client);
  if (!cache) {
    cache = versionedValue<FacetDistribution>();
    caches.set(client, cache);
  }
  return cache.get(version, () => countBrowseFacets(client));
}
