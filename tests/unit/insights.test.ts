import { describe, expect, it } from "vitest";
import {
  adoptionsByDiffusionModel,
  adoptionsByYear,
  cumulative,
  GOOD_MATCH_SCORE,
  matchFunnel,
  percentile,
  queueStays,
  queueTimes,
  scoutingGapReason,
  supplyAndDemand,
  workingDaysBetween,
  type DemandNeed,
  type SupplyIdea,
} from "../../app/domain/insights";
import { addWorkingDays } from "../../app/domain/review-workflow";

const need = (overrides: Partial<DemandNeed> = {}): DemandNeed => ({
  id: 1,
  slug: "falls",
  title: "Fewer falls",
  sectors: ["ageing"],
  diffusionModels: ["franchise"],
  ...overrides,
});
const supply = (overrides: Partial<SupplyIdea> = {}): SupplyIdea => ({
  sectors: ["ageing"],
  diffusionModels: ["franchise"],
  evidenceLevel: null,
  adoptedCount: 1,
  ...overrides,
});

describe("scouting gaps", () => {
  it("with match rows: a good score or a broker's confirmation covers the need", () => {
    expect(scoutingGapReason(need(), [{ needId: 1, status: "suggested", score: GOOD_MATCH_SCORE }], [])).toBeNull();
    expect(scoutingGapReason(need(), [{ needId: 1, status: "introduced", score: 10 }], [])).toBeNull();
    expect(scoutingGapReason(need(), [{ needId: 1, status: "suggested", score: GOOD_MATCH_SCORE - 1 }], [supply()])).toBe(
      `No suggested match scores ${GOOD_MATCH_SCORE} or more.`,
    );
    expect(scoutingGapReason(need(), [{ needId: 1, status: "declined", score: 95 }], [supply()])).toBe("Every suggested match was declined.");
  });

  it("without match rows: looks for a proven idea in the need's sectors offering an accepted route", () => {
    expect(scoutingGapReason(need(), [], [supply()])).toBeNull();
    expect(scoutingGapReason(need(), [], [supply({ adoptedCount: 0, evidenceLevel: 3 })])).toBeNull();
    expect(scoutingGapReason(need(), [], [supply({ sectors: ["housing"] })])).toBe("No published idea in its sectors.");
    expect(scoutingGapReason(need(), [], [supply({ diffusionModels: ["growth"] })])).toBe(
      "Ideas in its sectors offer none of the diffusion models it accepts.",
    );
    expect(scoutingGapReason(need(), [], [supply({ adoptedCount: 0, evidenceLevel: 2 })])).toMatch(/none has been adopted/);
    // A need that names no diffusion model accepts any.
    expect(scoutingGapReason(need({ diffusionModels: [] }), [], [supply({ diffusionModels: ["growth"] })])).toBeNull();
  });

  it("counts ideas, needs and gaps per sector (an item in two sectors counts in both)", () => {
    const result = supplyAndDemand(
      [supply({ sectors: ["ageing", "health"] }), supply({ sectors: ["housing"], adoptedCount: 0 })],
      [need({ id: 1, slug: "a" }), need({ id: 2, slug: "b", sectors: ["housing", "health"] }), need({ id: 3, slug: "c", sectors: ["transport"] })],
      [{ needId: 2, status: "suggested", score: 20 }],
    );
    const row = (sector: string) => result.sectors.find((entry) => entry.sector === sector);
    expect(row("ageing")).toEqual({ sector: "ageing", ideas: 1, needs: 1, gaps: 0 });
    expect(row("health")).toEqual({ sector: "health", ideas: 1, needs: 1, gaps: 1 });
    expect(row("housing")).toEqual({ sector: "housing", ideas: 1, needs: 1, gaps: 1 });
    expect(row("transport")).toEqual({ sector: "transport", ideas: 0, needs: 1, gaps: 1 });
    expect(result.sectors).toHaveLength(16);
    expect(result.gaps.map((gap) => gap.slug)).toEqual(["b", "c"]);
  });
});

describe("adoptions", () => {
  const studies = [
    { year: 2001, status: "adopted" as const, diffusionModels: ["franchise"] },
    { year: 2003, status: "piloting" as const, diffusionModels: ["franchise", "growth"] },
    { year: 2003, status: "adopted" as const, diffusionModels: ["uncontrolled"] },
    { year: null, status: "stopped" as const, diffusionModels: ["growth"] },
  ];

  it("counts case studies by year, filling the years between, and keeps running totals", () => {
    const { years, undated } = adoptionsByYear(studies);
    expect(undated).toBe(1);
    expect(years).toEqual([
      { year: 2001, adopted: 1, piloting: 0, stopped: 0 },
      { year: 2002, adopted: 0, piloting: 0, stopped: 0 },
      { year: 2003, adopted: 1, piloting: 1, stopped: 0 },
    ]);
    expect(cumulative(years).map((year) => [year.year, year.adopted, year.piloting])).toEqual([
      [2001, 1, 0],
      [2002, 1, 0],
      [2003, 2, 1],
    ]);
    expect(adoptionsByYear([])).toEqual({ years: [], undated: 0 });
  });

  it("counts case studies under every diffusion model their idea offers", () => {
    const rows = adoptionsByDiffusionModel(studies, [{ diffusionModels: ["franchise"] }, { diffusionModels: ["franchise", "growth"] }]);
    expect(rows).toEqual([
      { model: "uncontrolled", ideas: 0, adopted: 1, piloting: 0, stopped: 0 },
      { model: "franchise", ideas: 2, adopted: 1, piloting: 1, stopped: 0 },
      { model: "takeover", ideas: 0, adopted: 0, piloting: 0, stopped: 0 },
      { model: "growth", ideas: 1, adopted: 0, piloting: 1, stopped: 1 },
    ]);
  });
});

describe("the match funnel", () => {
  it("counts each status and how many live matches reached each stage", () => {
    const funnel = matchFunnel(["suggested", "suggested", "shortlisted", "adopted", "declined"]);
    expect(funnel).toEqual([
      { status: "suggested", count: 2, reached: 4 },
      { status: "shortlisted", count: 1, reached: 2 },
      { status: "introduced", count: 0, reached: 1 },
      { status: "piloting", count: 0, reached: 1 },
      { status: "adopted", count: 1, reached: 1 },
      { status: "declined", count: 1, reached: null },
    ]);
  });
});

describe("time in the review queues", () => {
  // 2026-03-06 is a Friday.
  const friday = new Date("2026-03-06T15:00:00Z");

  it("counts only Monday to Friday", () => {
    expect(workingDaysBetween(friday, new Date("2026-03-09T15:00:00Z"))).toBe(1);
    expect(workingDaysBetween(friday, addWorkingDays(friday, 5))).toBe(5);
    expect(workingDaysBetween(new Date("2026-03-07T10:00:00Z"), new Date("2026-03-08T10:00:00Z"))).toBe(0);
    expect(workingDaysBetween(friday, new Date("2026-03-06T21:00:00Z"))).toBe(0.25);
    expect(workingDaysBetween(friday, friday)).toBe(0);
  });

  it("pairs each decision with the latest submission of the same item", () => {
    const at = (day: number) => new Date(Date.UTC(2026, 2, day, 9));
    const stays = queueStays([
      { itemType: "idea", itemId: 1, action: "submitted", at: at(2) },
      { itemType: "idea", itemId: 1, action: "claimed", at: at(3) },
      { itemType: "idea", itemId: 1, action: "request-changes", at: at(4) },
      { itemType: "idea", itemId: 1, action: "resubmitted", at: at(9) },
      { itemType: "idea", itemId: 1, action: "publish", at: at(10) },
      { itemType: "case-study", itemId: 7, action: "publish", at: at(10) }, // its submission is unknown: no stay
      { itemType: "idea", itemId: 2, action: "changes sent for review", at: at(11) },
      { itemType: "idea", itemId: 2, action: "reject changes", at: at(20) },
    ]);
    expect(stays.map((stay) => [stay.itemId, stay.enteredAt.getUTCDate(), stay.decidedAt.getUTCDate()])).toEqual([
      [1, 2, 4],
      [1, 9, 10],
      [2, 11, 20],
    ]);
  });

  it("takes the nearest-rank percentile", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });

  it("summarises each queue against the service level", () => {
    const monday = new Date("2026-03-02T09:00:00Z");
    const now = new Date("2026-03-20T09:00:00Z");
    const times = queueTimes(
      [
        { itemType: "idea", itemId: 1, enteredAt: monday, decidedAt: new Date("2026-03-04T09:00:00Z") },
        { itemType: "idea", itemId: 2, enteredAt: monday, decidedAt: new Date("2026-03-13T09:00:00Z") },
      ],
      [
        { itemType: "need", submittedAt: new Date("2026-03-19T09:00:00Z") },
        { itemType: "need", submittedAt: new Date("2026-03-09T09:00:00Z") },
      ],
      5,
      now,
    );
    expect(times[0]).toEqual({
      itemType: "idea",
      decided: 2,
      medianDays: 2,
      p90Days: 9,
      withinServiceLevel: 1,
      waiting: 0,
      overdue: 0,
      oldestWaitingDays: null,
    });
    expect(times[1]).toEqual({
      itemType: "need",
      decided: 0,
      medianDays: null,
      p90Days: null,
      withinServiceLevel: 0,
      waiting: 2,
      overdue: 1,
      oldestWaitingDays: 9,
    });
    expect(times[2].itemType).toBe("case-study");
  });
});
