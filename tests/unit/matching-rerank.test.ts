import { describe, expect, it } from "vitest";
import { rankCandidates, type Candidate } from "../../search/matching/rank";
import { countMatches, defaultTextScoreOptions, termPatterns, textScores, type RerankDocument } from "../../search/matching/rerank";
import { tokenize } from "../../search/text";

const synonyms: Record<string, string[]> = {
  elderly: ["older people", "seniors"],
  loneliness: ["isolation"],
};

const count = (query: string, text: string, prefix: string | null = null) => countMatches(tokenize(text), termPatterns({ query, prefix }, synonyms));

describe("term patterns", () => {
  it("match the term, its inflections and spellings", () => {
    expect(count("eviction", "Evictions fell; no eviction since")).toBe(2);
    expect(count("behaviour", "antisocial behavior")).toBe(1);
    expect(count("evict", "evicted families", "evict")).toBe(1);
  });

  it("match a synonym of several words only as a whole, in sequence", () => {
    expect(count("elderly", "older people living alone")).toBe(1);
    expect(count("elderly", "older adults and young people")).toBe(0);
    expect(count("elderly", "seniors")).toBe(1);
  });

  it("match a phrase term only as the phrase", () => {
    expect(count("rough sleeping", "rough sleeping in the city")).toBe(1);
    expect(count("rough sleeping", "sleeping rough")).toBe(0);
  });

  it("do not let a short word reach a longer one", () => {
    expect(count("men", "mental health")).toBe(0);
    expect(count("heat", "heart disease")).toBe(0);
  });
});

describe("BM25F text scores", () => {
  const documents = new Map<string, RerankDocument>([
    ["title", { title: "Loneliness among older people", summary: "A scheme for neighbours." }],
    ["lesson", { title: "A neighbourhood scheme", summary: "A scheme for neighbours.", caseStudies: ["Loneliness fell."] }],
    ["none", { title: "Bike sharing", summary: "Bicycles for short trips." }],
  ]);
  const terms = [
    { query: "loneliness", prefix: null, weight: 2 },
    { query: "elderly", prefix: null, weight: 1 },
  ];

  it("count a term in the title for more than in a lesson learnt, and score 0 without any term", () => {
    const scores = textScores(terms, documents, synonyms);
    expect(scores.get("title")!).toBeGreaterThan(scores.get("lesson")!);
    expect(scores.get("lesson")!).toBeGreaterThan(0);
    expect(scores.get("none")).toBe(0);
  });

  it("saturate: a term repeated many times is worth less than twice its single occurrence", () => {
    const once = textScores([terms[0]], new Map([["a", { summary: "loneliness" }]]), synonyms, { ...defaultTextScoreOptions, b: 0 }).get("a")!;
    const many = textScores([terms[0]], new Map([["a", { summary: "loneliness loneliness loneliness loneliness" }]]), synonyms, {
      ...defaultTextScoreOptions,
      b: 0,
    }).get("a")!;
    expect(many).toBeGreaterThan(once);
    expect(many).toBeLessThan(2 * once);
    expect(many).toBeLessThan(terms[0].weight);
  });

  it("weigh terms by the key term's weight", () => {
    const scores = textScores(
      terms,
      new Map([
        ["lonely", { summary: "isolation" }],
        ["old", { summary: "seniors" }],
      ]),
      synonyms,
      { ...defaultTextScoreOptions, b: 0 },
    );
    expect(scores.get("lonely")!).toBeCloseTo(2 * scores.get("old")!, 10);
  });
});

describe("ranking with the second-stage text score", () => {
  const idea = (slug: string) => ({
    slug,
    title: slug,
    sectors: [],
    diffusionModels: [],
    evidenceLevel: null,
    lifecyclePhase: null,
    caseStudies: [],
  });
  const candidate = (slug: string, fused: number, text?: number): Candidate => ({ idea: idea(slug), fused, text, matchedTerms: ["x"] });
  const need = { sectors: [], diffusionModels: [] };

  it("mixes the fused rank and the text score by textWeight, each relative to the best", () => {
    const candidates = [candidate("fused-first", 1, 0.2), candidate("text-first", 0.8, 1)];
    expect(rankCandidates(candidates, need).map((match) => match.idea)).toEqual(["fused-first", "text-first"]);
    expect(rankCandidates(candidates, need, { textWeight: 0.5 }).map((match) => match.idea)).toEqual(["text-first", "fused-first"]);
    const [best] = rankCandidates(candidates, need, { textWeight: 0.5 });
    expect(best.relevance).toBeCloseTo(0.9, 3);
  });

  it("ignores textWeight when no candidate has a text score", () => {
    const ranked = rankCandidates([candidate("a", 1), candidate("b", 0.5)], need, { textWeight: 0.7 });
    expect(ranked.map((match) => match.relevance)).toEqual([1, 0.5]);
  });
});
