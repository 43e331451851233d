// How the broker pages show idea fields, pending changes and audit entries as words. Pure.
import {
  diffusionModelLabels,
  ideaStatusLabels,
  needStatusLabels,
  type IdeaStatus,
  type NeedStatus,
  lifecyclePhaseLabels,
  sectorLabels,
  typologyLabels,
  type DiffusionDetails,
  type DiffusionModel,
  type LifecyclePhase,
  type Sector,
  type Typology,
} from "./vocabulary";

export const ideaFieldLabels: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  problem: "The problem",
  solution: "How it works",
  evidence: "Evidence",
  evidenceLevel: "Evidence level",
  evidenceJustification: "Evidence level justification",
  sectors: "Sectors",
  typology: "Typology",
  diffusionModels: "Diffusion models",
  diffusionDetails: "How it spreads: detail",
  lifecyclePhase: "Lifecycle phase",
  originLocality: "Place of origin",
  originCountry: "Country of origin",
  organisation: "Organisation",
  costs: "Costs",
  tags: "Tags",
  status: "Status",
  reviewStatus: "Review status",
  locality: "Place",
};

export function fieldLabel(field: string): string {
  return ideaFieldLabels[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

const detailLabels: Record<string, string> = {
  licence: "Licence",
  replicationPack: "Replication pack",
  feeModel: "Fee model",
  coreElements: "Core elements an adopter must keep",
  adaptableElements: "What an adopter may adapt",
  adoptersPerYear: "New adopters the owner can support a year",
  transfers: "What transfers",
  terms: "Terms",
  capacity: "Capacity to expand",
  investmentNeeded: "Investment needed",
};

export type DetailRow = { model: DiffusionModel; label: string; value: string };

/** The route-specific detail of each diffusion model as labelled rows, in the models' order. */
export function diffusionDetailRows(details: DiffusionDetails | null | undefined): DetailRow[] {
  const rows: DetailRow[] = [];
  for (const model of ["uncontrolled", "franchise", "takeover", "growth"] as const) {
    const entry = details?.[model] as Record<string, unknown> | undefined;
    if (!entry) continue;
    for (const [key, value] of Object.entries(entry)) {
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) continue;
      rows.push({
        model,
        label: detailLabels[key] ?? key,
        value: Array.isArray(value) ? value.map((item) => String(item).replace(/-/g, " ")).join(", ") : String(value),
      });
    }
  }
  return rows;
}

/** One field's value as text, with vocabulary keys turned into their labels. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "(none)";
  if (field === "sectors" && Array.isArray(value)) return value.map((v) => sectorLabels[v as Sector] ?? String(v)).join(", ");
  if (field === "typology" && Array.isArray(value)) return value.map((v) => typologyLabels[v as Typology] ?? String(v)).join(", ");
  if (field === "diffusionModels" && Array.isArray(value)) return value.map((v) => diffusionModelLabels[v as DiffusionModel] ?? String(v)).join("; ");
  if (field === "lifecyclePhase") return lifecyclePhaseLabels[value as LifecyclePhase] ?? String(value);
  if (field === "diffusionDetails" && typeof value === "object") {
    const rows = diffusionDetailRows(value as DiffusionDetails);
    return rows.length ? rows.map((row) => `${row.model}: ${row.label}: ${row.value}`).join("\n") : "(none)";
  }
  if (Array.isArray(value)) return value.map(String).join(", ");
  // A rubric scoring (review-rubric.ts): "Evidence 3, Cost clarity 2".
  if (field === "scores" && typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([key, score]) => `${fieldLabel(key)} ${String(score)}`)
      .join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export type FieldChange = { field: string; label: string; before: string; after: string };

/** Pending (reviewed) edits of a published idea as before → after rows. */
export function pendingChangeRows(live: Record<string, unknown>, pending: Record<string, unknown> | null | undefined): FieldChange[] {
  if (!pending) return [];
  return Object.keys(pending).map((field) => ({
    field,
    label: fieldLabel(field),
    before: formatFieldValue(field, live[field]),
    after: formatFieldValue(field, pending[field]),
  }));
}

/** An audit entry's before/after objects as rows of changed fields (fields in either side). */
export function auditChangeRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  // A field recorded on both sides with the same value did not change: leave it out.
  const unchanged = (field: string) =>
    !!before && !!after && field in before && field in after && JSON.stringify(before[field]) === JSON.stringify(after[field]);
  return fields
    .filter((field) => !unchanged(field))
    .map((field) => ({
      field,
      label: fieldLabel(field),
      before: before && field in before ? formatFieldValue(field, before[field]) : "",
      after: after && field in after ? formatFieldValue(field, after[field]) : "",
    }));
}

/** An idea's status in words for its owner, with where its review stands. */
export function ideaStatusText(idea: { status: string; reviewOutcome: string | null; awaitingReview: boolean; hasPendingChanges: boolean }) {
  if (idea.status === "published" && idea.awaitingReview) return "Published; changes waiting for review";
  if (idea.status === "published" && idea.hasPendingChanges && idea.reviewOutcome === "changes-requested") return "Published; changes requested";
  if (idea.status === "draft" && idea.reviewOutcome === "changes-requested") return "Changes requested";
  if (idea.status === "archived" && idea.reviewOutcome === "rejected") return "Rejected";
  return ideaStatusLabels[idea.status as IdeaStatus] ?? idea.status;
}

/** A need's status in words for its owner, with where its review stands. */
export function needStatusText(need: { status: string; reviewOutcome: string | null }) {
  if (need.status === "draft" && need.reviewOutcome === "changes-requested") return "Changes requested";
  if (need.status === "closed" && need.reviewOutcome === "rejected") return "Rejected";
  return needStatusLabels[need.status as NeedStatus] ?? need.status;
}
