import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, needs, type CaseStudyRow, type IdeaRow } from "../../db/schema";
import { isPublicCaseStudy, selectCaseStudiesWithIdea } from "./public-case-studies.server";

export type PublishedIdea = IdeaRow & { caseStudies: CaseStudyRow[] };

export function getPublishedIdea(db: ExchangeDb, slug: string): PublishedIdea | null {
  const idea = db
    .select()
    .from(ideas)
    .where(and(eq(ideas.slug, slug), eq(ideas.status, "published")))
    .get();
  if (!idea) return null;
  const studies = db
    .select()
    .from(caseStudies)
    .where(and(eq(caseStudies.ideaId, idea.id), eq(caseStudies.reviewStatus, "published")))
    .orderBy(asc(caseStudies.position))
    .all();
  return { ...idea, caseStudies: studies };
}

/** What a search result shows of an idea. */
export type IdeaCard = Pick<
  IdeaRow,
  "id" | "slug" | "title" | "summary" | "sectors" | "diffusionModels" | "typology" | "lifecyclePhase" | "evidenceLevel" | "originCountry" | "organisation"
> & { caseStudyCount: number };

// One prepared statement per database: the ids go in as one JSON array, so the statement is
// prepared once rather than once per search (better-sqlite3's prepare was 2% of the search
// page's CPU), and only the columns a result card shows are read and mapped.
const cardStatements = new WeakMap<ExchangeDb, ReturnType<typeof prepareCardStatement>>();

/** What every list of ideas shows of one: its title and link, summary and badges. */
export const ideaListColumns = {
  id: ideas.id,
  slug: ideas.slug,
  title: ideas.title,
  summary: ideas.summary,
  sectors: ideas.sectors,
  diffusionModels: ideas.diffusionModels,
  lifecyclePhase: ideas.lifecyclePhase,
  evidenceLevel: ideas.evidenceLevel,
};

function prepareCardStatement(db: ExchangeDb) {
  return db
    .select({
      ...ideaListColumns,
      typology: ideas.typology,
      originCountry: ideas.originCountry,
      organisation: ideas.organisation,
      status: ideas.status,
      // Spelled out: in a one-table select drizzle writes columns unqualified, and "id" would mean case_studies.id here.
      caseStudyCount: sql<number>`(select count(*) from case_studies as cs where cs.idea_id = "ideas"."id" and cs.review_status = 'published')`,
    })
    .from(ideas)
    .where(sql`${ideas.id} in (select value from json_each(${sql.placeholder("ids")}))`)
    .prepare();
}

/** The published ones among these ideas (the engine's ranked slugs), by slug. */
export function getPublishedIdeasBySlug(db: ExchangeDb, slugs: string[]): Map<string, IdeaRow> {
  if (!slugs.length) return new Map();
  const rows = db
    .select()
    .from(ideas)
    .where(and(inArray(ideas.slug, slugs), eq(ideas.status, "published")))
    .all();
  return new Map(rows.map((row) => [row.slug, row]));
}

/** Search hits as result cards, re-read from SQLite (the source of truth): only published ideas, in hit order. */
export function getPublishedIdeaCardsByIds(db: ExchangeDb, ids: number[]): IdeaCard[] {
  if (!ids.length) return [];
  let statement = cardStatements.get(db);
  if (!statement) {
    statement = prepareCardStatement(db);
    cardStatements.set(db, statement);
  }
  const byId = new Map<number, IdeaCard>();
  for (const { status, ...card } of statement.all({ ids: JSON.stringify(ids) })) {
    if (status === "published") byId.set(card.id, card);
  }
  return ids.flatMap((id) => {
    const card = byId.get(id);
    return card ? [card] : [];
  });
}

export function exchangeCounts(db: ExchangeDb) {
  const [publishedIdeas] = db.select({ n: count() }).from(ideas).where(eq(ideas.status, "published")).all();
  const [openNeeds] = db.select({ n: count() }).from(needs).where(eq(needs.status, "open")).all();
  const [studies] = db
    .select({ n: count(), places: sql<number>`count(distinct ${caseStudies.locality})` })
    .from(caseStudies)
    .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
    .where(isPublicCaseStudy())
    .all();
  return { ideas: publishedIdeas?.n ?? 0, needs: openNeeds?.n ?? 0, caseStudies: studies?.n ?? 0, places: studies?.places ?? 0 };
}

export function recentCaseStudies(db: ExchangeDb, limit: number) {
  return selectCaseStudiesWithIdea(db, { outcomes: caseStudies.outcomes })
    .where(isPublicCaseStudy())
    .orderBy(desc(sql`coalesce(${caseStudies.year}, 0)`), desc(caseStudies.id))
    .limit(limit)
    .all();
}
