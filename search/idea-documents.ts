// Ideas as search documents: their case studies read in one query, then mapped, given their
// vectors and hashed. The relay, the reindex and the matching corpus all start from here.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../db/client";
import { caseStudies, type CaseStudyRow, type IdeaRow } from "../db/schema";
import { ideaToDocument, withContentHash } from "./documents";
import { withIdeaVectors } from "./embeddings/idea-vectors";

/** Each idea's case studies in page order; `publishedOnly` leaves out those awaiting review. */
export function caseStudiesByIdea(db: Pick<ExchangeDb, "select">, ideaIds: number[], options: { publishedOnly?: boolean } = {}): Map<number, CaseStudyRow[]> {
  const byIdea = new Map<number, CaseStudyRow[]>();
  if (!ideaIds.length) return byIdea;
  const ofTheseIdeas = inArray(caseStudies.ideaId, ideaIds);
  const studies = db
    .select()
    .from(caseStudies)
    .where(options.publishedOnly ? and(ofTheseIdeas, eq(caseStudies.reviewStatus, "published")) : ofTheseIdeas)
    .orderBy(asc(caseStudies.ideaId), asc(caseStudies.position))
    .all();
  for (const study of studies) {
    const list = byIdea.get(study.ideaId);
    if (list) list.push(study);
    else byIdea.set(study.ideaId, [study]);
  }
  return byIdea;
}

/** The search documents of these ideas, with their vectors and content hashes. */
export function ideaSearchDocuments(db: ExchangeDb, rows: IdeaRow[]) {
  const studies = caseStudiesByIdea(
    db,
    rows.map((row) => row.id),
  );
  return withIdeaVectors(
    db,
    rows.map((row) => ideaToDocument(row, studies.get(row.id) ?? [])),
  ).map(withContentHash);
}
