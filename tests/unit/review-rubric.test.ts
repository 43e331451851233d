// The brokers' review rubric: criteria per item type on a 0–4 scale with words for each point,
// the score form as conform parses real form data, and the checks and totals the server
// relies on.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { assigneeOptions, assignmentNotification, assignSchema } from "../../app/domain/assignment";
import { defaultQueueParams, parseQueueParams, queueSearch } from "../../app/domain/broker-queue";
import { auditChangeRows } from "../../app/domain/review-display";
import { checkScores, formatRubricTotal, reviewRubrics, rubricMaxTotal, rubricSchema, rubricTotal, scoreRows } from "../../app/domain/review-rubric";
import { reviewItemTypes } from "../../app/domain/vocabulary";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

describe("the rubric's criteria", () => {
  it("scores an idea on evidence, transferability, cost clarity and fit with the diffusion model", () => {
    expect(reviewRubrics.idea.map((criterion) => criterion.label)).toEqual(["Evidence", "Transferability", "Cost clarity", "Fit with the diffusion model"]);
    expect(rubricMaxTotal("idea")).toBe(16);
  });

  it("has fewer criteria for needs, case studies and outcome updates", () => {
    expect(reviewRubrics.need.map((criterion) => criterion.key)).toEqual(["problemClarity", "outcomeClarity", "budgetRoute"]);
    for (const type of ["need", "case-study", "outcome-update"] as const) expect(reviewRubrics[type].length).toBeLessThan(reviewRubrics.idea.length);
  });

  it("gives every criterion a unique key, a label, a hint and words for each of the five points", () => {
    for (const type of reviewItemTypes) {
      const keys = reviewRubrics[type].map((criterion) => criterion.key);
      expect(new Set(keys).size, type).toBe(keys.length);
      for (const criterion of reviewRubrics[type]) {
        expect(criterion.label && criterion.hint, criterion.key).toBeTruthy();
        expect(criterion.points).toHaveLength(5);
        expect(new Set(criterion.points).size, `${type}.${criterion.key} repeats a point's words`).toBe(5);
        for (const words of criterion.points) expect(words.trim().length).toBeGreaterThan(3);
      }
    }
  });
});

describe("checking and totalling scores", () => {
  it("totals a complete, valid set", () => {
    expect(checkScores("idea", { evidence: 3, transferability: 4, costClarity: 2, diffusionFit: 4 })).toEqual({
      ok: true,
      scores: { evidence: 3, transferability: 4, costClarity: 2, diffusionFit: 4 },
      total: 13,
    });
    expect(checkScores("outcome-update", { evidenceOfChange: 0, candour: 0 })).toMatchObject({ ok: true, total: 0 });
    expect(rubricTotal({ a: 1, b: 2 })).toBe(3);
    expect(formatRubricTotal(14, "idea")).toBe("14 / 16");
    expect(formatRubricTotal(5, "need")).toBe("5 / 12");
  });

  it("names each missing, out-of-range, fractional or unknown score", () => {
    const result = checkScores("idea", { evidence: 5, transferability: -1, costClarity: 2.5, bribes: 4 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      evidence: "Choose a score from 0 to 4 for evidence",
      transferability: "Choose a score from 0 to 4 for transferability",
      costClarity: "Choose a score from 0 to 4 for cost clarity",
      diffusionFit: "Choose a score from 0 to 4 for fit with the diffusion model",
      bribes: "“bribes” is not a criterion for this kind of item",
    });
    // An idea's criterion is not a need's.
    expect(checkScores("need", { evidence: 3, problemClarity: 2, outcomeClarity: 2, budgetRoute: 2 })).toMatchObject({
      ok: false,
      errors: { evidence: expect.any(String) },
    });
    expect(checkScores("need", { problemClarity: "3", outcomeClarity: 2, budgetRoute: 2 })).toMatchObject({
      ok: false,
      errors: { problemClarity: expect.any(String) },
    });
  });

  it("parses the score form as the browser sends it, with a field error for each unscored criterion", () => {
    const ok = parseWithZod(form({ intent: "score", problemClarity: "3", outcomeClarity: "0", budgetRoute: "4" }), { schema: rubricSchema("need") });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toEqual({ intent: "score", problemClarity: 3, outcomeClarity: 0, budgetRoute: 4 });
    const bad = parseWithZod(form({ intent: "score", problemClarity: "7", budgetRoute: "two" }), { schema: rubricSchema("need") });
    expect(bad.status).toBe("error");
    expect(bad.reply().error).toEqual({
      problemClarity: ["Choose a score from 0 to 4 for clarity of the problem"],
      outcomeClarity: ["Choose a score from 0 to 4 for clear outcome"],
      budgetRoute: ["Choose a score from 0 to 4 for realistic budget and route"],
    });
  });

  it("shows a stored scoring with each point's words, and in the audit log as words", () => {
    expect(scoreRows("need", { problemClarity: 3, budgetRoute: 0 })).toEqual([
      { key: "problemClarity", label: "Clarity of the problem", score: 3, words: "Who is affected, how many and the current cost or harm" },
      { key: "budgetRoute", label: "Realistic budget and route", score: 0, words: "No budget or funding route" },
    ]);
    expect(auditChangeRows(null, { scores: { evidence: 3, costClarity: 2 }, total: 5 })).toEqual([
      { field: "scores", label: "Scores", before: "", after: "Evidence 3, Cost Clarity 2" },
      { field: "total", label: "Total", before: "", after: "5" },
    ]);
  });
});

describe("assignment", () => {
  it("lists the viewer first as Me, then the other brokers by name", () => {
    const brokers = [
      { id: "z", name: "Zoe" },
      { id: "me", name: "Bea Broker" },
      { id: "a", name: "Ade" },
    ];
    expect(assigneeOptions(brokers, "me")).toEqual([
      { value: "me", label: "Me (Bea Broker)" },
      { value: "a", label: "Ade" },
      { value: "z", label: "Zoe" },
    ]);
  });

  it("needs an assignee; the note is optional and limited", () => {
    expect(parseWithZod(form({ intent: "assign", assigneeId: "" }), { schema: assignSchema }).reply().error).toEqual({
      assigneeId: ["Choose who to assign it to"],
    });
    expect(parseWithZod(form({ intent: "assign", assigneeId: "u1" }), { schema: assignSchema }).status).toBe("success");
    expect(parseWithZod(form({ intent: "assign", assigneeId: "u1", note: "x".repeat(501) }), { schema: assignSchema }).reply().error).toEqual({
      note: ["Keep the note to 500 characters or fewer"],
    });
  });

  it("reads and writes the queue's Assigned to me view (assigned=me), ignoring other values", () => {
    const params = parseQueueParams(new URLSearchParams("assigned=me&type=idea"));
    expect(params).toEqual({ ...defaultQueueParams, type: "idea", assignedToMe: true });
    expect(queueSearch(params)).toBe("?type=idea&assigned=me");
    expect(parseQueueParams(new URLSearchParams("assigned=you")).assignedToMe).toBeUndefined();
    expect(queueSearch(defaultQueueParams)).toBe("");
  });

  it("tells the assignee who assigned what, with the note", () => {
    expect(assignmentNotification({ itemType: "idea", title: "Men's sheds", assignedBy: "Bea", note: "Evidence looks thin" })).toEqual({
      title: "Assigned to you: Men's sheds",
      body: "Bea assigned the idea “Men's sheds” to you.\n\nTheir note: Evidence looks thin",
    });
  });
});
