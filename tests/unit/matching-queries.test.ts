import { describe, expect, it } from "vitest";
import type { KeyTerm, NeedField } from "../../search/matching/key-terms";
import {
  MAX_QUERY_WORDS,
  PUBLISHED_FILTER,
  buildMatchQueries,
  byCentrality,
  coreIdeaAttributes,
  countQueryWords,
  defaultQueryPlan,
  packTerms,
  sectorFilter,
  toMultiSearchQueries,
} from "../../search/matching/queries";

function term(query: string, weight: number, fields: NeedField[] = ["problem"], extra: Partial<KeyTerm> = {}): KeyTerm {
  return {
    kind: query.includes(" ") ? "phrase" : "word",
    query,
    prefix: null,
    sources: [query],
    resolution: "exact",
    fields,
    df: 3,
    weight,
    share: null,
    ...extra,
  };
}

// Heaviest first, as extractKeyTerms returns them: more than 10 words in all.
const terms: KeyTerm[] = [
  term("loneliness", 9, ["title", "problem"]),
  term("older people", 8, ["title"]),
  term("villages", 7, ["title"]),
  term("isolation", 6, ["problem"], { prefix: null }),
  term("volunteers", 5, ["problem", "outcomes"], { prefix: "volunteer" }),
  term("bus", 4.5, ["problem"]),
  term("rural", 4, ["problem"]),
  term("lunch clubs", 3.5, ["problem"]),
  term("day centres", 3, ["problem"]),
  term("neighbour", 2.5, ["outcomes"]),
  term("parish", 2, ["outcomes"]),
  term("connected", 1.5, ["outcomes"]),
  term("crisis", 1, ["problem"]),
];

describe("building the Meilisearch queries for a need", () => {
  const queries = buildMatchQueries(terms, { sectors: ["ageing", "community-neighbourhoods"] });

  it("never sends more than 10 words in a query", () => {
    expect(queries.length).toBeGreaterThan(5);
    for (const query of queries) expect(countQueryWords(query.q), query.id).toBeLessThanOrEqual(MAX_QUERY_WORDS);
  });

  it("restricts every query to published ideas", () => {
    for (const query of queries) expect(query.filter[0]).toBe(PUBLISHED_FILTER);
  });

  it("adds a query restricted to the need's sectors (any of them)", () => {
    const sector = queries.find((query) => query.kind === "sector")!;
    expect(sector.filter).toEqual([PUBLISHED_FILTER, ['sectors = "ageing"', 'sectors = "community-neighbourhoods"']]);
    expect(buildMatchQueries(terms, { sectors: [] }).some((query) => query.kind === "sector")).toBe(false);
  });

  it("builds title, problem and outcome queries from the terms found in each field", () => {
    const byKind = (kind: string) => queries.find((query) => query.kind === kind)!;
    expect(byKind("title").q).toBe("loneliness older people villages");
    expect(byKind("outcomes").q.split(" ")).toEqual(expect.arrayContaining(["volunteers", "neighbour", "parish", "connected"]));
    expect(byKind("outcomes").q).not.toContain("villages");
    expect(byKind("problem").q.startsWith("loneliness isolation volunteers")).toBe(true);
  });

  it("puts the heaviest terms first in the long queries (Meilisearch drops words from the end)", () => {
    const key = queries.find((query) => query.kind === "key")!;
    expect(key.q.split(" ").slice(0, 4)).toEqual(["loneliness", "older", "people", "villages"]);
    expect(key.matchingStrategy).toBe("last");
    expect(key.terms.map((used) => used.query)).toContain("older people");
  });

  it("sends each phrase on its own with every word required", () => {
    const phrases = queries.filter((query) => query.kind === "phrase");
    expect(phrases.map((query) => query.q)).toEqual(["older people", "lunch clubs", "day centres"]);
    for (const phrase of phrases) expect(phrase.matchingStrategy).toBe("all");
  });

  it("sends heavy words on their own, as their stem when they have one, weighted by the term", () => {
    const single = queries.filter((query) => query.kind === "term");
    expect(single[0]).toMatchObject({ q: "loneliness", weight: defaultQueryPlan.weights.term });
    const volunteers = single.find((query) => query.id === "term:volunteers")!;
    expect(volunteers.q).toBe("volunteer");
    expect(volunteers.weight).toBeCloseTo((defaultQueryPlan.weights.term * 5) / 9, 10);
    expect(volunteers.terms).toEqual([{ query: "volunteers", prefix: "volunteer" }]);
  });

  it("searches what ideas are about and does not repeat a query", () => {
    for (const query of queries) expect(query.attributes).toEqual(coreIdeaAttributes);
    const keys = queries.map((query) => `${query.q}|${JSON.stringify(query.filter)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("returns nothing to send when the need has no usable terms", () => {
    expect(buildMatchQueries([], { sectors: ["ageing"] })).toEqual([]);
  });

  it("asks Meilisearch for ids and match positions only", () => {
    const [request] = toMultiSearchQueries(queries.slice(0, 1), { limit: 25 });
    expect(request).toMatchObject({
      indexUid: "ideas",
      limit: 25,
      attributesToRetrieve: ["id"],
      showMatchesPosition: true,
      matchingStrategy: "last",
      attributesToSearchOn: coreIdeaAttributes,
    });
  });
});

describe("packing terms into a query", () => {
  it("skips a term that would overflow 10 words and keeps filling with shorter ones", () => {
    const many = [term("a1", 9), term("b1 b2 b3 b4 b5 b6 b7 b8", 8), term("c1 c2 c3", 7), term("d1", 6), term("e1", 5)];
    const packed = packTerms(many);
    expect(packed.q).toBe("a1 b1 b2 b3 b4 b5 b6 b7 b8 d1");
    expect(packed.terms.map((used) => used.query)).toEqual(["a1", "b1 b2 b3 b4 b5 b6 b7 b8", "d1"]);
  });

  it("does not repeat a word already in the query", () => {
    expect(packTerms([term("older people", 2), term("older", 1), term("men", 0.5)]).q).toBe("older people men");
  });

  it("orders by weight x share when leading with a central term", () => {
    const ordered = byCentrality([term("rare", 5, ["title"], { share: 0.1 }), term("central", 3, ["title"], { share: 0.9 })]);
    expect(ordered.map((item) => item.query)).toEqual(["central", "rare"]);
  });

  it("quotes sector values in filters", () => {
    expect(sectorFilter(['odd "sector"'])).toEqual(['sectors = "odd \\"sector\\""']);
  });
});
