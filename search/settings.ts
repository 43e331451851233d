import type { Meilisearch, Settings } from "meilisearch";
import type { SearchIndexName } from "../db/schema";
import { MEILI_EMBEDDER, SHIPPED_MODEL } from "./embeddings/embedder";
import { publicServiceSynonyms } from "./synonyms";

// Searchable attributes are listed in order of weight: a hit in the title outranks one in
// the lessons of a case study.
export const ideaIndexSettings: Settings = {
  searchableAttributes: [
    "title",
    "tags",
    "summary",
    "problem",
    "solution",
    "caseStudyLessons",
    "caseStudyOutcomes",
    "evidence",
    "organisation",
    "originLocality",
    "caseStudyLocalities",
  ],
  filterableAttributes: ["sectors", "diffusionModels", "typology", "lifecyclePhase", "evidenceLevel", "takeoverTransfers", "country", "status"],
  sortableAttributes: ["updatedAt", "evidenceLevel", "adoptionCount"],
  displayedAttributes: ["*"],
  // "sort" first: a search sorted by the visitor (newest, strongest evidence) is in that order
  // strictly; without a sort the rule does nothing and relevance decides.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "evidenceLevel:desc"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 50 },
  pagination: { maxTotalHits: 1000 },
  synonyms: publicServiceSynonyms,
  // Sentence embeddings computed by the exchange (search/embeddings/), for the matching engine's semantic query.
  embedders: { [MEILI_EMBEDDER]: { source: "userProvided", dimensions: SHIPPED_MODEL.dimensions } },
};

export const needIndexSettings: Settings = {
  searchableAttributes: ["title", "problem", "outcomes", "locality"],
  filterableAttributes: ["sectors", "diffusionModels", "fundingRoutes", "country", "status"],
  sortableAttributes: ["updatedAt", "deadline"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 50 },
  pagination: { maxTotalHits: 1000 },
  synonyms: publicServiceSynonyms,
};

export const indexSettings: Record<SearchIndexName, Settings> = { ideas: ideaIndexSettings, needs: needIndexSettings };

/**
 * Applies an index's settings, waiting for Meilisearch to finish. An index filled before the
 * embedder existed refuses it (its documents carry no `_vectors`): it then gets every other
 * setting and `false` is returned, so the caller rebuilds it (reindex.ts), whose fresh index
 * takes the embedder first and the documents after.
 */
export async function applyIndexSettings(client: Meilisearch, indexUid: SearchIndexName, uid: string = indexUid): Promise<boolean> {
  const settings = indexSettings[indexUid];
  const task = await client.index(uid).updateSettings(settings).waitTask({ timeout: 60_000 });
  if (task.status === "succeeded") return true;
  if (task.error?.code === "vector_embedding_error" && settings.embedders) {
    const { embedders: _embedders, ...withoutEmbedders } = settings;
    const retry = await client.index(uid).updateSettings(withoutEmbedders).waitTask({ timeout: 60_000 });
    if (retry.status === "succeeded") return false;
    throw new Error(`Could not apply the settings of index ${uid}: ${retry.error?.message}`);
  }
  throw new Error(`Could not apply the settings of index ${uid}: ${task.error?.message}`);
}

/** Creates both indexes if missing and applies their settings; returns the indexes that must be rebuilt to take them all. */
export async function ensureIndexes(client: Meilisearch): Promise<SearchIndexName[]> {
  const stale: SearchIndexName[] = [];
  for (const name of ["ideas", "needs"] as const) {
    const task = await client.createIndex(name, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
    if (task.status === "failed" && task.error?.code !== "index_already_exists") {
      throw new Error(`Could not create index ${name}: ${task.error?.message}`);
    }
    if (!(await applyIndexSettings(client, name))) stale.push(name);
  }
  return stale;
}
