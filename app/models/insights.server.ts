// The rows behind /insights: public figures from published ideas, their published case
// studies, open needs and match rows; broker figures from match rows, the audit log and the
// review queues. The arithmetic is in app/domain/insights.ts.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { auditLog, caseStudies, ideas, matches, needs } from "../../db/schema";
import {
  adoptionsByDiffusionModel,
  adoptionsByYear,
  matchFunnel,
  queueEntryActions,
  queueExitActions,
  queueStays,
  queueTimes,
  supplyAndDemand,
  type AdoptionStudy,
} from "../domain/insights";
import type { ReviewItemType } from "../domain/vocabulary";
import { listReviewQueue } from "./review.server";
import { isPublicCaseStudy } from "./public-case-studies.server";

export function publicInsights(db: ExchangeDb) {
  const adoptedCount = sql<number>`(select count(*) from case_studies cs where cs.idea_id = ideas.id and cs.review_status = 'published' and cs.status = 'adopted')`;
  const supply = db
    .select({ sectors: ideas.sectors, diffusionModels: ideas.diffusionModels, evidenceLevel: ideas.evidenceLevel, adoptedCount })
    .from(ideas)
    .where(eq(ideas.status, "published"))
    .all();
  const demand = db
    .select({ id: needs.id, slug: needs.slug, title: needs.title, sectors: needs.sectors, diffusionModels: needs.diffusionModels })
    .from(needs)
    .where(eq(needs.status, "open"))
    .orderBy(asc(needs.title))
    .all();
  const matchRows = demand.length
    ? db
        .select({ needId: matches.needId, status: matches.status, score: matches.score })
        .from(matches)
        .where(
          inArray(
            matches.needId,
            demand.map((need) => need.id),
          ),
        )
        .all()
    : [];
  const studies: AdoptionStudy[] = db
    .select({ year: caseStudies.year, status: caseStudies.status, diffusionModels: ideas.diffusionModels })
    .from(caseStudies)
    .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
    .where(isPublicCaseStudy())
    .all();
  return {
    totals: { ideas: supply.length, needs: demand.length, caseStudies: studies.length },
    ...supplyAndDemand(supply, demand, matchRows),
    adoptions: adoptionsByYear(studies),
    byModel: adoptionsByDiffusionModel(studies, supply),
  };
}

export function brokerInsights(db: ExchangeDb, options: { brokerId: string; serviceLevelDays: number; now: Date; sinceDays?: number }) {
  const funnel = matchFunnel(
    db
      .select({ status: matches.status })
      .from(matches)
      .all()
      .map((row) => row.status),
  );
  const since = new Date(options.now.getTime() - (options.sinceDays ?? 180) * 24 * 60 * 60 * 1000);
  // Every queue event of the items decided in the window, so a stay that began before it still pairs.
  // (Column names written out: drizzle leaves them unqualified, and they would bind to d.)
  const events = db
    .select({ itemType: auditLog.itemType, itemId: auditLog.itemId, action: auditLog.action, at: auditLog.createdAt })
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.action, [...queueEntryActions, ...queueExitActions]),
        sql`exists (select 1 from audit_log d where d.item_type = audit_log.item_type and d.item_id = audit_log.item_id
          and d.action in (${sql.join(
            queueExitActions.map((action) => sql`${action}`),
            sql`, `,
          )}) and d.created_at >= ${since.getTime()})`,
      ),
    )
    .orderBy(asc(auditLog.id))
    .all()
    .filter((event): event is typeof event & { itemType: ReviewItemType } => event.itemType !== "match");
  const stays = queueStays(events).filter((stay) => stay.decidedAt >= since);
  const waiting = listReviewQueue(db, options.brokerId, {}, options.now, options.serviceLevelDays);
  return { funnel, queues: queueTimes(stays, waiting, options.serviceLevelDays, options.now), sinceDays: options.sinceDays ?? 180 };
}
