// Export round-trip: import -> export -> import into a fresh DATA_DIR -> export is identical.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStudies, ideas, needs } from "../../db/schema";
import { ideaFormat, needFormat, validateExchangeFile, type IdeaFormat, type NeedFormat } from "../../app/domain/exchange-format";
import { exportIdeas, exportNeeds } from "../../app/models/exchange-export.server";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { searchIdeas, searchNeeds } from "../../app/models/search.server";
import { drainOutbox } from "../../search/outbox-relay";
import { countRows, idea, ideaItems, ideaParams, need, needItems, needParams, openTestExchange, type TestExchange } from "./helpers";

// Every key of the format, including nested ones, with values that are easy to get wrong:
// unicode, a zero budget, case-study order, optional keys left out.
const ideaFixtures = ideaItems([
  idea({
    slug: "nurse-family-partnership",
    title: "Nurse–family partnership",
    summary: "Nurses visit first-time mothers from pregnancy until the child turns two.",
    problem: "Young first-time parents on low incomes have little support.",
    solution: "A structured programme of 64 home visits by the same nurse.",
    evidence: "Three randomised controlled trials with 15-year follow-up.",
    evidenceLevel: 4,
    sectors: ["children-families", "health"],
    typology: ["delivery"],
    diffusionModels: ["franchise"],
    lifecyclePhase: "mainstream",
    origin: { locality: "Elmira, New York", country: "US" },
    organisation: "FNP National Unit",
    costs: "About £3,000 per family per year",
    tags: ["home visiting", "early years"],
    caseStudies: [
      { locality: "Walsall", country: "GB", year: 2007, status: "adopted", outcomes: "Fewer emergency admissions", lessons: "Recruit nurses early." },
      { locality: "Derby", status: "piloting" },
      { locality: "Ayrshire", country: "GB", year: 2010, status: "stopped", lessons: "Funding ended after the pilot — plan for it." },
    ],
  }),
  idea({
    slug: "community-sheds",
    title: "Community sheds",
    summary: "Shared workshops for retired men.",
    sectors: ["ageing"],
    diffusionModels: ["franchise", "uncontrolled"],
    origin: { country: "AU" },
  }),
  idea({ slug: "a-minimal-idea", summary: "Only the required keys." }),
]);

const needFixtures = needItems([
  need({
    slug: "fewer-falls-at-home",
    title: "Fewer falls at home",
    problem: "Older residents fall at home and wait hours for help.",
    outcomes: "Half as many admissions after a fall.",
    sectors: ["ageing", "health"],
    locality: "Kirklees",
    country: "GB",
    budgetMin: 0,
    budgetMax: 50000,
    fundingRoutes: ["small-grant", "invest-to-save"],
    diffusionModels: ["franchise", "uncontrolled"],
    deadline: "2027-03-31",
  }),
  need({ slug: "bare-need", problem: "Only the required keys." }),
]);

const bySlug = <T extends { slug: string }>(items: T[]) => [...items].sort((a, b) => a.slug.localeCompare(b.slug));

/** What a JSON file round trip does to the data (and validation, as the CLI does). */
function throughFile<T>(schema: typeof ideaFormat | typeof needFormat, items: unknown[]): T[] {
  const result = validateExchangeFile(schema, JSON.parse(JSON.stringify(items)));
  if (!result.ok) throw new Error(`export does not validate: ${JSON.stringify(result.problems)}`);
  return result.items as T[];
}

let first: TestExchange;
let second: TestExchange;

beforeAll(async () => {
  [first, second] = await Promise.all([openTestExchange(), openTestExchange()]);
});

afterAll(async () => {
  await Promise.all([first?.dispose(), second?.dispose()]);
});

describe("export round-trip", () => {
  it("uses a separate database and search server for each DATA_DIR", () => {
    expect(first.dataDir).not.toBe(second.dataDir);
    expect(first.meili.config.host).not.toBe(second.meili.config.host);
  });

  it("exports ideas exactly as they were imported, and re-imports them unchanged elsewhere", async () => {
    importIdeas(first.db, ideaFixtures);
    const exported = exportIdeas(first.db);
    // Sorted by slug; every key comes back, nothing is added.
    expect(exported).toEqual(bySlug(ideaFixtures));
    expect(exported[2].caseStudies!.map((study) => study.locality)).toEqual(["Walsall", "Derby", "Ayrshire"]);

    const file = throughFile<IdeaFormat>(ideaFormat, exported);
    expect(importIdeas(second.db, file)).toEqual({ inserted: 3, updated: 0 });
    expect(exportIdeas(second.db)).toEqual(exported);
    expect(countRows(second.db, caseStudies)).toBe(3);

    // The copy is searchable in its own exchange.
    await drainOutbox(second.db, second.meili, { timeoutMs: 30_000 });
    const found = await searchIdeas(second.db, second.meili, ideaParams({ q: "home visits" }));
    expect(found.hits.map((hit) => hit.slug)).toEqual(["nurse-family-partnership"]);
  });

  it("is idempotent: importing an export again updates in place", () => {
    const exported = exportIdeas(second.db);
    expect(importIdeas(second.db, throughFile<IdeaFormat>(ideaFormat, exported))).toEqual({ inserted: 0, updated: 3 });
    expect(exportIdeas(second.db)).toEqual(exported);
    expect(countRows(second.db, ideas)).toBe(3);
    expect(countRows(second.db, caseStudies)).toBe(3);
  });

  it("exports needs exactly as they were imported, and re-imports them unchanged elsewhere", async () => {
    importNeeds(first.db, needFixtures);
    const exported = exportNeeds(first.db);
    expect(exported).toEqual(bySlug(needFixtures));
    expect(exported.find((item) => item.slug === "fewer-falls-at-home")!.budgetMin).toBe(0);

    const file = throughFile<NeedFormat>(needFormat, exported);
    expect(importNeeds(second.db, file)).toEqual({ inserted: 2, updated: 0 });
    expect(exportNeeds(second.db)).toEqual(exported);
    expect(countRows(second.db, needs)).toBe(2);

    await drainOutbox(second.db, second.meili, { timeoutMs: 30_000 });
    const found = await searchNeeds(second.db, second.meili, needParams({ q: "falls" }));
    expect(found.hits.map((hit) => hit.slug)).toEqual(["fewer-falls-at-home"]);
  });

  it("replaces an idea's case studies when a later file changes them", () => {
    const [nfp] = ideaItems([{ ...ideaFixtures[0], caseStudies: [{ locality: "Leeds", status: "adopted" }] }]);
    expect(importIdeas(second.db, [nfp])).toEqual({ inserted: 0, updated: 1 });
    const exported = exportIdeas(second.db).find((item) => item.slug === "nurse-family-partnership")!;
    expect(exported.caseStudies).toEqual([{ locality: "Leeds", status: "adopted" }]);
  });
});
