// Upserts validated exchange-format items by slug, in one transaction per file, with the
// search outbox rows written in that same transaction.
import { and, eq, sql } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, needs } from "../../db/schema";
import type { IdeaFormat, NeedFormat } from "../domain/exchange-format";
import { enqueueSearchSync } from "./search-outbox.server";

export type ImportProgress = (done: number, total: number) => void;

export function importIdeas(db: ExchangeDb, items: IdeaFormat[], onProgress?: ImportProgress): { inserted: number; updated: number } {
  let inserted = 0;
  let updated = 0;
  db.transaction((tx) => {
    const ids: number[] = [];
    items.forEach((item, position) => {
      const values = {
        slug: item.slug,
        title: item.title,
        summary: item.summary,
        problem: item.problem ?? null,
        solution: item.solution ?? null,
        evidence: item.evidence ?? null,
        evidenceLevel: item.evidenceLevel ?? null,
        sectors: item.sectors,
        typology: item.typology ?? [],
        diffusionModels: item.diffusionModels,
        lifecyclePhase: item.lifecyclePhase ?? null,
        originLocality: item.origin?.locality ?? null,
        originCountry: item.origin?.country ?? null,
        organisation: item.organisation ?? null,
        costs: item.costs ?? null,
        tags: item.tags ?? [],
        status: "published" as const,
      };
      const existing = tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, item.slug)).get();
      let id: number;
      if (existing) {
        tx.update(ideas)
          .set({ ...values, publishedAt: sql`coalesce(${ideas.publishedAt}, ${Date.now()})`, updatedAt: new Date() })
          .where(eq(ideas.id, existing.id))
          .run();
        id = existing.id;
        updated++;
      } else {
        id = tx
          .insert(ideas)
          .values({ ...values, publishedAt: new Date() })
          .returning({ id: ideas.id })
          .get().id;
        inserted++;
      }
      // The file's case studies replace the published ones; those awaiting review are kept.
      tx.delete(caseStudies)
        .where(and(eq(caseStudies.ideaId, id), eq(caseStudies.reviewStatus, "published")))
        .run();
      const studies = item.caseStudies ?? [];
      if (studies.length) {
        tx.insert(caseStudies)
          .values(
            studies.map((study, index) => ({
              ideaId: id,
              position: index,
              locality: study.locality,
              country: study.country ?? null,
              year: study.year ?? null,
              status: study.status,
              outcomes: study.outcomes ?? null,
              lessons: study.lessons ?? null,
            })),
          )
          .run();
      }
      ids.push(id);
      if (onProgress && (position % 200 === 0 || position === items.length - 1)) onProgress(position + 1, items.length);
    });
    enqueueSearchSync(tx, "ideas", ids);
  });
  return { inserted, updated };
}

export function importNeeds(db: ExchangeDb, items: NeedFormat[], onProgress?: ImportProgress): { inserted: number; updated: number } {
  let inserted = 0;
  let updated = 0;
  db.transaction((tx) => {
    const ids: number[] = [];
    items.forEach((item, position) => {
      const values = {
        slug: item.slug,
        title: item.title,
        problem: item.problem,
        outcomes: item.outcomes ?? null,
        sectors: item.sectors,
        locality: item.locality ?? null,
        country: item.country ?? null,
        budgetMin: item.budgetMin ?? null,
        budgetMax: item.budgetMax ?? null,
        fundingRoutes: item.fundingRoutes ?? [],
        diffusionModels: item.diffusionModels ?? [],
        deadline: item.deadline ?? null,
        status: "open" as const,
      };
      const existing = tx.select({ id: needs.id }).from(needs).where(eq(needs.slug, item.slug)).get();
      if (existing) {
        tx.update(needs).set({ ...values, updatedAt: new Date() }).where(eq(needs.id, existing.id)).run();
        ids.push(existing.id);
        updated++;
      } else {
        ids.push(tx.insert(needs).values(values).returning({ id: needs.id }).get().id);
        inserted++;
      }
      if (onProgress && (position % 200 === 0 || position === items.length - 1)) onProgress(position + 1, items.length);
    });
    enqueueSearchSync(tx, "needs", ids);
  });
  return { inserted, updated };
}
