// Sets up an adopted match for tests (integration, the route harness and e2e): the match is
// written at `piloting`, then adopted through the real workflow (applyMatchAction), which
// drafts the living case study and its three outcome reminders.
import { and, eq } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, matches, needs } from "../../db/schema";
import { applyMatchAction } from "../../app/models/match-workflow.server";
import type { MatchStatus } from "../../app/domain/vocabulary";

/** A match of this need and idea at the given status (written directly: for the stages before adoption). */
export function insertMatch(
  db: ExchangeDb,
  input: { needId: number; ideaId: number; status: MatchStatus; declinedFrom?: MatchStatus | null; at?: Date },
): number {
  const at = input.at ?? new Date();
  return db
    .insert(matches)
    .values({
      needId: input.needId,
      ideaId: input.ideaId,
      status: input.status,
      source: "broker",
      declinedFrom: input.declinedFrom ?? null,
      declineReason: input.status === "declined" ? "The pilot did not fit our service." : null,
      confirmedAt: at,
      commissionerConsentAt: at,
      innovatorConsentAt: at,
      statusChangedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: matches.id })
    .get().id;
}

/** Adopts a new piloting match of the need (owned by `commissionerId`) and the idea, at `at`. */
export function adoptMatch(
  db: ExchangeDb,
  input: { needId: number; ideaId: number; commissionerId: string; at?: Date },
): { matchId: number; caseStudyId: number } {
  const at = input.at ?? new Date();
  const owner = db.select({ ownerId: needs.ownerId }).from(needs).where(eq(needs.id, input.needId)).get();
  if (owner?.ownerId !== input.commissionerId) throw new Error("adoptMatch: the need must belong to the commissioner");
  const matchId = insertMatch(db, { needId: input.needId, ideaId: input.ideaId, status: "piloting", at });
  applyMatchAction(db, { id: input.commissionerId, role: "commissioner" }, matchId, { action: "adopt" }, at);
  const study = db
    .select({ id: caseStudies.id })
    .from(caseStudies)
    .where(and(eq(caseStudies.matchId, matchId)))
    .get();
  if (!study) throw new Error("adoptMatch: no case study was drafted");
  return { matchId, caseStudyId: study.id };
}
