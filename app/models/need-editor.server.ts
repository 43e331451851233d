// Commissioners' writes to their own needs: drafts, edits and submission to broker triage.
import { desc, eq } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { needs, type NeedRow } from "../../db/schema";
import { blankWhereNull, nullWhereBlank } from "../domain/form-fields";
import { datePartsOf } from "../domain/input-parsers";
import { needIsComplete, type NeedFormValues } from "../domain/need-form";
import { createOwnerDraft, saveOwnerDraft } from "./owner-drafts.server";
import { NotAllowedError, NotFoundError } from "./errors.server";

export class IncompleteNeedError extends Error {
  constructor() {
    super("Fill in every part of the quality check before you submit");
  }
}

/** The need's text columns the form may leave blank (null in the row). */
const optionalNeedText = ["whoIsAffected", "outcomes", "lifecyclePhase", "constraints", "locality", "country"] as const;

export function needColumnsFromForm(values: NeedFormValues) {
  return {
    title: values.title,
    problem: values.problem,
    sectors: values.sectors,
    ...nullWhereBlank(values, [...optionalNeedText, "budgetMin", "budgetMax", "deadline"]),
    fundingRoutes: values.fundingRoutes ?? [],
    diffusionModels: values.diffusionModels ?? [],
  };
}

export function needFormDefaults(need: NeedRow): Record<string, unknown> {
  return {
    title: need.title,
    problem: need.problem,
    sectors: need.sectors,
    ...blankWhereNull(need, optionalNeedText),
    budgetMin: need.budgetMin?.toString() ?? "",
    budgetMax: need.budgetMax?.toString() ?? "",
    fundingRoutes: need.fundingRoutes,
    diffusionModels: need.diffusionModels,
    ...Object.fromEntries(Object.entries(datePartsOf(need.deadline)).map(([part, value]) => [`deadline${part[0].toUpperCase()}${part.slice(1)}`, value])),
  };
}

export function listOwnNeeds(db: ExchangeDb, ownerId: string) {
  return db.select().from(needs).where(eq(needs.ownerId, ownerId)).orderBy(desc(needs.updatedAt)).all();
}

export function getOwnNeed(db: Pick<ExchangeDb, "select">, ownerId: string, slug: string): NeedRow {
  const need = db.select().from(needs).where(eq(needs.slug, slug)).get();
  if (!need) throw new NotFoundError(`No need has the address ${slug}`);
  if (need.ownerId !== ownerId) throw new NotAllowedError("Only the commissioner who posted this need can change it");
  return need;
}

export function createNeedDraft(db: ExchangeDb, owner: { id: string; organisationId: number | null }, values: NeedFormValues, submit: boolean): NeedRow {
  if (submit && !needIsComplete(values)) throw new IncompleteNeedError();
  return createOwnerDraft(db, "need", owner, needColumnsFromForm(values), submit);
}

/** Drafts and needs in triage change in place; an open need's edits stay open (its matches are re-ranked). */
export function updateOwnNeed(db: ExchangeDb, ownerId: string, slug: string, values: NeedFormValues, submit: boolean): "saved" | "submitted" {
  return db.transaction((tx) => {
    const need = getOwnNeed(tx, ownerId, slug);
    if (need.status === "closed") throw new NotAllowedError("This need is closed and can no longer be edited");
    const becomesSubmitted = submit && need.status === "draft";
    if (becomesSubmitted && !needIsComplete(values)) throw new IncompleteNeedError();
    return saveOwnerDraft(tx, "need", need, ownerId, needColumnsFromForm(values), becomesSubmitted, new Date());
  });
}
