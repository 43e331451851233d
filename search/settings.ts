import type { Meilisearch, Settings } from "meilisearch";
import type { SearchIndexName } from "../db/schema";
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
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "evidenceLevel:desc"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 50 },
  pagination: { maxTotalHits: 1000 },
  synonyms: publicServiceSynonyms,
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

/** Creates both indexes if missing and applies their settings, waiting for Meilisearch to finish. */
export async function applyIndexSettings(client: Meilisearch, indexUid: SearchIndexName, uid: string = indexUid): Promise<void> {
  await client.index(uid).updateSettings(indexSettings[indexUid]).waitTask({ timeout: 60_000 });
}

export async function ensureIndexes(client: Meilisearch): Promise<void> {
  for (const name of ["ideas", "needs"] as const) {
    const task = await client.createIndex(name, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
    if (task.status === "failed" && task.error?.code !== "index_already_exists") {
      throw new Error(`Could not create index ${name}: ${task.error?.message}`);
    }
    await applyIndexSettings(client, name);
  }
}
