import { describe, expect, it } from "vitest";
import { needFormSchema, needFormSchemaFor, needIsComplete, needQualityCheck } from "../../app/domain/need-form";

const complete = {
  problem: "Older people in our rural villages are lonely: many see nobody for days, and GP visits for loneliness are rising every winter.",
  whoIsAffected: "About 2,000 people over 75 living alone in 40 villages",
  outcomes: "Fewer people reporting loneliness in the annual survey",
  budgetMax: 50000,
  deadline: "2027-03-31",
  diffusionModels: ["franchise" as const],
};

describe("needQualityCheck", () => {
  it("reports every missing part of a good challenge", () => {
    const items = needQualityCheck({ problem: "Lonely." });
    expect(items.filter((item) => !item.present).map((item) => item.key)).toEqual([
      "problem",
      "whoIsAffected",
      "outcomes",
      "budget",
      "deadline",
      "diffusionModels",
    ]);
    expect(needIsComplete({ problem: "Lonely." })).toBe(false);
  });

  it("accepts a need with every part present", () => {
    expect(needQualityCheck(complete).every((item) => item.present)).toBe(true);
    expect(needIsComplete(complete)).toBe(true);
  });

  it("counts either end of a budget range as a budget", () => {
    expect(needQualityCheck({ ...complete, budgetMax: undefined, budgetMin: 0 }).find((item) => item.key === "budget")?.present).toBe(true);
  });
});

describe("needFormSchema", () => {
  it("reports a reversed budget with the other errors", () => {
    const result = needFormSchema.safeParse({ budgetMin: 500, budgetMax: 100 });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["title", "problem", "sectors", "budgetMax"]));
  });

  it("rejects a deadline that is not a date, with the GOV.UK date input's message", () => {
    const result = needFormSchema.safeParse({ title: "T", problem: "P", sectors: ["ageing"], deadlineDay: "31", deadlineMonth: "2", deadlineYear: "2027" });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["deadline", "The deadline must be a real date"]]);
  });

  it("reads money and dates as people type them, with the parsers the quality check uses", () => {
    const result = needFormSchema.parse({ title: "T", problem: "P", sectors: ["ageing"], budgetMin: "£20,000", budgetMax: "£50k", deadlineDay: "31/12/2026" });
    expect(result).toMatchObject({ budgetMin: 20000, budgetMax: 50000, deadline: "2026-12-31" });
    expect(
      needQualityCheck(result)
        .filter((item) => ["budget", "deadline"].includes(item.key))
        .every((item) => item.present),
    ).toBe(true);
  });

  it("reports money it cannot read on its field", () => {
    const result = needFormSchema.safeParse({ title: "T", problem: "P", sectors: ["ageing"], budgetMax: "lots" });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["budgetMax", "Enter the highest budget in pounds, like £50,000 or £50k"],
    ]);
  });
});

describe("a need draft", () => {
  it("saves with only a title, but still refuses what it cannot read", () => {
    const draft = needFormSchemaFor({ complete: false });
    expect(draft.parse({ title: "Half a thought" })).toMatchObject({ title: "Half a thought", problem: "", sectors: [] });
    expect(draft.safeParse({}).error?.issues.map((issue) => issue.path.join("."))).toEqual(["title"]);
    expect(draft.safeParse({ title: "T", budgetMin: "£5x" }).error?.issues.map((issue) => issue.path.join("."))).toEqual(["budgetMin"]);
  });
});
