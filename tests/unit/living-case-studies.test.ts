import { describe, expect, it } from "vitest";
import {
  milestoneBlocker,
  milestoneMonths,
  milestoneOf,
  outcomeMilestoneLabel,
  outcomePageLink,
  outcomeUpdateSchema,
  reminderBatches,
  suggestedMilestone,
} from "../../app/domain/living-case-studies";
import { addMonths } from "../../app/domain/match-workflow";

const adopted = new Date("2026-01-31T10:00:00Z");
const reminders = [6, 12, 24].map((months) => ({ monthsAfterAdoption: months, dueAt: addMonths(adopted, months) }));

describe("outcome milestones", () => {
  it("map between the form's choices and months after adoption", () => {
    expect(milestoneMonths("12")).toBe(12);
    expect(milestoneMonths("ad-hoc")).toBeNull();
    expect(milestoneOf(24)).toBe("24");
    expect(milestoneOf(null)).toBe("ad-hoc");
    expect(outcomeMilestoneLabel(6)).toBe("6 months after adoption");
    expect(outcomeMilestoneLabel(null)).toBe("Update");
  });

  it("allow each milestone once, again after a rejection, and ad-hoc updates any time", () => {
    expect(milestoneBlocker(6, [])).toBeNull();
    expect(milestoneBlocker(6, [{ monthsAfterAdoption: 6, reviewStatus: "submitted" }])).toMatch(/already written the 6-month update/);
    expect(milestoneBlocker(6, [{ monthsAfterAdoption: 6, reviewStatus: "published" }])).toMatch(/already written/);
    expect(milestoneBlocker(6, [{ monthsAfterAdoption: 6, reviewStatus: "changes-requested" }])).toMatch(/asked for changes/);
    expect(milestoneBlocker(6, [{ monthsAfterAdoption: 6, reviewStatus: "rejected" }])).toBeNull();
    expect(milestoneBlocker(12, [{ monthsAfterAdoption: 6, reviewStatus: "published" }])).toBeNull();
    expect(milestoneBlocker(null, [{ monthsAfterAdoption: null, reviewStatus: "submitted" }])).toBeNull();
  });

  it("suggest the latest milestone that is due and not written, else an ad-hoc update", () => {
    expect(suggestedMilestone(new Date("2026-03-01T00:00:00Z"), [], reminders)).toBe("ad-hoc");
    expect(suggestedMilestone(new Date("2026-08-01T00:00:00Z"), [], reminders)).toBe("6");
    expect(suggestedMilestone(new Date("2027-02-01T00:00:00Z"), [], reminders)).toBe("12");
    expect(suggestedMilestone(new Date("2027-02-01T00:00:00Z"), [{ monthsAfterAdoption: 12, reviewStatus: "submitted" }], reminders)).toBe("6");
  });

  it("link to the commissioner's outcome page, at the milestone asked for", () => {
    expect(outcomePageLink(7, 12)).toBe("/my/outcomes/7?milestone=12#write-update");
    expect(outcomePageLink(7)).toBe("/my/outcomes/7#write-update");
  });
});

describe("the outcome update form", () => {
  it("needs a milestone and a substantial account", () => {
    expect(outcomeUpdateSchema.safeParse({ intent: "add-update", milestone: "6", outcomes: "Falls admissions down 12% against last winter." }).success).toBe(
      true,
    );
    const short = outcomeUpdateSchema.safeParse({ intent: "add-update", milestone: "6", outcomes: "Going well" });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0].message).toMatch(/at least 20 characters/);
    expect(outcomeUpdateSchema.safeParse({ intent: "add-update", milestone: "18", outcomes: "x".repeat(40) }).success).toBe(false);
    expect(outcomeUpdateSchema.safeParse({ intent: "add-update", milestone: "ad-hoc", outcomes: "x".repeat(5001) }).success).toBe(false);
  });
});

describe("reminder batches", () => {
  it("ask once per match, for its latest due milestone, and mark every due one", () => {
    const due = [
      { id: 1, matchId: 4, monthsAfterAdoption: 6, dueAt: new Date(0) },
      { id: 2, matchId: 4, monthsAfterAdoption: 12, dueAt: new Date(0) },
      { id: 3, matchId: 2, monthsAfterAdoption: 6, dueAt: new Date(0) },
    ];
    const batches = reminderBatches(due);
    expect(batches.map((batch) => batch.matchId)).toEqual([2, 4]);
    expect(batches[1].latest.id).toBe(2);
    expect(batches[1].all.map((reminder) => reminder.id)).toEqual([1, 2]);
    expect(reminderBatches([])).toEqual([]);
  });
});
