import { describe, expect, it } from "vitest";
import { fuseRankedIds as fuseRanks } from "../../search/fusion";
import { needKeyTerms, rankSimilarNeeds, similarNeedsQueries } from "../../search/similar-needs";

const base = { updatedAt: new Date("2026-01-01T00:00:00Z") };

describe("similar needs", () => {
  it("builds the query from distinctive words, the title's first, at most ten", () => {
    expect(needKeyTerms("The loneliness of older people in our rural villages")).toEqual(["loneliness", "older", "people", "rural", "villages"]);
    const [together, ...singles] = similarNeedsQueries({
      title: "Winter falls at home",
      problem: "Older residents fall at home each winter and wait hours for an ambulance; admissions rise every year across the county.",
    });
    expect(together.split(" ")).toHaveLength(10);
    expect(together.startsWith("winter falls home")).toBe(true);
    expect(singles).toEqual(["winter", "falls", "home", "older", "residents", "fall"]);
    expect(similarNeedsQueries({ title: "A", problem: "of the" })).toEqual([]);
  });

  it("fuses the queries' rankings: found by more queries, higher up, first", () => {
    expect(
      fuseRanks([
        [1, 2, 3],
        [3, 4],
        [3, 2],
      ]),
    ).toEqual([3, 2, 1, 4]);
    expect(fuseRanks([])).toEqual([]);
  });

  it("ranks the fallback by shared sectors and words, never the need itself or other sectors", () => {
    const need = {
      id: 1,
      title: "Lonely older people in villages",
      problem: "Isolation among older residents in rural villages.",
      sectors: ["ageing", "community-neighbourhoods"],
      ...base,
    };
    const ranked = rankSimilarNeeds(need, [
      need,
      { id: 2, title: "School attendance", problem: "Pupils miss school.", sectors: ["education"], ...base },
      { id: 3, title: "Hospital discharge delays", problem: "Patients wait to leave hospital.", sectors: ["ageing"], ...base },
      { id: 4, title: "Isolated older villagers", problem: "Older people in villages see nobody for days.", sectors: ["ageing"], ...base },
      { id: 5, title: "Community spaces", problem: "Halls are closing.", sectors: ["ageing", "community-neighbourhoods"], ...base },
    ]);
    expect(ranked.map((candidate) => candidate.id)).toEqual([4, 5, 3]);
  });
});
