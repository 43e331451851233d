import { describe, expect, it } from "vitest";
import { formatProblem, ideaFormat, needFormat, validateExchangeFile, type FormatProblem } from "../../app/domain/exchange-format";

const idea = (overrides: Record<string, unknown> = {}) => ({
  slug: "befriending-by-phone",
  title: "Befriending by phone",
  summary: "Volunteers ring isolated older people every week.",
  sectors: ["ageing"],
  diffusionModels: ["uncontrolled"],
  ...overrides,
});

const need = (overrides: Record<string, unknown> = {}) => ({
  slug: "fewer-falls-at-home",
  title: "Fewer falls at home",
  problem: "Older residents fall at home and wait hours for help.",
  sectors: ["ageing"],
  ...overrides,
});

function problemsOf(result: ReturnType<typeof validateExchangeFile>): FormatProblem[] {
  if (result.ok) throw new Error("expected the file to be invalid");
  return result.problems;
}

describe("exchange format: ideas", () => {
  it("accepts a minimal idea and a fully documented one", () => {
    const full = idea({
      slug: "nurse-family-partnership",
      problem: "First-time mothers on low incomes lack support.",
      solution: "Nurses visit from pregnancy until the child is two.",
      evidence: "Three randomised trials.",
      evidenceLevel: 4,
      sectors: ["children-families", "health"],
      typology: ["delivery"],
      diffusionModels: ["franchise"],
      lifecyclePhase: "mainstream",
      origin: { locality: "Elmira, New York", country: "US" },
      organisation: "NFP National Unit",
      costs: "About £3,000 per family per year",
      tags: ["home visiting"],
      caseStudies: [
        { locality: "Walsall", country: "GB", year: 2007, status: "adopted", outcomes: "Fewer A&E visits", lessons: "Recruit nurses early" },
        { locality: "Derby", status: "piloting" },
      ],
    });
    const result = validateExchangeFile(ideaFormat, [idea(), full]);
    expect(result).toEqual({ ok: true, items: [idea(), full] });
  });

  it("trims text fields", () => {
    const result = validateExchangeFile(ideaFormat, [idea({ title: "  Befriending  " })]);
    expect(result.ok && result.items[0].title).toBe("Befriending");
  });

  it("accepts an empty file", () => {
    expect(validateExchangeFile(ideaFormat, [])).toEqual({ ok: true, items: [] });
  });

  it("reports every problem with the item's index, slug and key", () => {
    const result = validateExchangeFile(ideaFormat, [
      idea(),
      idea({ slug: "broken-idea", summary: undefined, sectors: ["nowhere"], diffusionModels: [], evidenceLevel: 9 }),
      idea({ slug: "second-broken", lifecyclePhase: "finished" }),
    ]);
    const problems = problemsOf(result);
    expect(problems).toEqual(
      expect.arrayContaining([
        { index: 1, slug: "broken-idea", key: "summary", message: "is required" },
        { index: 1, slug: "broken-idea", key: "sectors.0", message: expect.stringContaining("must be one of health,") },
        { index: 1, slug: "broken-idea", key: "diffusionModels", message: "must offer at least one diffusion model" },
        { index: 1, slug: "broken-idea", key: "evidenceLevel", message: "must be from 1 to 5" },
        { index: 2, slug: "second-broken", key: "lifecyclePhase", message: expect.stringContaining("must be one of latent,") },
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(problems.some((problem) => problem.index === 0)).toBe(false);
  });

  it("says a missing required key 'is required', for every required key", () => {
    const problems = problemsOf(validateExchangeFile(ideaFormat, [{}]));
    expect(problems.map((problem) => problem.key).sort()).toEqual(["diffusionModels", "sectors", "slug", "summary", "title"]);
    for (const problem of problems) {
      expect(problem).toMatchObject({ index: 0, slug: null, message: "is required" });
    }
  });

  it("does not call a key 'required' when it is present with the wrong type", () => {
    const problems = problemsOf(validateExchangeFile(ideaFormat, [idea({ title: 42, sectors: "health" })]));
    const byKey = Object.fromEntries(problems.map((problem) => [problem.key, problem.message]));
    expect(byKey.title).toBeDefined();
    expect(byKey.title).not.toBe("is required");
    expect(byKey.sectors).not.toBe("is required");
  });

  it("rejects unknown keys at the top level and in nested objects", () => {
    const problems = problemsOf(
      validateExchangeFile(ideaFormat, [
        idea({
          colour: "blue",
          origin: { locality: "Leeds", foo: 1 },
          caseStudies: [{ locality: "York", status: "adopted", foo: "bar", baz: 2 }],
        }),
      ]),
    );
    const message = "is not a key of the exchange format";
    expect(problems).toEqual(
      expect.arrayContaining([
        { index: 0, slug: "befriending-by-phone", key: "colour", message },
        { index: 0, slug: "befriending-by-phone", key: "origin.foo", message },
        { index: 0, slug: "befriending-by-phone", key: "caseStudies.0.foo", message },
        { index: 0, slug: "befriending-by-phone", key: "caseStudies.0.baz", message },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("reports problems inside case studies with their position", () => {
    const problems = problemsOf(
      validateExchangeFile(ideaFormat, [
        idea({
          caseStudies: [
            { locality: "York", status: "adopted" },
            { status: "abandoned", year: 1800, country: "gb" },
          ],
        }),
      ]),
    );
    const byKey = Object.fromEntries(problems.map((problem) => [problem.key, problem.message]));
    expect(byKey).toEqual({
      "caseStudies.1.locality": "is required",
      "caseStudies.1.status": "must be one of piloting, adopted, stopped",
      "caseStudies.1.year": "must be 1900 or later",
      "caseStudies.1.country": "must be a two-letter ISO 3166 country code such as GB",
    });
  });

  it("rejects bad slugs, repeated list values and empty text", () => {
    const problems = problemsOf(validateExchangeFile(ideaFormat, [idea({ slug: "Not A Slug", title: "   ", sectors: ["health", "health"] })]));
    const byKey = Object.fromEntries(problems.map((problem) => [problem.key, problem.message]));
    expect(byKey.slug).toMatch(/lowercase letters, digits and single hyphens/);
    expect(byKey.title).toBe("must not be empty");
    expect(byKey.sectors).toBe("must not repeat a sector");
    // The slug is reported as given, even when it is itself invalid.
    expect(problems.every((problem) => problem.slug === "Not A Slug")).toBe(true);
  });

  it("reports duplicate slugs, pointing at the first occurrence", () => {
    const problems = problemsOf(validateExchangeFile(ideaFormat, [idea(), idea({ slug: "other-idea" }), idea({ title: "Copy" }), idea()]));
    expect(problems).toEqual([
      { index: 2, slug: "befriending-by-phone", key: "slug", message: "repeats the slug of item 0" },
      { index: 3, slug: "befriending-by-phone", key: "slug", message: "repeats the slug of item 0" },
    ]);
  });

  it("rejects a file that is not an array", () => {
    for (const data of [idea(), { ideas: [idea()] }, "ideas", null, 3]) {
      expect(validateExchangeFile(ideaFormat, data)).toEqual({
        ok: false,
        problems: [{ index: null, slug: null, key: "(file)", message: "must be a JSON array of items" }],
      });
    }
  });

  it("rejects items that are not objects, by index", () => {
    const problems = problemsOf(validateExchangeFile(ideaFormat, [idea(), "just a string", null]));
    expect(problems.map(({ index, slug, key }) => ({ index, slug, key }))).toEqual([
      { index: 1, slug: null, key: "(item)" },
      { index: 2, slug: null, key: "(item)" },
    ]);
  });
});

describe("exchange format: needs", () => {
  it("accepts a valid need", () => {
    const full = need({
      outcomes: "Half as many falls",
      locality: "Kirklees",
      country: "GB",
      budgetMin: 0,
      budgetMax: 50000,
      fundingRoutes: ["small-grant"],
      diffusionModels: ["franchise", "uncontrolled"],
      deadline: "2027-03-31",
    });
    expect(validateExchangeFile(needFormat, [need({ slug: "minimal-need" }), full])).toEqual({
      ok: true,
      items: [need({ slug: "minimal-need" }), full],
    });
  });

  it("requires slug, title, problem and sectors", () => {
    const problems = problemsOf(validateExchangeFile(needFormat, [{ outcomes: "x" }]));
    expect(problems.map((problem) => `${problem.key} ${problem.message}`).sort()).toEqual([
      "problem is required",
      "sectors is required",
      "slug is required",
      "title is required",
    ]);
  });

  it("rejects budgetMax below budgetMin, on budgetMax", () => {
    const problems = problemsOf(validateExchangeFile(needFormat, [need({ budgetMin: 20000, budgetMax: 5000 })]));
    expect(problems).toEqual([{ index: 0, slug: "fewer-falls-at-home", key: "budgetMax", message: "must not be less than budgetMin" }]);
    expect(validateExchangeFile(needFormat, [need({ budgetMin: 5000, budgetMax: 5000 })]).ok).toBe(true);
    expect(validateExchangeFile(needFormat, [need({ budgetMax: 5000 })]).ok).toBe(true);
  });

  it("rejects negative and fractional budgets", () => {
    const problems = problemsOf(validateExchangeFile(needFormat, [need({ budgetMin: -1, budgetMax: 10.5 })]));
    const byKey = Object.fromEntries(problems.map((problem) => [problem.key, problem.message]));
    expect(byKey.budgetMin).toBe("must not be negative");
    expect(byKey.budgetMax).toBe("must be a whole number of pounds");
  });

  it("rejects bad dates", () => {
    for (const deadline of ["31/03/2027", "2027-02-30", "2027-13-01", "tomorrow", "2027-03-31T00:00:00Z"]) {
      const problems = problemsOf(validateExchangeFile(needFormat, [need({ deadline })]));
      expect(problems, deadline).toEqual([{ index: 0, slug: "fewer-falls-at-home", key: "deadline", message: "must be a date written YYYY-MM-DD" }]);
    }
  });

  it("rejects unknown keys and ideas' keys in a needs file", () => {
    const problems = problemsOf(validateExchangeFile(needFormat, [need({ summary: "not a need key", budget: 100 })]));
    expect(problems.map((problem) => problem.key).sort()).toEqual(["budget", "summary"]);
    expect(problems.every((problem) => problem.message === "is not a key of the exchange format")).toBe(true);
  });

  it("reports duplicate slugs", () => {
    const problems = problemsOf(validateExchangeFile(needFormat, [need(), need()]));
    expect(problems).toEqual([{ index: 1, slug: "fewer-falls-at-home", key: "slug", message: "repeats the slug of item 0" }]);
  });
});

describe("formatProblem", () => {
  it("names the item by index and slug, then the key", () => {
    expect(formatProblem({ index: 3, slug: "some-idea", key: "caseStudies.0.foo", message: "is not a key of the exchange format" })).toBe(
      "item 3 (some-idea): caseStudies.0.foo is not a key of the exchange format",
    );
    expect(formatProblem({ index: 0, slug: null, key: "slug", message: "is required" })).toBe("item 0: slug is required");
    expect(formatProblem({ index: null, slug: null, key: "(file)", message: "must be a JSON array of items" })).toBe(
      "file: (file) must be a JSON array of items",
    );
  });
});
