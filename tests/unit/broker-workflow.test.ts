// The brokers' pure helpers: the queue's GET parameters and wording, the decision, note and
// claim forms (as conform parses real form data), the review workflow rules and the way
// changes are shown.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { claimSchema, decisionSchema, noteSchema, toDecisionInput } from "../../app/domain/broker-forms";
import { defaultQueueParams, describeDeadline, formatAge, isReviewItemType, parseItemId, parseQueueParams, queueSearch } from "../../app/domain/broker-queue";
import { auditChangeRows, diffusionDetailRows, formatFieldValue, pendingChangeRows } from "../../app/domain/review-display";
import {
  addWorkingDays,
  decisionNeedsReason,
  ideaStatusAfterDecision,
  isOverdue,
  needStatusAfterDecision,
  reviewDeadline,
  splitIdeaChanges,
} from "../../app/domain/review-workflow";
import type { ReviewItemType } from "../../app/domain/vocabulary";

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) for (const item of ([] as string[]).concat(value)) data.append(key, item);
  return data;
}

function decide(itemType: ReviewItemType, entries: Record<string, string>) {
  return parseWithZod(form({ intent: "decide", ...entries }), { schema: decisionSchema(itemType) });
}

function fieldErrors(submission: ReturnType<typeof decide>): Record<string, string[] | null> {
  if (submission.status === "success") throw new Error("expected the submission to be invalid");
  return submission.error ?? {};
}

describe("queue parameters", () => {
  it("defaults to every unclaimed and claimed item, oldest first", () => {
    expect(parseQueueParams(new URLSearchParams(""))).toEqual(defaultQueueParams);
  });

  it("reads type, claim, overdue and sort", () => {
    expect(parseQueueParams(new URLSearchParams("type=case-study&claim=mine&overdue=1&sort=newest"))).toEqual({
      type: "case-study",
      claim: "mine",
      overdue: true,
      sort: "newest",
    });
  });

  it("falls back to the defaults for unknown values instead of failing the page", () => {
    expect(parseQueueParams(new URLSearchParams("type=match&claim=theirs&overdue=yes&sort=random"))).toEqual(defaultQueueParams);
  });

  it("writes only non-default parameters back into the query string, and round-trips", () => {
    expect(queueSearch(defaultQueueParams)).toBe("");
    const params = { type: "need", claim: "unclaimed", overdue: true, sort: "newest" } as const;
    const search = queueSearch(params);
    expect(search).toBe("?type=need&claim=unclaimed&overdue=1&sort=newest");
    expect(parseQueueParams(new URLSearchParams(search))).toEqual(params);
  });

  it("accepts only the review item types and positive integer ids in addresses", () => {
    expect(isReviewItemType("idea")).toBe(true);
    expect(isReviewItemType("case-study")).toBe(true);
    expect(isReviewItemType("match")).toBe(false);
    expect(isReviewItemType(undefined)).toBe(false);
    expect(parseItemId("42")).toBe(42);
    for (const bad of ["0", "-1", "1.5", "01", "abc", "", "99999999999999999999", null, undefined]) expect(parseItemId(bad)).toBeNull();
  });
});

describe("queue wording", () => {
  const now = new Date("2026-03-12T12:00:00Z");
  it("says how long an item has waited", () => {
    expect(formatAge(new Date("2026-03-12T11:30:00Z"), now)).toBe("under an hour");
    expect(formatAge(new Date("2026-03-12T07:00:00Z"), now)).toBe("5 hours");
    expect(formatAge(new Date("2026-03-11T11:00:00Z"), now)).toBe("1 day");
    expect(formatAge(new Date("2026-03-01T12:00:00Z"), now)).toBe("11 days");
    expect(formatAge(new Date("2026-03-13T12:00:00Z"), now)).toBe("under an hour"); // clock skew never goes negative
  });

  it("describes a deadline ahead or behind", () => {
    expect(describeDeadline(new Date("2026-03-12T20:00:00Z"), now)).toBe("due within a day");
    expect(describeDeadline(new Date("2026-03-13T12:00:00Z"), now)).toBe("due in 1 day");
    expect(describeDeadline(new Date("2026-03-19T11:00:00Z"), now)).toBe("due in 7 days");
    expect(describeDeadline(new Date("2026-03-12T09:00:00Z"), now)).toBe("overdue");
    expect(describeDeadline(new Date("2026-03-10T09:00:00Z"), now)).toBe("2 days overdue");
  });
});

describe("service level in working days", () => {
  it("skips weekends", () => {
    // Thursday 12 March 2026 + 5 working days = Thursday 19 March.
    expect(addWorkingDays(new Date("2026-03-12T10:00:00Z"), 5).toISOString()).toBe("2026-03-19T10:00:00.000Z");
    // Friday + 1 working day = Monday.
    expect(addWorkingDays(new Date("2026-03-13T10:00:00Z"), 1).toISOString()).toBe("2026-03-16T10:00:00.000Z");
    // Submitted on a Saturday: the clock starts on Monday.
    expect(addWorkingDays(new Date("2026-03-14T10:00:00Z"), 1).toISOString()).toBe("2026-03-16T10:00:00.000Z");
  });

  it("defaults to five working days and flags items past their deadline", () => {
    const submitted = new Date("2026-03-12T10:00:00Z");
    expect(reviewDeadline(submitted).toISOString()).toBe("2026-03-19T10:00:00.000Z");
    expect(isOverdue(submitted, new Date("2026-03-19T09:59:00Z"))).toBe(false);
    expect(isOverdue(submitted, new Date("2026-03-19T10:01:00Z"))).toBe(true);
    expect(isOverdue(submitted, new Date("2026-03-13T10:01:00Z"), 1)).toBe(true);
  });
});

describe("decision outcomes", () => {
  it("requires a reason for every no", () => {
    expect(decisionNeedsReason("publish")).toBe(false);
    expect(decisionNeedsReason("request-changes")).toBe(true);
    expect(decisionNeedsReason("reject")).toBe(true);
  });

  it("maps decisions to idea and need statuses", () => {
    expect(ideaStatusAfterDecision("publish")).toBe("published");
    expect(ideaStatusAfterDecision("request-changes")).toBe("draft");
    expect(ideaStatusAfterDecision("reject")).toBe("archived");
    expect(needStatusAfterDecision("publish")).toBe("open");
    expect(needStatusAfterDecision("request-changes")).toBe("draft");
    expect(needStatusAfterDecision("reject")).toBe("closed");
  });

  it("sends edits to the diffusion models and evidence of a published idea back to review, and publishes others at once", () => {
    const before = { title: "Old", evidence: "A", diffusionModels: ["franchise"], tags: [] as string[] };
    const result = splitIdeaChanges(before, { title: "New", evidence: "B", diffusionModels: ["franchise"], tags: [] });
    expect(result.immediate).toEqual({ title: "New" });
    expect(result.reviewed).toEqual({ evidence: "B" });
    expect(result.changes.map((change) => change.field)).toEqual(["title", "evidence"]);
  });
});

describe("decision form", () => {
  it("requires a reason the submitter will see to reject or request changes", () => {
    expect(fieldErrors(decide("need", { decision: "reject" })).reason?.[0]).toMatch(/why this is rejected/);
    expect(fieldErrors(decide("case-study", { decision: "request-changes", reason: "   " })).reason?.[0]).toMatch(/what needs to change/);
    const ok = decide("need", { decision: "reject", reason: "Out of scope: not a public service" });
    expect(ok.status).toBe("success");
  });

  it("requires an evidence level and a one-line justification to publish an idea", () => {
    const errors = fieldErrors(decide("idea", { decision: "publish" }));
    expect(errors.evidenceLevel?.[0]).toMatch(/evidence level/);
    expect(errors.evidenceJustification?.[0]).toMatch(/justification/);
    expect(fieldErrors(decide("idea", { decision: "publish", evidenceLevel: "6", evidenceJustification: "x" })).evidenceLevel).toBeTruthy();
    expect(
      fieldErrors(decide("idea", { decision: "publish", evidenceLevel: "3", evidenceJustification: "line one\nline two" })).evidenceJustification?.[0],
    ).toMatch(/one line/);
    expect(fieldErrors(decide("idea", { decision: "publish", evidenceLevel: "3", evidenceJustification: "x".repeat(201) })).evidenceJustification).toBeTruthy();
    const ok = decide("idea", { decision: "publish", evidenceLevel: "3", evidenceJustification: "A matched comparison group in two areas" });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value.evidenceLevel).toBe(3);
  });

  it("does not ask for evidence to publish a need or a case study", () => {
    expect(decide("need", { decision: "publish" }).status).toBe("success");
    expect(decide("case-study", { decision: "publish" }).status).toBe("success");
  });

  it("rejects an unknown decision", () => {
    expect(fieldErrors(decide("idea", { decision: "maybe", reason: "x" })).decision).toBeTruthy();
  });

  it("passes a reason only with a no, and evidence only when an idea is published", () => {
    expect(
      toDecisionInput("idea", { intent: "decide", decision: "publish", reason: "ignored", evidenceLevel: 2, evidenceJustification: "Before and after data" }),
    ).toEqual({ decision: "publish", reason: undefined, evidenceLevel: 2, evidenceJustification: "Before and after data" });
    expect(toDecisionInput("idea", { intent: "decide", decision: "reject", reason: "Duplicate", evidenceLevel: 2 })).toEqual({
      decision: "reject",
      reason: "Duplicate",
      evidenceLevel: undefined,
      evidenceJustification: undefined,
    });
    expect(toDecisionInput("need", { intent: "decide", decision: "publish", evidenceLevel: 4, evidenceJustification: "x" }).evidenceLevel).toBeUndefined();
  });
});

describe("note and claim forms", () => {
  it("requires a note body of at most 4000 characters", () => {
    expect(parseWithZod(form({ intent: "note", body: "  " }), { schema: noteSchema }).status).toBe("error");
    expect(parseWithZod(form({ intent: "note", body: "x".repeat(4001) }), { schema: noteSchema }).status).toBe("error");
    const ok = parseWithZod(form({ intent: "note", body: "  Called the council: pilot confirmed. " }), { schema: noteSchema });
    expect(ok.status === "success" && ok.value.body).toBe("Called the council: pilot confirmed.");
  });

  it("accepts claim and release of a known item type with a positive id", () => {
    expect(claimSchema.safeParse({ intent: "claim", itemType: "need", itemId: "7" }).data).toEqual({ intent: "claim", itemType: "need", itemId: 7 });
    expect(claimSchema.safeParse({ intent: "steal", itemType: "need", itemId: "7" }).success).toBe(false);
    expect(claimSchema.safeParse({ intent: "claim", itemType: "match", itemId: "7" }).success).toBe(false);
    expect(claimSchema.safeParse({ intent: "claim", itemType: "idea", itemId: "-1" }).success).toBe(false);
  });
});

describe("showing changes", () => {
  it("shows pending edits of a published idea as before and after, with vocabulary labels", () => {
    const live = { diffusionModels: ["franchise"], evidence: "Old evidence", sectors: ["ageing"] };
    const rows = pendingChangeRows(live, { diffusionModels: ["franchise", "uncontrolled"], evidence: "New evidence" });
    expect(rows).toEqual([
      {
        field: "diffusionModels",
        label: "Diffusion models",
        before: "Franchise (licensing, federation)",
        after: "Franchise (licensing, federation); Uncontrolled (free to copy)",
      },
      { field: "evidence", label: "Evidence", before: "Old evidence", after: "New evidence" },
    ]);
    expect(pendingChangeRows(live, null)).toEqual([]);
  });

  it("lists route-specific detail per diffusion model, skipping empty values", () => {
    const rows = diffusionDetailRows({
      franchise: { feeModel: "Annual licence", coreElements: "", adoptersPerYear: 4 },
      takeover: { transfers: ["staff", "intellectual-property"], terms: "At cost" },
    });
    expect(rows).toEqual([
      { model: "franchise", label: "Fee model", value: "Annual licence" },
      { model: "franchise", label: "New adopters the owner can support a year", value: "4" },
      { model: "takeover", label: "What transfers", value: "staff, intellectual property" },
      { model: "takeover", label: "Terms", value: "At cost" },
    ]);
    expect(formatFieldValue("diffusionDetails", { growth: { capacity: "Two sites a year" } })).toBe("growth: Capacity to expand: Two sites a year");
    expect(formatFieldValue("sectors", ["mental-health"])).toBe("Mental health");
    expect(formatFieldValue("problem", null)).toBe("(none)");
  });

  it("shows only the fields an audit entry changed", () => {
    const rows = auditChangeRows({ status: "submitted", evidenceLevel: null }, { status: "published", evidenceLevel: null });
    expect(rows).toEqual([{ field: "status", label: "Status", before: "submitted", after: "published" }]);
    expect(auditChangeRows(null, { status: "draft" })).toEqual([{ field: "status", label: "Status", before: "", after: "draft" }]);
    expect(auditChangeRows(null, null)).toEqual([]);
  });
});
