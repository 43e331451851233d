// "Similar open needs elsewhere" on a need's page: Meilisearch's needs index queried with the
// need's key terms (together and one by one, fused), among open needs sharing a sector; when Meilisearch is unreachable, open needs sharing a sector, ranked by
// shared sectors and words in SQLite (search/similar-needs.ts).
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { allOf, anyOf, OPEN_NEEDS } from "../../search/filters";
import { needs, type NeedRow } from "../../db/schema";
import { fuseRankedIds } from "../../search/fusion";
import { rankSimilarNeeds, similarNeedsQueries, SIMILAR_NEEDS_LIMIT } from "../../search/similar-needs";
import { getOpenNeedsByIds } from "./needs.server";

export type SimilarNeed = { slug: string; title: string; locality: string | null; country: string | null; sectors: string[] };

/** How many sector-sharing open needs the fallback ranks (the most recently updated). */
const FALLBACK_CANDIDATES = 300;

const toSimilar = (row: NeedRow): SimilarNeed => ({ slug: row.slug, title: row.title, locality: row.locality, country: row.country, sectors: row.sectors });

export async function findSimilarOpenNeeds(
  db: ExchangeDb,
  meili: Meilisearch,
  need: NeedRow,
  limit = SIMILAR_NEEDS_LIMIT,
): Promise<{ degraded: boolean; needs: SimilarNeed[] }> {
  const queries = similarNeedsQueries(need);
  if (!queries.length || !need.sectors.length) return { degraded: false, needs: [] };
  // Only needs sharing a sector: a single shared word ("people", "home") is not similarity.
  const filter = allOf(OPEN_NEEDS, anyOf("sectors", need.sectors));
  let ids: number[];
  try {
    const response = await meili.multiSearch({
      queries: queries.map((q) => ({ indexUid: "needs", q, filter, limit: limit + 5, attributesToRetrieve: ["id"] })),
    });
    ids = fuseRankedIds(response.results.map((result) => result.hits.map((hit) => hit.id as number))).filter((id) => id !== need.id);
  } catch {
    return { degraded: true, needs: similarInSqlite(db, need, limit).map(toSimilar) };
  }
  return {
    degraded: false,
    needs: getOpenNeedsByIds(db, ids.slice(0, limit * 2))
      .slice(0, limit)
      .map(toSimilar),
  };
}

export function similarInSqlite(db: ExchangeDb, need: NeedRow, limit = SIMILAR_NEEDS_LIMIT): NeedRow[] {
  if (!need.sectors.length) return [];
  const sectors = sql.join(
    need.sectors.map((sector) => sql`${sector}`),
    sql`, `,
  );
  const candidates = db
    .select()
    .from(needs)
    .where(and(eq(needs.status, "open"), ne(needs.id, need.id), sql`exists (select 1 from json_each(${needs.sectors}) where value in (${sectors}))`))
    .orderBy(desc(needs.updatedAt))
    .limit(FALLBACK_CANDIDATES)
    .all();
  return rankSimilarNeeds(need, candidates, limit);
}
