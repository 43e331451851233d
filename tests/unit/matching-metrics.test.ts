import { describe, expect, it } from "vitest";
import { dcgAt, mean, meanMetrics, ndcgAt, rankingMetrics, recallAt, reciprocalRank } from "../../search/matching/metrics";

const judgments = { a: 3, b: 2, c: 1, d: 0 };

describe("ranking metrics", () => {
  it("computes DCG with exponential gain and a log2 discount", () => {
    // (2^3 - 1)/log2(2) + (2^2 - 1)/log2(3) + (2^1 - 1)/log2(4)
    expect(dcgAt(["a", "b", "c"], judgments, 10)).toBeCloseTo(7 + 3 / Math.log2(3) + 1 / 2, 10);
    expect(dcgAt(["a", "b", "c"], judgments, 1)).toBe(7);
  });

  it("gives nDCG 1 to the ideal ordering and less to any other", () => {
    expect(ndcgAt(["a", "b", "c"], judgments, 10)).toBeCloseTo(1, 10);
    expect(ndcgAt(["c", "b", "a"], judgments, 10)).toBeLessThan(1);
    expect(ndcgAt(["x", "a", "b", "c"], judgments, 10)).toBeLessThan(ndcgAt(["a", "b", "c", "x"], judgments, 10));
  });

  it("normalises by the best possible ranking of every judged item, not only the retrieved ones", () => {
    // Only "a" retrieved: DCG 7 against an ideal that also has b and c.
    expect(ndcgAt(["a"], judgments, 10)).toBeCloseTo(7 / (7 + 3 / Math.log2(3) + 0.5), 10);
  });

  it("treats unjudged and zero-graded items as irrelevant, and nothing relevant as 0", () => {
    expect(ndcgAt(["x", "d"], judgments, 10)).toBe(0);
    expect(ndcgAt(["a"], {}, 10)).toBe(0);
    expect(ndcgAt(["a"], new Map([["a", 2]]), 10)).toBeCloseTo(1, 10);
  });

  it("computes the reciprocal rank of the first item at or above the relevance grade", () => {
    expect(reciprocalRank(["c", "x", "b", "a"], judgments, 2)).toBeCloseTo(1 / 3, 10);
    expect(reciprocalRank(["c", "x"], judgments, 1)).toBe(1);
    expect(reciprocalRank(["c", "x"], judgments, 2)).toBe(0);
  });

  it("computes recall@k over the items at or above the grade, counting a repeated item once", () => {
    expect(recallAt(["a", "x", "b"], judgments, 10, 2)).toBe(1);
    expect(recallAt(["a", "x", "b"], judgments, 2, 2)).toBe(0.5);
    expect(recallAt(["a", "a"], judgments, 10, 2)).toBe(0.5);
    expect(recallAt(["a"], { a: 1 }, 10, 2)).toBe(0);
  });

  it("bundles nDCG@10, MRR and recall@10, and averages them", () => {
    const perfect = rankingMetrics(["a", "b", "c"], judgments, 2);
    expect(perfect).toEqual({ ndcg10: expect.closeTo(1, 10), mrr: 1, recall10: 1, relevant: true, judged: true });
    const nothing = rankingMetrics([], judgments, 2);
    expect(nothing).toEqual({ ndcg10: 0, mrr: 0, recall10: 0, relevant: true, judged: true });
    expect(meanMetrics([perfect, nothing])).toEqual({ ndcg10: expect.closeTo(0.5, 10), mrr: 0.5, recall10: 0.5, relevant: true, judged: true });
    expect(mean([])).toBe(0);
  });

  it("averages MRR and recall only over needs with a relevant idea, and nDCG over needs with a judged one", () => {
    const perfect = rankingMetrics(["a", "b", "c"], judgments, 2);
    // Only grade-1 ideas: nDCG means something, MRR and recall do not.
    const onlyRelated = rankingMetrics(["x", "r"], { r: 1 }, 2);
    expect(onlyRelated).toMatchObject({ relevant: false, judged: true, mrr: 0, recall10: 0 });
    const unanswerable = rankingMetrics(["x"], {}, 2);
    expect(unanswerable).toMatchObject({ relevant: false, judged: false });
    const averaged = meanMetrics([perfect, onlyRelated, unanswerable]);
    expect(averaged.mrr).toBe(1);
    expect(averaged.recall10).toBe(1);
    expect(averaged.ndcg10).toBeCloseTo((1 + onlyRelated.ndcg10) / 2, 10);
  });
});
