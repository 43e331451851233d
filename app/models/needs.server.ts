import { and, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { needs, type NeedRow } from "../../db/schema";

export function getOpenNeed(db: ExchangeDb, slug: string): NeedRow | null {
  return db.select().from(needs).where(and(eq(needs.slug, slug), eq(needs.status, "open"))).get() ?? null;
}

export function getOpenNeedsByIds(db: ExchangeDb, ids: number[]): NeedRow[] {
  if (!ids.length) return [];
  const rows = db.select().from(needs).where(and(inArray(needs.id, ids), eq(needs.status, "open"))).all();
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

