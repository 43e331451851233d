// Degraded mode: when Meilisearch is unreachable, public idea search runs on SQLite's FTS5
// index (db/migrations/0003_ideas_fts.sql) with the same filters and facet counts, so the
// page still works; the UI says search is in reduced mode.
import { sql, type SQL } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideaFacets, type IdeaFacet, type IdeaFilters } from "../domain/idea-facets";
import { IDEAS_PER_PAGE, type IdeaSearchParams } from "../domain/search-params";
import { getPublishedIdeaCardsByIds } from "./ideas.server";

const arrayColumns: Partial<Record<IdeaFacet, SQL>> = {
  sectors: sql.raw("ideas.sectors"),
  diffusionModels: sql.raw("ideas.diffusion_models"),
  typology: sql.raw("ideas.typology"),
  takeoverTransfers: sql.raw("json_extract(ideas.diffusion_details, '$.takeover.transfers')"),
};
const scalarColumns: Partial<Record<IdeaFacet, SQL>> = {
  lifecyclePhase: sql.raw("ideas.lifecycle_phase"),
  evidenceLevel: sql.raw("cast(ideas.evidence_level as text)"),
};

/** An FTS5 query matching any of the words (as prefixes), with every word quoted so user input is never syntax. */
export function ftsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, 20);
  return unique.length ? unique.map((word) => `"${word}"*`).join(" OR ") : null;
}

/** The selected facets as SQL conditions on `ideas` (any of a facet's values; every facet). */
export function ideaFacetConditions(filters: IdeaFilters, except?: IdeaFacet): SQL[] {
  const conditions: SQL[] = [];
  for (const facet of ideaFacets) {
    const values = filters[facet];
    if (facet === except || !values.length) continue;
    const list = sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    );
    const arrayColumn = arrayColumns[facet];
    if (arrayColumn) conditions.push(sql`exists (select 1 from json_each(${arrayColumn}) where value in (${list}))`);
    else conditions.push(sql`${scalarColumns[facet]!} in (${list})`);
  }
  return conditions;
}

function whereClause(filters: IdeaFilters, match: string | null, except?: IdeaFacet): SQL {
  const clauses: SQL[] = [sql`ideas.status = 'published'`];
  if (match) clauses.push(sql`ideas.id in (select rowid from ideas_fts where ideas_fts match ${match})`);
  clauses.push(...ideaFacetConditions(filters, except));
  return sql.join(clauses, sql` and `);
}

function facetCounts(db: ExchangeDb, facet: IdeaFacet, where: SQL): Record<string, number> {
  const arrayColumn = arrayColumns[facet];
  const rows = arrayColumn
    ? db.all<{ value: string; n: number }>(sql`select j.value as value, count(*) as n from ideas, json_each(${arrayColumn}) j where ${where} group by j.value`)
    : db.all<{ value: string | null; n: number }>(sql`select ${scalarColumns[facet]!} as value, count(*) as n from ideas where ${where} group by 1`);
  return Object.fromEntries(rows.filter((row) => row.value !== null).map((row) => [String(row.value), row.n]));
}

export function searchIdeasInSqlite(db: ExchangeDb, params: IdeaSearchParams, filters: IdeaFilters) {
  const match = ftsQuery(params.q);
  const where = whereClause(filters, match);
  const offset = (params.page - 1) * IDEAS_PER_PAGE;
  const order =
    params.sort === "evidence"
      ? sql`order by ideas.evidence_level is null, ideas.evidence_level desc, ideas.updated_at desc, ideas.id`
      : match && params.sort !== "newest"
        ? sql`order by (select bm25(ideas_fts, 10.0, 4.0, 1.0) from ideas_fts where ideas_fts.rowid = ideas.id and ideas_fts match ${match}), ideas.id`
        : sql`order by ideas.updated_at desc, ideas.id`;
  const ids = db
    .all<{ id: number }>(sql`select ideas.id as id from ideas where ${where} ${order} limit ${IDEAS_PER_PAGE} offset ${offset}`)
    .map((row) => row.id);
  const [{ total }] = db.all<{ total: number }>(sql`select count(*) as total from ideas where ${where}`);
  const facets = Object.fromEntries(
    ideaFacets.map((facet) => [facet, facetCounts(db, facet, filters[facet].length ? whereClause(filters, match, facet) : where)]),
  ) as Record<IdeaFacet, Record<string, number>>;
  return { rows: getPublishedIdeaCardsByIds(db, ids), total, facets };
}
