import { describe, expect, it } from "vitest";
import { needFormSchema, needIsComplete, needQualityCheck } from "../../app/domain/need-form";

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

  it("rejects a deadline that is not a date", () => {
    const result = needFormSchema.safeParse({ title: "T", problem: "P", sectors: ["ageing"], deadline: "next spring" });
    expect(result.error?.issues[0]?.message).toBe("Enter the deadline as a date, like 2027-03-31");
  });
});
