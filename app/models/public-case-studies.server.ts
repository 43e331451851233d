// The one query every public list of case studies starts from (places, organisation profiles,
// open data): published case studies of published ideas, with their idea's slug and title.
import { and, eq } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas } from "../../db/schema";
import type { SelectedFields } from "drizzle-orm/sqlite-core";

const listColumns = {
  id: caseStudies.id,
  ideaSlug: ideas.slug,
  ideaTitle: ideas.title,
  locality: caseStudies.locality,
  country: caseStudies.country,
  year: caseStudies.year,
  status: caseStudies.status,
};

/** Shown to the public: the case study and its idea are both published. */
export const isPublicCaseStudy = () => and(eq(ideas.status, "published"), eq(caseStudies.reviewStatus, "published"));

/** Case studies joined to their ideas, with the columns every list shows and any `more`; add the list's own joins, conditions (with isPublicCaseStudy) and order. */
export function selectCaseStudiesWithIdea<More extends SelectedFields>(db: ExchangeDb, more: More) {
  return db
    .select({ ...listColumns, ...more })
    .from(caseStudies)
    .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId));
}
