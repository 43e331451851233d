// Innovators' writes to their own ideas. Ownership is checked here as well as in the routes.
import { asc, desc, eq } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideaRevisions, ideas, users, type IdeaRow } from "../../db/schema";
import { blankWhereNull, nullWhereBlank } from "../domain/form-fields";
import type { CaseStudyFormValues, IdeaFormValues } from "../domain/idea-form";
import { canSubmitIdea, splitIdeaChanges } from "../domain/review-workflow";
import type { DiffusionDetails } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { enqueueSearchSync } from "./search-outbox.server";
import { createOwnerDraft, saveOwnerDraft } from "./owner-drafts.server";
import { NotAllowedError, NotFoundError } from "./errors.server";

export function diffusionDetailsFromForm(values: IdeaFormValues): DiffusionDetails {
  const offers = new Set(values.diffusionModels);
  const details: DiffusionDetails = {};
  if (offers.has("uncontrolled")) details.uncontrolled = { licence: values.uncontrolledLicence, replicationPack: values.uncontrolledReplicationPack };
  if (offers.has("franchise"))
    details.franchise = {
      feeModel: values.franchiseFeeModel,
      coreElements: values.franchiseCoreElements,
      adaptableElements: values.franchiseAdaptableElements,
      adoptersPerYear: values.franchiseAdoptersPerYear,
    };
  if (offers.has("takeover"))
    details.takeover = { transfers: values.takeoverTransfers?.length ? values.takeoverTransfers : undefined, terms: values.takeoverTerms };
  if (offers.has("growth")) details.growth = { capacity: values.growthCapacity, investmentNeeded: values.growthInvestmentNeeded };
  // Only what was written: an untouched route leaves no empty object behind, so saving a live
  // idea whose routes had no detail does not look like a change to its routes.
  const written = JSON.parse(JSON.stringify(details)) as Record<string, Record<string, unknown>>; // drops undefined keys
  for (const [model, detail] of Object.entries(written)) if (Object.keys(detail).length === 0) delete written[model];
  return written as DiffusionDetails;
}

/** The idea's columns the form may leave blank (null in the row). */
const optionalIdeaColumns = ["problem", "solution", "evidence", "lifecyclePhase", "originLocality", "originCountry", "organisation", "costs"] as const;

/** The form's values as idea columns. */
export function ideaColumnsFromForm(values: IdeaFormValues) {
  return {
    title: values.title,
    summary: values.summary,
    ...nullWhereBlank(values, optionalIdeaColumns),
    sectors: values.sectors,
    typology: values.typology ?? [],
    diffusionModels: values.diffusionModels,
    diffusionDetails: diffusionDetailsFromForm(values),
    tags: values.tags,
  };
}

export type IdeaColumns = ReturnType<typeof ideaColumnsFromForm>;

/** The idea as its owner edits it: a published idea's pending (reviewed) changes are shown in place. */
export function formDefaultsForIdea(idea: IdeaRow): Record<string, unknown> {
  const current = { ...idea, ...(idea.pendingChanges ?? {}) } as IdeaRow;
  const details = current.diffusionDetails ?? {};
  return {
    title: current.title,
    summary: current.summary,
    ...blankWhereNull(current, optionalIdeaColumns),
    sectors: current.sectors,
    typology: current.typology,
    diffusionModels: current.diffusionModels,
    tags: current.tags.join(", "),
    uncontrolledLicence: details.uncontrolled?.licence ?? "",
    uncontrolledReplicationPack: details.uncontrolled?.replicationPack ?? "",
    franchiseFeeModel: details.franchise?.feeModel ?? "",
    franchiseCoreElements: details.franchise?.coreElements ?? "",
    franchiseAdaptableElements: details.franchise?.adaptableElements ?? "",
    franchiseAdoptersPerYear: details.franchise?.adoptersPerYear?.toString() ?? "",
    takeoverTransfers: details.takeover?.transfers ?? [],
    takeoverTerms: details.takeover?.terms ?? "",
    growthCapacity: details.growth?.capacity ?? "",
    growthInvestmentNeeded: details.growth?.investmentNeeded ?? "",
  };
}

export function getOwnIdea(db: Pick<ExchangeDb, "select">, ownerId: string, slug: string): IdeaRow {
  const idea = db.select().from(ideas).where(eq(ideas.slug, slug)).get();
  if (!idea) throw new NotFoundError(`No idea has the address ${slug}`);
  if (idea.ownerId !== ownerId) throw new NotAllowedError("Only the innovator who owns this idea can change it");
  return idea;
}

/** The owner's idea, to change: a rejected or archived idea is not changed any more. */
function getOwnEditableIdea(db: Pick<ExchangeDb, "select">, ownerId: string, slug: string): IdeaRow {
  const idea = getOwnIdea(db, ownerId, slug);
  if (idea.status === "archived") throw new NotAllowedError("This idea was rejected or archived and can no longer be edited");
  return idea;
}

export function listOwnIdeas(db: ExchangeDb, ownerId: string) {
  return db.select().from(ideas).where(eq(ideas.ownerId, ownerId)).orderBy(desc(ideas.updatedAt)).all();
}

export function createIdeaDraft(db: ExchangeDb, owner: { id: string; organisationId: number | null }, values: IdeaFormValues, submit: boolean): IdeaRow {
  return createOwnerDraft(db, "idea", owner, ideaColumnsFromForm(values), submit);
}

export type IdeaUpdateOutcome = "saved" | "submitted" | "published-at-once" | "sent-for-review" | "unchanged";

/**
 * Saves an owner's edit. Drafts and ideas awaiting review change in place. On a published
 * idea, edits to the diffusion models, their detail or the evidence wait for review (the
 * idea stays live); other edits publish at once, with a revision and an audit entry.
 */
export function updateOwnIdea(db: ExchangeDb, ownerId: string, slug: string, values: IdeaFormValues, submit: boolean, now = new Date()): IdeaUpdateOutcome {
  return db.transaction((tx) => {
    const idea = getOwnEditableIdea(tx, ownerId, slug);
    const columns = ideaColumnsFromForm(values);
    if (idea.status !== "published") {
      return saveOwnerDraft(tx, "idea", idea, ownerId, columns, submit && canSubmitIdea(idea.status), now);
    }
    const base = { ...idea, ...(idea.pendingChanges ?? {}) } as unknown as Record<string, unknown>;
    const { immediate, reviewed } = splitIdeaChanges(base, columns as unknown as Record<string, unknown>);
    const published = splitIdeaChanges(idea as unknown as Record<string, unknown>, immediate);
    let outcome: IdeaUpdateOutcome = "unchanged";
    if (published.changes.length) {
      tx.update(ideas)
        .set({ ...(immediate as Partial<IdeaColumns>), updatedAt: now })
        .where(eq(ideas.id, idea.id))
        .run();
      tx.insert(ideaRevisions).values({ ideaId: idea.id, actorId: ownerId, changes: published.changes, createdAt: now }).run();
      recordAudit(tx, {
        at: now,
        itemType: "idea",
        itemId: idea.id,
        actorId: ownerId,
        action: "edited (published at once)",
        before: Object.fromEntries(published.changes.map((change) => [change.field, change.before])),
        after: Object.fromEntries(published.changes.map((change) => [change.field, change.after])),
      });
      enqueueSearchSync(tx, "ideas", [idea.id]);
      outcome = "published-at-once";
    }
    const pending = { ...(idea.pendingChanges ?? {}), ...reviewed };
    // Drop pending values that equal what is live.
    for (const key of Object.keys(pending)) {
      if (JSON.stringify(pending[key]) === JSON.stringify((idea as unknown as Record<string, unknown>)[key])) delete pending[key];
    }
    const hasPending = Object.keys(pending).length > 0;
    if (hasPending || idea.pendingChanges) {
      const sendNow = hasPending && (submit || Object.keys(reviewed).length > 0);
      tx.update(ideas)
        .set({
          pendingChanges: hasPending ? pending : null,
          submittedAt: sendNow ? now : hasPending ? idea.submittedAt : null,
          ...(sendNow ? { reviewOutcome: null } : {}),
        })
        .where(eq(ideas.id, idea.id))
        .run();
      if (sendNow) {
        recordAudit(tx, {
          itemType: "idea",
          itemId: idea.id,
          actorId: ownerId,
          action: "changes sent for review",
          before: Object.fromEntries(Object.keys(pending).map((key) => [key, (idea as unknown as Record<string, unknown>)[key] ?? null])),
          after: pending,
        });
        outcome = "sent-for-review";
      }
    }
    return outcome;
  });
}

export function listRevisions(db: ExchangeDb, ideaId: number) {
  return db
    .select({ id: ideaRevisions.id, changes: ideaRevisions.changes, createdAt: ideaRevisions.createdAt, actorName: users.displayName })
    .from(ideaRevisions)
    .leftJoin(users, eq(users.id, ideaRevisions.actorId))
    .where(eq(ideaRevisions.ideaId, ideaId))
    .orderBy(desc(ideaRevisions.id))
    .all();
}

function caseStudyColumnsFromForm(values: CaseStudyFormValues) {
  return { locality: values.locality, status: values.status, ...nullWhereBlank(values, ["country", "year", "outcomes", "lessons"]) };
}

/** Case studies on a draft travel with the idea's review; on a published idea they are reviewed on their own. */
export function addCaseStudy(db: ExchangeDb, ownerId: string, slug: string, values: CaseStudyFormValues) {
  return db.transaction((tx) => {
    const idea = getOwnEditableIdea(tx, ownerId, slug);
    const last = tx
      .select({ position: caseStudies.position })
      .from(caseStudies)
      .where(eq(caseStudies.ideaId, idea.id))
      .orderBy(desc(caseStudies.position))
      .limit(1)
      .get();
    const reviewed = idea.status === "published";
    const study = tx
      .insert(caseStudies)
      .values({
        ideaId: idea.id,
        position: (last?.position ?? -1) + 1,
        ...caseStudyColumnsFromForm(values),
        reviewStatus: reviewed ? "submitted" : "published",
        submittedById: ownerId,
        submittedAt: reviewed ? new Date() : null,
      })
      .returning()
      .get();
    recordAudit(tx, {
      itemType: "case-study",
      itemId: study.id,
      actorId: ownerId,
      action: reviewed ? "submitted" : "added to draft",
      after: { locality: study.locality, status: study.status },
    });
    enqueueSearchSync(tx, "ideas", [idea.id]);
    return study;
  });
}

export function listOwnCaseStudies(db: ExchangeDb, ideaId: number) {
  return db.select().from(caseStudies).where(eq(caseStudies.ideaId, ideaId)).orderBy(asc(caseStudies.position)).all();
}

export function ideaAwaitingReview(idea: Pick<IdeaRow, "status" | "pendingChanges" | "submittedAt">): boolean {
  return idea.status === "submitted" || (idea.status === "published" && !!idea.pendingChanges && !!idea.submittedAt);
}

/**
 * A case study a broker sent back ("changes requested") or rejected, edited by the innovator
 * and sent to review again. Other case studies are not edited here: a published one is
 * public, and one waiting for review is the broker's to decide.
 */
export function resubmitCaseStudy(db: ExchangeDb, ownerId: string, slug: string, caseStudyId: number, values: CaseStudyFormValues) {
  return db.transaction((tx) => {
    const idea = getOwnEditableIdea(tx, ownerId, slug);
    const study = tx.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId)).get();
    if (!study || study.ideaId !== idea.id) throw new NotFoundError("That case study is not one of this idea's");
    if (study.reviewStatus !== "changes-requested" && study.reviewStatus !== "rejected") {
      throw new NotAllowedError("Only a case study a broker sent back or rejected can be edited and resubmitted");
    }
    const after = caseStudyColumnsFromForm(values);
    tx.update(caseStudies)
      .set({ ...after, reviewStatus: "submitted", submittedById: ownerId, submittedAt: new Date() })
      .where(eq(caseStudies.id, study.id))
      .run();
    recordAudit(tx, {
      itemType: "case-study",
      itemId: study.id,
      actorId: ownerId,
      action: "resubmitted",
      before: { reviewStatus: study.reviewStatus, locality: study.locality, status: study.status, outcomes: study.outcomes, lessons: study.lessons },
      after: { reviewStatus: "submitted", ...after },
    });
    enqueueSearchSync(tx, "ideas", [idea.id]);
  });
}
