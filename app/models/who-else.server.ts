// "Who else is trying this?" for an idea's public page: its published case studies, and its
// matches that reached a pilot (adopted, piloting, or dropped after piloting), shown only as
// the need's locality and organisation (app/domain/who-else.ts merges and groups them).
import { and, eq, inArray, or } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, matches, needs, organisations } from "../../db/schema";
import { whoElseIsTryingThis, type Adopter, type AdopterStage } from "../domain/who-else";

export function listAdopters(db: ExchangeDb, ideaId: number): Record<AdopterStage, Adopter[]> {
  const studies = db
    .select({ locality: caseStudies.locality, country: caseStudies.country, year: caseStudies.year, status: caseStudies.status, matchId: caseStudies.matchId })
    .from(caseStudies)
    .where(and(eq(caseStudies.ideaId, ideaId), eq(caseStudies.reviewStatus, "published")))
    .all();
  const matchRows = db
    .select({
      id: matches.id,
      status: matches.status,
      declinedFrom: matches.declinedFrom,
      locality: needs.locality,
      country: needs.country,
      organisation: organisations.name,
      statusChangedAt: matches.statusChangedAt,
      createdAt: matches.createdAt,
    })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .leftJoin(organisations, eq(organisations.id, needs.organisationId))
    .where(
      and(
        eq(matches.ideaId, ideaId),
        or(inArray(matches.status, ["piloting", "adopted"]), and(eq(matches.status, "declined"), eq(matches.declinedFrom, "piloting"))),
      ),
    )
    .all();
  return whoElseIsTryingThis(
    studies,
    matchRows.map((row) => ({ ...row, changedAt: row.statusChangedAt ?? row.createdAt })),
  );
}
