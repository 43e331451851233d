// Living case studies: an adopted match becomes a case study draft of its idea (reviewed by a
// broker before it is shown), and its commissioner is asked for outcomes 6, 12 and 24 months on.
import { eq, max } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, organisations, outcomeReminders, type IdeaRow, type MatchRow, type NeedRow } from "../../db/schema";
import { addMonths, outcomeReminderMonths } from "../domain/match-workflow";
import { recordAudit } from "./audit.server";

type Tx = Parameters<Parameters<ExchangeDb["transaction"]>[0]>[0];

/** Call inside the transaction that moves the match to `adopted`. Returns the case study id. */
export function draftLivingCaseStudy(tx: Tx, match: MatchRow, need: NeedRow, idea: IdeaRow, now: Date): number {
  const organisation = need.organisationId ? tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, need.organisationId)).get() : undefined;
  const [{ last }] = tx.select({ last: max(caseStudies.position) }).from(caseStudies).where(eq(caseStudies.ideaId, idea.id)).all();
  const study = tx
    .insert(caseStudies)
    .values({
      ideaId: idea.id,
      position: (last ?? -1) + 1,
      locality: need.locality ?? organisation?.name ?? need.title,
      country: need.country,
      year: now.getUTCFullYear(),
      status: "adopted",
      outcomes: null,
      lessons: null,
      reviewStatus: "submitted",
      submittedById: need.ownerId,
      submittedAt: now,
      matchId: match.id,
      createdAt: now,
    })
    .returning({ id: caseStudies.id })
    .get();
  for (const months of outcomeReminderMonths) {
    tx.insert(outcomeReminders).values({ matchId: match.id, caseStudyId: study.id, monthsAfterAdoption: months, dueAt: addMonths(now, months) }).run();
  }
  recordAudit(tx, { itemType: "case-study", itemId: study.id, actorId: null, action: "draft-from-match", after: { matchId: match.id, reviewStatus: "submitted" } });
  return study.id;
}
