// Published case studies on their own pages, and the case studies behind a search hit.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, matches, needs, organisations, type CaseStudyRow } from "../../db/schema";
import { caseStudyTermMatches, organisationSlugOf, queryTerms } from "../domain/case-studies";
import { formatDay, outcomeMilestoneLabel } from "../domain/living-case-studies";
import { publishedOutcomeUpdates } from "./living-case-studies.server";
import { isPublicCaseStudy } from "./public-case-studies.server";

export type OutcomeUpdateView = { id: number; label: string; outcomes: string; at: string | null; on: string | null };

/** The published outcome updates of living case studies, by case study id, as the pages show them. */
export function outcomeUpdateViews(db: ExchangeDb, caseStudyIds: number[]): Record<number, OutcomeUpdateView[]> {
  const updates = publishedOutcomeUpdates(db, caseStudyIds);
  return Object.fromEntries(
    [...updates].map(([caseStudyId, list]) => [
      caseStudyId,
      list.map((update): OutcomeUpdateView => {
        // Dated when the commissioner wrote it (the broker's review may come days later).
        const date = update.submittedAt ?? update.publishedAt;
        return {
          id: update.id,
          label: outcomeMilestoneLabel(update.monthsAfterAdoption),
          outcomes: update.outcomes,
          at: date?.toISOString() ?? null,
          on: date ? formatDay(date) : null,
        };
      }),
    ]),
  );
}

export type PublicCaseStudy = {
  study: CaseStudyRow;
  idea: { id: number; slug: string; title: string; summary: string; organisation: { name: string; slug: string } | null };
  /** The organisation that adopted it, when the case study came from a match with a need of a known organisation. */
  adopter: { name: string; slug: string; needLocality: string | null } | null;
};

/**
 * A case study by its idea's slug and its id: only a published case study of a published
 * idea, and only under its own idea's address (null otherwise, so the page is not found).
 */
export function getPublicCaseStudy(db: ExchangeDb, ideaSlug: string, caseStudyId: number): PublicCaseStudy | null {
  if (!Number.isSafeInteger(caseStudyId) || caseStudyId < 1) return null;
  const row = db
    .select({
      study: caseStudies,
      ideaId: ideas.id,
      ideaSlug: ideas.slug,
      ideaTitle: ideas.title,
      ideaSummary: ideas.summary,
      ideaOrganisation: ideas.organisation,
      registeredName: organisations.name,
    })
    .from(caseStudies)
    .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
    .leftJoin(organisations, eq(organisations.id, ideas.organisationId))
    .where(and(eq(caseStudies.id, caseStudyId), eq(ideas.slug, ideaSlug), isPublicCaseStudy()))
    .get();
  if (!row) return null;
  const organisationName = row.ideaOrganisation ?? row.registeredName;
  let adopter: PublicCaseStudy["adopter"] = null;
  if (row.study.matchId) {
    const match = db
      .select({ name: organisations.name, slug: organisations.slug, needLocality: needs.locality })
      .from(matches)
      .innerJoin(needs, eq(needs.id, matches.needId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(eq(matches.id, row.study.matchId))
      .get();
    adopter = match ?? null;
  }
  return {
    study: row.study,
    idea: {
      id: row.ideaId,
      slug: row.ideaSlug,
      title: row.ideaTitle,
      summary: row.ideaSummary,
      organisation: organisationName ? { name: organisationName, slug: organisationSlugOf(organisationName) } : null,
    },
    adopter,
  };
}

export type CaseStudyMatch = { id: number; locality: string; country: string | null; year: number | null; status: CaseStudyRow["status"] };

/**
 * For each idea on a page of search results, its published case studies whose place,
 * outcomes or lessons hold words of the query, best first (at most `perIdea`). One query over
 * the case studies of the ideas shown, so it costs the same whatever the size of the exchange.
 */
export function caseStudiesMatchingQuery(db: ExchangeDb, ideaSlugs: string[], q: string, perIdea = 3): Record<string, CaseStudyMatch[]> {
  const terms = queryTerms(q);
  if (!terms.length || !ideaSlugs.length) return {};
  // Two lookups by key rather than one join: in the join, SQLite (without statistics) read
  // every published idea through ideas_status_idx instead of the slugs' unique index, which
  // cost 60-130 ms a search page at 20,000 ideas (bench profile).
  const shown = db
    .select({ id: ideas.id, slug: ideas.slug, status: ideas.status })
    .from(ideas)
    .where(inArray(ideas.slug, ideaSlugs))
    .all()
    .filter((idea) => idea.status === "published");
  if (!shown.length) return {};
  const slugById = new Map(shown.map((idea) => [idea.id, idea.slug]));
  const rows = db
    .select({
      ideaId: caseStudies.ideaId,
      id: caseStudies.id,
      locality: caseStudies.locality,
      country: caseStudies.country,
      year: caseStudies.year,
      status: caseStudies.status,
      reviewStatus: caseStudies.reviewStatus,
      outcomes: caseStudies.outcomes,
      lessons: caseStudies.lessons,
    })
    .from(caseStudies)
    .where(inArray(caseStudies.ideaId, [...slugById.keys()]))
    .orderBy(asc(caseStudies.position), asc(caseStudies.id))
    .all()
    .filter((row) => row.reviewStatus === "published")
    .map((row) => ({ ...row, ideaSlug: slugById.get(row.ideaId)! }));
  const found: Record<string, (CaseStudyMatch & { score: number })[]> = {};
  for (const row of rows) {
    const score = caseStudyTermMatches(terms, row);
    if (!score) continue;
    (found[row.ideaSlug] ??= []).push({ id: row.id, locality: row.locality, country: row.country, year: row.year, status: row.status, score });
  }
  return Object.fromEntries(
    Object.entries(found).map(([slug, list]) => [
      slug,
      list
        .sort((a, b) => b.score - a.score)
        .slice(0, perIdea)
        .map(({ score: _score, ...match }) => match),
    ]),
  );
}
