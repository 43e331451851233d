// Pure mapping from SQLite rows to Meilisearch documents. The index is derived data:
// everything here can be rebuilt from the database at any time.
import crypto from "node:crypto";
import type { CaseStudyRow, IdeaRow, NeedRow } from "../db/schema";

export type IdeaDocument = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  problem: string | null;
  solution: string | null;
  evidence: string | null;
  evidenceLevel: number | null;
  /** What transfers when an organisation takes the idea over wholesale (filterable). */
  takeoverTransfers: string[];
  sectors: string[];
  typology: string[];
  diffusionModels: string[];
  lifecyclePhase: string | null;
  country: string | null;
  originLocality: string | null;
  organisation: string | null;
  tags: string[];
  caseStudyLocalities: string[];
  caseStudyOutcomes: string[];
  caseStudyLessons: string[];
  adoptionCount: number;
  status: string;
  updatedAt: number;
};

export type NeedDocument = {
  id: number;
  slug: string;
  title: string;
  problem: string;
  outcomes: string | null;
  sectors: string[];
  locality: string | null;
  country: string | null;
  fundingRoutes: string[];
  diffusionModels: string[];
  budgetMax: number | null;
  deadline: string | null;
  status: string;
  updatedAt: number;
};

type IdeaProse = { slug: string; title: string; summary: string; problem?: string | null; solution?: string | null; evidence?: string | null };

/** An idea's own words, as search documents and the matching baseline read them (a row or an exchange-format item). */
export function ideaProse(idea: IdeaProse) {
  const { slug, title, summary } = idea;
  return { slug, title, summary, problem: idea.problem ?? null, solution: idea.solution ?? null, evidence: idea.evidence ?? null };
}

export function ideaToDocument(idea: IdeaRow, allCaseStudies: CaseStudyRow[]): IdeaDocument {
  // Case studies awaiting review are not public, so they are not searchable either.
  const caseStudies = allCaseStudies.filter((caseStudy) => caseStudy.reviewStatus === "published");
  return {
    id: idea.id,
    ...ideaProse(idea),
    evidenceLevel: idea.evidenceLevel,
    takeoverTransfers: idea.diffusionModels.includes("takeover") ? (idea.diffusionDetails?.takeover?.transfers ?? []) : [],
    sectors: idea.sectors,
    typology: idea.typology,
    diffusionModels: idea.diffusionModels,
    lifecyclePhase: idea.lifecyclePhase,
    country: idea.originCountry,
    originLocality: idea.originLocality,
    organisation: idea.organisation,
    tags: idea.tags,
    caseStudyLocalities: caseStudies.map((caseStudy) => caseStudy.locality),
    caseStudyOutcomes: caseStudies.flatMap((caseStudy) => (caseStudy.outcomes ? [caseStudy.outcomes] : [])),
    caseStudyLessons: caseStudies.flatMap((caseStudy) => (caseStudy.lessons ? [caseStudy.lessons] : [])),
    adoptionCount: caseStudies.filter((caseStudy) => caseStudy.status === "adopted").length,
    status: idea.status,
    updatedAt: idea.updatedAt.getTime(),
  };
}

export function needToDocument(need: NeedRow): NeedDocument {
  return {
    id: need.id,
    slug: need.slug,
    title: need.title,
    problem: need.problem,
    outcomes: need.outcomes,
    sectors: need.sectors,
    locality: need.locality,
    country: need.country,
    fundingRoutes: need.fundingRoutes,
    diffusionModels: need.diffusionModels,
    budgetMax: need.budgetMax,
    deadline: need.deadline,
    status: need.status,
    updatedAt: need.updatedAt.getTime(),
  };
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .filter((key) => !key.startsWith("_") && key !== "contentHash")
        .sort()
        .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A hash of a document's content (key order, Meilisearch's `_` fields and the stored hash aside). */
export function documentHash(document: object): string {
  return crypto
    .createHash("sha1")
    .update(JSON.stringify(stable(document)))
    .digest("hex");
}

/**
 * The document as it is sent to Meilisearch: with its content hash stored in it, so the
 * reconcile pass reads back only ids and hashes (at 100,000 ideas, 6 MB instead of 230 MB of
 * JSON to fetch, parse and re-hash every pass).
 */
export function withContentHash<T extends object>(document: T): T & { contentHash: string } {
  return { ...document, contentHash: documentHash(document) };
}
