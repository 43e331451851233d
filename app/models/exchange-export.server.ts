// Exports published ideas and open needs back to the exchange format of DOMAIN.md.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, needs, type CaseStudyRow } from "../../db/schema";
import type { IdeaFormat, NeedFormat } from "../domain/exchange-format";

/** Drops null, undefined and empty optional lists so exported items carry only what is known. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

export function exportIdeas(db: ExchangeDb): IdeaFormat[] {
  const rows = db.select().from(ideas).where(eq(ideas.status, "published")).orderBy(asc(ideas.slug)).all();
  const studies = rows.length
    ? db
        .select()
        .from(caseStudies)
        .where(
          and(
            inArray(
              caseStudies.ideaId,
              rows.map((row) => row.id),
            ),
            eq(caseStudies.reviewStatus, "published"),
          ),
        )
        .orderBy(asc(caseStudies.position))
        .all()
    : [];
  const byIdea = new Map<number, CaseStudyRow[]>();
  for (const study of studies) byIdea.set(study.ideaId, [...(byIdea.get(study.ideaId) ?? []), study]);
  return rows.map((row) => {
    const origin = compact({ locality: row.originLocality, country: row.originCountry });
    return compact({
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      problem: row.problem,
      solution: row.solution,
      evidence: row.evidence,
      evidenceLevel: row.evidenceLevel,
      sectors: row.sectors,
      typology: row.typology,
      diffusionModels: row.diffusionModels,
      lifecyclePhase: row.lifecyclePhase,
      origin: Object.keys(origin).length ? origin : null,
      organisation: row.organisation,
      costs: row.costs,
      tags: row.tags,
      caseStudies: (byIdea.get(row.id) ?? []).map((study) =>
        compact({
          locality: study.locality,
          country: study.country,
          year: study.year,
          status: study.status,
          outcomes: study.outcomes,
          lessons: study.lessons,
        }),
      ),
    }) as IdeaFormat;
  });
}

export function exportNeeds(db: ExchangeDb): NeedFormat[] {
  const rows = db.select().from(needs).where(eq(needs.status, "open")).orderBy(asc(needs.slug)).all();
  return rows.map(
    (row) =>
      compact({
        slug: row.slug,
        title: row.title,
        problem: row.problem,
        outcomes: row.outcomes,
        sectors: row.sectors,
        locality: row.locality,
        country: row.country,
        budgetMin: row.budgetMin,
        budgetMax: row.budgetMax,
        fundingRoutes: row.fundingRoutes,
        diffusionModels: row.diffusionModels,
        deadline: row.deadline,
      }) as NeedFormat,
  );
}
