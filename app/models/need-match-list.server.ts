// The commissioner's view of the engine's ranked ideas for one of their needs: each idea with
// its score, reasons, matched terms, procurement route hint and any match already made, and
// the commissioner's two actions on an idea (shortlist, ask for an introduction), which make
// the match first when there is none.
import { eq } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { ideas, type MatchRow, type NeedRow } from "../../db/schema";
import { passesNeedMatchFilters, WEAK_MATCH_RELEVANCE, type NeedMatchFilters } from "../domain/match-display";
import { availableMatchActions, type MatchAction } from "../domain/match-workflow";
import { procurementRouteHint, type ProcurementHint } from "../domain/procurement-hint";
import type { MatchStatus } from "../domain/vocabulary";
import { rankIdeasForNeed } from "./matching.server";
import { SearchUnavailableError } from "./search.server";
import { applyMatchAction, matchesByIdeaForNeed, proposeMatch, type MatchActor } from "./match-workflow.server";
import { NotFoundError } from "./errors.server";
import { getPublishedIdeasBySlug } from "./ideas.server";

/** The engine's candidates read before the filters apply. */
export const RANKED_POOL = 30;

export const commissionerIdeaActions = ["shortlist", "request-introduction"] as const satisfies readonly MatchAction[];
export type CommissionerIdeaAction = (typeof commissionerIdeaActions)[number];

export function isCommissionerIdeaAction(value: unknown): value is CommissionerIdeaAction {
  return (commissionerIdeaActions as readonly unknown[]).includes(value);
}

export type IdeaForNeed = {
  slug: string;
  title: string;
  summary: string;
  score: number;
  reasons: string[];
  fits: boolean;
  matchedTerms: string[];
  sectors: string[];
  diffusionModels: string[];
  evidenceLevel: number | null;
  hint: ProcurementHint;
  match: { id: number; status: MatchStatus } | null;
  /** A weak match: its text relevance is below WEAK_MATCH_RELEVANCE of the best idea's. */
  weak: boolean;
  actions: CommissionerIdeaAction[];
};

function commissionerActions(match: MatchRow | undefined): CommissionerIdeaAction[] {
  // A pair with no match yet is a fresh `suggested` one.
  const state = match ?? { status: "suggested" as const, confirmedAt: null, commissionerConsentAt: null, innovatorConsentAt: null };
  return availableMatchActions("commissioner", state).filter(isCommissionerIdeaAction);
}

/**
 * The engine's ideas for the need, best first, with the filters applied; `pool` is how many
 * the engine ranked before filtering. Throws SearchUnavailableError when Meilisearch is down.
 */
export async function rankedIdeasForNeed(
  db: ExchangeDb,
  meili: Meilisearch,
  need: NeedRow,
  filters: NeedMatchFilters,
): Promise<{ ideas: IdeaForNeed[]; pool: number }> {
  const { ranked } = await rankIdeasForNeed(db, meili, need, { limit: RANKED_POOL });
  if (!ranked.length) return { ideas: [], pool: 0 };
  const rows = getPublishedIdeasBySlug(
    db,
    ranked.map((match) => match.idea),
  );
  const existing = matchesByIdeaForNeed(db, need.id);
  const result: IdeaForNeed[] = [];
  for (const match of ranked) {
    const row = rows.get(match.idea);
    if (!row) continue;
    const candidate = { sectors: row.sectors, fits: match.fits, evidenceLevel: row.evidenceLevel };
    if (!passesNeedMatchFilters(candidate, filters)) continue;
    const made = existing.get(row.id);
    result.push({
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      score: match.score,
      reasons: match.reasons,
      fits: match.fits,
      matchedTerms: match.matchedTerms,
      sectors: row.sectors,
      diffusionModels: row.diffusionModels,
      evidenceLevel: row.evidenceLevel,
      hint: procurementRouteHint({
        ideaModels: row.diffusionModels,
        needModels: need.diffusionModels,
        fundingRoutes: need.fundingRoutes,
        budgetMin: need.budgetMin,
        budgetMax: need.budgetMax,
      }),
      match: made ? { id: made.id, status: made.status } : null,
      weak: match.relevance < WEAK_MATCH_RELEVANCE,
      actions: commissionerActions(made),
    });
  }
  return { ideas: result, pool: ranked.length };
}

/** The engine's score and reasons for one idea, to keep on a match made from the ranked list; null when search is down. */
export async function engineViewOfIdea(
  db: ExchangeDb,
  meili: Meilisearch,
  need: NeedRow,
  ideaSlug: string,
): Promise<{ score: number; reasons: string[] } | null> {
  try {
    const { ranked } = await rankIdeasForNeed(db, meili, need, { limit: RANKED_POOL });
    const found = ranked.find((match) => match.idea === ideaSlug);
    return found ? { score: found.score, reasons: found.reasons } : null;
  } catch (error) {
    if (error instanceof SearchUnavailableError) return null;
    throw error;
  }
}

/**
 * Shortlists an idea for the commissioner's need, or asks for an introduction to it: makes
 * the match (as the commissioner) when the pair has none, then applies the action, in one
 * transaction so a refused action leaves no match behind. NotFoundError for an unknown idea;
 * ConflictError / NotAllowedError from the workflow.
 */
export function actOnIdeaForNeed(
  db: ExchangeDb,
  actor: MatchActor,
  needId: number,
  ideaSlug: string,
  action: CommissionerIdeaAction,
  engine?: { score: number; reasons: string[] } | null,
): MatchRow {
  return db.transaction(() => {
    const idea = db.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, ideaSlug)).get();
    if (!idea) throw new NotFoundError("There is no idea with that address.");
    const { match } = proposeMatch(db, actor, { needId, ideaId: idea.id, score: engine?.score, reasons: engine?.reasons });
    return applyMatchAction(db, actor, match.id, { action });
  });
}
