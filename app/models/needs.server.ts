import { and, count, desc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { needs, type NeedRow } from "../../db/schema";
import { NEEDS_PER_PAGE, type NeedSearchParams } from "../domain/search-params";

export function getOpenNeed(db: ExchangeDb, slug: string): NeedRow | null {
  return (
    db
      .select()
      .from(needs)
      .where(and(eq(needs.slug, slug), eq(needs.status, "open")))
      .get() ?? null
  );
}

export function getOpenNeedsByIds(db: ExchangeDb, ids: number[]): NeedRow[] {
  if (!ids.length) return [];
  // By primary key, status checked here: as for ideas, `status = ?` in the
  // WHERE clause makes SQLite walk needs_status_idx over every open need.
  const rows = db
    .select()
    .from(needs)
    .where(inArray(needs.id, ids))
    .all()
    .filter((row) => row.status === "open");
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** The public JSON shape of a need (the exchange format's keys). */
export function needToApi(need: NeedRow) {
  return {
    slug: need.slug,
    title: need.title,
    problem: need.problem,
    outcomes: need.outcomes,
    sectors: need.sectors,
    locality: need.locality,
    country: need.country,
    budgetMin: need.budgetMin,
    budgetMax: need.budgetMax,
    fundingRoutes: need.fundingRoutes,
    diffusionModels: need.diffusionModels,
    deadline: need.deadline,
  };
}

const jsonHasAny = (column: SQL, values: string[]) =>
  sql`exists (select 1 from json_each(${column}) where value in (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}))`;

/** Degraded mode for the needs list: a plain SQLite search, used when Meilisearch is unreachable. */
export function searchOpenNeedsInSqlite(db: ExchangeDb, params: NeedSearchParams) {
  const clauses: (SQL | undefined)[] = [eq(needs.status, "open")];
  const words = params.q.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words.slice(0, 10)) clauses.push(or(like(needs.title, `%${word}%`), like(needs.problem, `%${word}%`)));
  if (params.sector.length) clauses.push(jsonHasAny(sql.raw("needs.sectors"), params.sector));
  if (params.diffusionModel.length) clauses.push(jsonHasAny(sql.raw("needs.diffusion_models"), params.diffusionModel));
  if (params.fundingRoute.length) clauses.push(jsonHasAny(sql.raw("needs.funding_routes"), params.fundingRoute));
  const where = and(...clauses);
  const hits = db
    .select()
    .from(needs)
    .where(where)
    .orderBy(desc(needs.updatedAt))
    .limit(NEEDS_PER_PAGE)
    .offset((params.page - 1) * NEEDS_PER_PAGE)
    .all();
  const [{ total }] = db.select({ total: count() }).from(needs).where(where).all();
  return { hits, total, page: params.page, totalPages: Math.ceil(total / NEEDS_PER_PAGE), facets: { sectors: {} as Record<string, number> } };
}
