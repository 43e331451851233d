import { describe, expect, it } from "vitest";
import { DEFAULT_RRF_K, reciprocalRankFusion } from "../../search/fusion";

describe("reciprocal rank fusion", () => {
  it("sums weight / (k + rank) over the lists an item appears in", () => {
    const fused = reciprocalRankFusion(
      [
        { key: "title", weight: 1, items: ["a", "b"] },
        { key: "term", weight: 0.5, items: ["b", "c"] },
      ],
      10,
    );
    const score = Object.fromEntries(fused.map((entry) => [entry.item, entry.score]));
    expect(score.a).toBeCloseTo(1 / 11, 12);
    expect(score.b).toBeCloseTo(1 / 12 + 0.5 / 11, 12);
    expect(score.c).toBeCloseTo(0.5 / 12, 12);
    expect(fused.map((entry) => entry.item)).toEqual(["b", "a", "c"]);
    expect(fused[0]).toMatchObject({ lists: ["title", "term"], bestRank: 1 });
  });

  it("rewards being found by many queries over being first in one", () => {
    const fused = reciprocalRankFusion([
      { key: "q1", weight: 1, items: ["solo", "broad"] },
      { key: "q2", weight: 1, items: ["x", "broad"] },
      { key: "q3", weight: 1, items: ["y", "broad"] },
    ]);
    expect(fused[0].item).toBe("broad");
  });

  it("counts an item repeated within one list once, at its best rank", () => {
    const fused = reciprocalRankFusion([{ key: "q", weight: 1, items: ["a", "a", "b"] }], 60);
    expect(fused.find((entry) => entry.item === "a")!.score).toBeCloseTo(1 / 61, 12);
    expect(fused.find((entry) => entry.item === "b")!.score).toBeCloseTo(1 / 63, 12);
  });

  it("uses k = 60 by default, ignores empty lists and breaks ties by best rank", () => {
    expect(DEFAULT_RRF_K).toBe(60);
    expect(reciprocalRankFusion([{ key: "q", weight: 1, items: [] }])).toEqual([]);
    const tied = reciprocalRankFusion([
      { key: "q1", weight: 1, items: ["a", "b"] },
      { key: "q2", weight: 1, items: ["b", "a"] },
    ]);
    expect(tied[0].score).toBeCloseTo(tied[1].score, 12);
    expect(tied.map((entry) => entry.bestRank)).toEqual([1, 1]);
  });

  it("lets a zero-weight list contribute nothing", () => {
    const fused = reciprocalRankFusion([
      { key: "q1", weight: 0, items: ["a"] },
      { key: "q2", weight: 1, items: ["b"] },
    ]);
    expect(fused[0].item).toBe("b");
    expect(fused.find((entry) => entry.item === "a")!.score).toBe(0);
  });
});
