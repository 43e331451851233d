// Open data: published ideas, their published case studies and open needs as CSV, and the
// Atom feed of new case studies and new needs. Only what the public pages show is exported.
import { asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, needs } from "../../db/schema";
import {
  caseStudyColumns,
  csvRecords,
  ideaColumns,
  needColumns,
  renderAtom,
  tagUri,
  absoluteUrl,
  type CsvColumn,
  type FeedEntry,
  type OpenCaseStudyRow,
  type OpenIdeaRow,
  type OpenNeedRow,
} from "../domain/open-data";
import { caseStudyStatuses, sectorLabels, type Sector } from "../domain/vocabulary";
import { placeSlug } from "../domain/places";
import { caseStudyPath } from "../domain/case-studies";
import { isPublicCaseStudy, selectCaseStudiesWithIdea } from "./public-case-studies.server";

export function listOpenIdeas(db: ExchangeDb): OpenIdeaRow[] {
  // Written out in full: inside a subquery drizzle leaves column names unqualified, and "id"
  // would then be the case study's own.
  const studyCount = sql<number>`(select count(*) from case_studies cs where cs.idea_id = ideas.id and cs.review_status = 'published')`;
  const adoptedCount = sql<number>`(select count(*) from case_studies cs where cs.idea_id = ideas.id and cs.review_status = 'published' and cs.status = 'adopted')`;
  // Whole rows: the CSV columns (domain/open-data.ts) are the one list of what is exported.
  return db
    .select({ ...getTableColumns(ideas), caseStudyCount: studyCount, adoptedCount })
    .from(ideas)
    .where(eq(ideas.status, "published"))
    .orderBy(asc(ideas.slug))
    .all();
}

export function listOpenNeeds(db: ExchangeDb): OpenNeedRow[] {
  return db.select().from(needs).where(eq(needs.status, "open")).orderBy(asc(needs.slug)).all();
}

/** Published case studies of published ideas; positions numbered from 1 within each idea. */
export function listOpenCaseStudies(db: ExchangeDb): OpenCaseStudyRow[] {
  const rows = selectCaseStudiesWithIdea(db, { outcomes: caseStudies.outcomes, lessons: caseStudies.lessons })
    .where(isPublicCaseStudy())
    .orderBy(asc(ideas.slug), asc(caseStudies.position), asc(caseStudies.id))
    .all();
  let previous = "";
  let position = 0;
  return rows.map((row) => {
    position = row.ideaSlug === previous ? position + 1 : 1;
    previous = row.ideaSlug;
    return { ...row, position };
  });
}

function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  // A byte order mark so Excel reads the file as UTF-8; RFC 4180 line endings.
  return `\uFEFF${stringify(csvRecords(columns, rows), { record_delimiter: "windows", quoted_match: /^\s|\s$/ })}`;
}

export const ideasCsv = (db: ExchangeDb, base: string) => toCsv(ideaColumns(base), listOpenIdeas(db));
export const needsCsv = (db: ExchangeDb, base: string) => toCsv(needColumns(base), listOpenNeeds(db));
export const caseStudiesCsv = (db: ExchangeDb, base: string) => toCsv(caseStudyColumns(base), listOpenCaseStudies(db));

export const FEED_ENTRIES = 50;

const statusWords: Record<(typeof caseStudyStatuses)[number], string> = {
  adopted: "adopted",
  piloting: "piloting",
  stopped: "stopped",
};

/**
 * The newest case studies (by when they were recorded) and needs (by when they last changed),
 * together, newest first. Entry ids name the idea and place (or the need's slug), so a
 * re-import that recreates the same case study keeps its id.
 */
export function feedEntries(db: ExchangeDb, base: string, limit = FEED_ENTRIES): FeedEntry[] {
  const authority = new URL(base).hostname;
  const studies = selectCaseStudiesWithIdea(db, {
    ideaSummary: ideas.summary,
    ideaSectors: ideas.sectors,
    outcomes: caseStudies.outcomes,
    createdAt: caseStudies.createdAt,
  })
    .where(isPublicCaseStudy())
    .orderBy(desc(caseStudies.createdAt), desc(caseStudies.id))
    .limit(limit)
    .all();
  const openNeeds = db.select().from(needs).where(eq(needs.status, "open")).orderBy(desc(needs.updatedAt), desc(needs.id)).limit(limit).all();
  const categories = (sectors: readonly string[]) => sectors.map((term) => ({ term, label: sectorLabels[term as Sector] ?? term }));
  const entries: FeedEntry[] = [
    ...studies.map((study): FeedEntry => ({
      id: tagUri(authority, `case-study/${study.ideaSlug}/${placeSlug(study.locality, study.country)}${study.year ? `-${study.year}` : ""}`),
      title: `Case study: ${study.ideaTitle} in ${study.locality}${study.country ? `, ${study.country}` : ""} (${statusWords[study.status]})`,
      link: absoluteUrl(base, caseStudyPath(study.ideaSlug, study.id)),
      updated: study.createdAt,
      summary: study.outcomes ?? study.ideaSummary,
      categories: [{ term: "case-study", label: "Case study" }, ...categories(study.ideaSectors)],
    })),
    ...openNeeds.map((need): FeedEntry => ({
      id: tagUri(authority, `need/${need.slug}`),
      title: `Need: ${need.title}${need.locality ? ` (${need.locality})` : ""}`,
      link: absoluteUrl(base, `/needs/${need.slug}`),
      updated: need.updatedAt,
      published: need.createdAt,
      summary: need.problem,
      categories: [{ term: "need", label: "Need" }, ...categories(need.sectors)],
    })),
  ];
  // Ids can coincide for two case studies of one idea in one place and year: keep the newest.
  const seen = new Set<string>();
  return entries
    .sort((a, b) => b.updated.getTime() - a.updated.getTime())
    .filter((entry) => (seen.has(entry.id) ? false : (seen.add(entry.id), true)))
    .slice(0, limit);
}

export function atomFeed(db: ExchangeDb, base: string, now = new Date()): string {
  return renderAtom(
    {
      id: absoluteUrl(base, "/feed.atom"),
      title: "Innovation Exchange: new case studies and needs",
      subtitle: "Where public-service innovations have been adopted or tried, and the needs commissioners have posted.",
      selfLink: absoluteUrl(base, "/feed.atom"),
      alternateLink: absoluteUrl(base, "/data"),
      author: "Innovation Exchange",
      entries: feedEntries(db, base),
    },
    now,
  );
}
