import { describe, expect, it } from "vitest";
import { defaultEngineOptions, topByScore } from "../../search/matching/engine";
import {
  coordinateAscent,
  defaultFusionParams,
  relevanceShares,
  replayRanking,
  wholeNeedList,
  type FusionParams,
  type NeedFeatures,
} from "../../search/matching/fusion-fit";
import { rankCandidates, type Candidate, type CandidateIdea } from "../../search/matching/rank";
import { matchingCandidate } from "./matching-candidates";

const candidate = (slug: string, signals: Partial<Pick<Candidate, "text" | "semantic" | "wholeNeed">>, idea: Partial<CandidateIdea> = {}) =>
  matchingCandidate(slug, signals, idea);

function features(candidates: Candidate[], lists: NeedFeatures["lists"]): NeedFeatures {
  return {
    set: "test",
    slug: "need",
    need: { sectors: ["ageing"], diffusionModels: ["uncontrolled"], lifecyclePhase: null },
    judgments: {},
    relevantGrade: 2,
    engineRanking: [],
    lists,
    candidates,
  };
}

describe("learned fusion weights", () => {
  it("takes the engine's own settings as the starting point, relevance shares summing to 1", () => {
    const params = defaultFusionParams();
    const shares = relevanceShares(params);
    expect(shares.textWeight).toBeCloseTo(defaultEngineOptions.rerank ? defaultEngineOptions.rerank.weight : 0, 12);
    expect(params.fused + params.text + params.semantic + params.wholeNeed).toBeCloseTo(1, 12);
    expect(params.rrfK).toBe(defaultEngineOptions.rrfK);
  });

  it("replays the ranking rank.ts computes, the fused score recomputed from the recorded lists", () => {
    const pool = [
      candidate("a", { text: 3, semantic: 0.2, wholeNeed: 5 }),
      candidate("b", { text: 2, semantic: 1, wholeNeed: 2 }),
      candidate("c", { text: 1, semantic: 0, wholeNeed: 9 }, { diffusionModels: ["franchise"] }),
    ];
    const lists = [
      { key: "term:x", kind: "term", weight: 1, items: ["b", "a", "c"] },
      { key: "semantic", kind: "semantic", weight: 1, items: ["b", "c"] },
    ];
    const params: FusionParams = { ...defaultFusionParams(), fused: 0.2, text: 0.5, semantic: 0.2, wholeNeed: 0.1, "list:wholeNeed": 1 };
    // By hand: the whole-need list (c, a, b) joins the fusion; c offers no accepted route, so it comes last.
    const fused = new Map([
      ["a", 1 / 62 + 1 / 62],
      ["b", 1 / 61 + 1 / 61 + 1 / 63],
      ["c", 1 / 63 + 1 / 62 + 1 / 61],
    ]);
    const expected = rankCandidates(
      pool.map((entry) => ({ ...entry, fused: fused.get(entry.idea.slug)! })),
      { sectors: ["ageing"], diffusionModels: ["uncontrolled"] },
      { ...relevanceShares(params), minRelevance: params.minRelevance, outOfSectorFactor: 0.5, strongTextMatch: 0.6 },
    ).map((match) => match.idea);
    expect(wholeNeedList(features(pool, lists))).toEqual(["c", "a", "b"]);
    expect(replayRanking(features(pool, lists), params)).toEqual(expected);
    expect(expected.at(-1)).toBe("c");
  });

  it("never lifts an idea outside the need's accepted routes above one inside, whatever the weights", () => {
    const pool = [candidate("weak", { text: 0.5, wholeNeed: 0.5 }), candidate("strong", { text: 10, wholeNeed: 10 }, { diffusionModels: ["takeover"] })];
    const lists = [{ key: "term:x", kind: "term", weight: 1, items: ["strong", "weak"] }];
    for (const wholeNeed of [0, 0.5, 1]) {
      expect(replayRanking(features(pool, lists), { ...defaultFusionParams(), wholeNeed, "list:wholeNeed": 4, minRelevance: 0 })).toEqual(["weak", "strong"]);
    }
  });

  it("moves one setting at a time to the best grid value and keeps the current on a tie", () => {
    // z does not matter: moving it is a tie, so it stays.
    const objective = (params: FusionParams) => -((params.x - 2) ** 2) - (params.y - 1) ** 2;
    const result = coordinateAscent(objective, { x: 0, y: 0, z: 1 }, { x: [0, 1, 2, 3], y: [0, 1, 2], z: [1, 5] });
    expect(result.params).toEqual({ x: 2, y: 1, z: 1 });
    expect(result.objective).toBeCloseTo(0, 12);
  });

  it("orders a score map best first, ties by name, dropping zeros", () => {
    const scores = new Map([
      [1, 2],
      [2, 5],
      [3, 2],
      [4, 0],
    ]);
    const names: Record<number, string> = { 1: "b", 2: "x", 3: "a", 4: "c" };
    expect(topByScore(scores, (id) => names[id], 10)).toEqual([2, 3, 1]);
    expect(topByScore(scores, (id) => names[id], 2)).toEqual([2, 3]);
  });
});
