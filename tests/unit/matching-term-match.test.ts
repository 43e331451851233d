import { describe, expect, it } from "vitest";
import { matchedTerms, matchedWords, type MatchesPosition } from "../../search/matching/matched-terms";
import { rerankBySupport, supportCounter, supportsTerm, termMatcher } from "../../search/matching/term-match";
import { publicServiceSynonyms } from "../../search/synonyms";

describe("checking Meilisearch's matches against the key terms", () => {
  it("accepts the term, its inflections, spelling variants and synonyms", () => {
    const loneliness = termMatcher({ query: "loneliness", prefix: null }, publicServiceSynonyms);
    expect(["loneliness", "Loneliness", "isolation", "isolated"].every(loneliness)).toBe(true);
    const evict = termMatcher({ query: "eviction", prefix: "evict" }, publicServiceSynonyms);
    expect(["eviction", "evicted", "evictions"].every(evict)).toBe(true);
    expect(termMatcher({ query: "behavior", prefix: null }, {})("behaviour")).toBe(true);
    expect(termMatcher({ query: "stigma", prefix: null }, {})("stigmatising")).toBe(true);
  });

  it("rejects Meilisearch's typo and prefix accidents", () => {
    expect(termMatcher({ query: "men", prefix: null }, {})("mental")).toBe(false);
    expect(termMatcher({ query: "heat", prefix: null }, {})("heart")).toBe(false);
    expect(termMatcher({ query: "heat", prefix: null }, {})("heating")).toBe(true);
  });

  it("needs both words of a phrase", () => {
    const matcher = termMatcher({ query: "home care", prefix: null }, {});
    expect(supportsTerm(matcher, ["home", "care"], 2)).toBe(true);
    expect(supportsTerm(matcher, ["home", "home"], 2)).toBe(false);
  });

  it("orders a query's hits by how many of its terms they really match, dropping the rest", () => {
    const count = supportCounter(
      [
        { query: "older", prefix: null },
        { query: "loneliness", prefix: null },
      ],
      {},
    );
    const hits = [
      { id: "typo-only", words: ["older", "lonelier"] },
      { id: "accident", words: ["olden"] },
      { id: "both", words: ["older", "loneliness"] },
    ];
    expect(rerankBySupport(hits, (hit) => count(hit.words)).map((hit) => hit.id)).toEqual(["both", "typo-only"]);
  });
});

describe("reading matched terms from _matchesPosition", () => {
  const texts = {
    title: "Samsø: older people's energy",
    tags: ["community energy", "loneliness"],
    summary: "Cycling and older people living alone.",
  };
  const bytes = (text: string, part: string) => Buffer.from(text.slice(0, text.indexOf(part))).length;

  it("slices byte offsets (not characters) and widens prefix matches to whole words", () => {
    const positions = {
      title: [{ start: bytes(texts.title, "older"), length: 5 }],
      summary: [{ start: 0, length: 5 }],
    };
    expect(matchedWords(positions, texts)).toEqual(["older", "Cycling"]);
  });

  it("joins adjacent matches into phrases, reads array elements and ranks by weight", () => {
    const positions: MatchesPosition[] = [
      {
        summary: [
          { start: bytes(texts.summary, "older"), length: 5 },
          { start: bytes(texts.summary, "people"), length: 6 },
        ],
        tags: [{ start: 0, length: 10, indices: [1] }],
      },
      { tags: [{ start: 0, length: 10, indices: [1] }] },
    ];
    expect(matchedTerms(positions, texts)).toEqual(["loneliness", "older people"]);
    expect(matchedTerms(positions, texts, 8, (term) => (term === "older people" ? 5 : 1))).toEqual(["older people", "loneliness"]);
  });

  it("ignores positions that fall outside the current text", () => {
    expect(matchedTerms([{ title: [{ start: 500, length: 4 }] }], texts)).toEqual([]);
  });
});
