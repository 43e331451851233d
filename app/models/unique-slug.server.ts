// A free web address for a new idea or need: the title's slug, or the slug with -2, -3, …
import { eq, like, or } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideas, needs } from "../../db/schema";
import { slugify } from "../domain/slug";

type Db = Pick<ExchangeDb, "select">;

export function uniqueSlug(db: Db, table: typeof ideas | typeof needs, title: string, fallback: string): string {
  const base = slugify(title, fallback).padEnd(3, "x");
  const rows = db
    .select({ slug: table.slug })
    .from(table)
    .where(or(eq(table.slug, base), like(table.slug, `${base}-%`)))
    .all();
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
