import { describe, expect, it } from "vitest";
import { buildCorpusStats, correctTypo, editDistance, idf } from "../../search/matching/corpus";
import { applyFeedback } from "../../search/matching/feedback";
import { extractKeyTerms, placeNames, resolveWord, stem } from "../../search/matching/key-terms";
import { publicServiceSynonyms } from "../../search/synonyms";

// A miniature catalogue: each idea as its searchable fields.
const stats = buildCorpusStats([
  {
    fields: ["Men's Sheds", "loneliness. older men", "Workshops where older men meet, which eases loneliness and isolation after retirement."],
    sectors: ["ageing"],
  },
  {
    fields: ["Housing First", "homelessness. rough sleeping", "People who are homeless get a tenancy; eviction prevention and support."],
    sectors: ["housing"],
  },
  {
    fields: ["School Streets", "air pollution. traffic", "Roads outside schools close to traffic; children's behaviour and safety improve."],
    sectors: ["transport"],
  },
  {
    fields: ["Reablement", "home care. older people", "Older people regain independence at home before long-term home care."],
    sectors: ["ageing", "social-care"],
  },
  { fields: ["Casserole Club", "loneliness. older people", "Older people living alone share a meal with a neighbour."], sectors: ["ageing"] },
]);
const options = { synonyms: publicServiceSynonyms };
const find = (terms: ReturnType<typeof extractKeyTerms>, query: string) => terms.find((term) => term.query === query);

describe("corpus statistics", () => {
  it("counts in how many ideas each word and adjacent pair occurs", () => {
    expect(stats.documentCount).toBe(5);
    expect(stats.df("older")).toBe(3);
    expect(stats.bigramDf("older people")).toBe(2);
    expect(stats.bigramDf("home care")).toBe(1);
    expect(stats.prefixDf("home")).toBe(2);
    expect(idf(stats, 1)).toBeGreaterThan(idf(stats, 4));
  });

  it("corrects a typo to the most likely word the ideas use, within a strict budget", () => {
    expect(editDistance("lonliness", "loneliness", 2)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
    expect(correctTypo(stats, "lonliness")).toBe("loneliness");
    expect(correctTypo(stats, "tenancey")).toBe("tenancy");
    // Short words are not "corrected": "home" is not a typo of "homes".
    expect(correctTypo(stats, "hom")).toBeNull();
  });
});

describe("resolving a commissioner's word onto the ideas' vocabulary", () => {
  it("maps spellings, typos, inflections and synonyms, and gives up on words nothing uses", () => {
    expect(resolveWord("behavior", stats, publicServiceSynonyms)).toMatchObject({ query: "behaviour", resolution: "spelling" });
    expect(resolveWord("lonliness", stats, publicServiceSynonyms)).toMatchObject({ query: "loneliness", resolution: "typo" });
    expect(resolveWord("evicted", stats, publicServiceSynonyms)).toMatchObject({ query: "eviction", resolution: "inflection" });
    expect(resolveWord("seniors", stats, publicServiceSynonyms)).toMatchObject({ query: "seniors", resolution: "synonym" });
    expect(resolveWord("blokes", stats, publicServiceSynonyms)).toBeNull();
    expect(stem("evicted")).toBe("evict");
    expect(stem("care")).toBe("care");
  });
});

describe("extracting a need's key terms", () => {
  const need = {
    title: "Lonely older people in Marlbury villages",
    problem:
      "Marlbury has many older people living alone. Blokes who retired tell us about lonliness; families are evicted; kids' behavior at the school gate worries parents and A&E sees the ASB.",
    outcomes: "Older people connected with a neighbour; less isolation.",
    locality: "Marlbury District Council",
  };
  const terms = extractKeyTerms(need, stats, options);

  it("returns terms heaviest first, keeping only words that can match an idea", () => {
    const weights = terms.map((term) => term.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    expect(terms.map((term) => term.query)).not.toContain("blokes");
    expect(terms.map((term) => term.query)).not.toContain("we");
  });

  it("leaves out the names of the need's own place", () => {
    expect(placeNames(need)).toEqual(new Set(["marlbury", "district", "council"]));
    expect(terms.some((term) => term.sources.includes("marlbury"))).toBe(false);
  });

  it("keeps an ordinary word that also appears in the locality", () => {
    expect(placeNames({ title: "Care at home", problem: "home care", locality: "Vale Health and Care Partnership" }).has("care")).toBe(false);
  });

  it("folds a typo, a spelling variant and an inflection onto the ideas' words", () => {
    expect(find(terms, "loneliness")).toMatchObject({ resolution: "typo" });
    expect(find(terms, "loneliness")!.sources).toContain("lonliness");
    expect(find(terms, "behaviour")).toMatchObject({ resolution: "spelling" });
    expect(find(terms, "eviction")).toMatchObject({ resolution: "inflection", prefix: "evict" });
  });

  it("expands abbreviations (ASB) and finds multi-word phrases the ideas use", () => {
    expect(find(terms, "behaviour")!.sources).toEqual(expect.arrayContaining(["behavior", "behaviour"]));
    const phrase = find(terms, "older people")!;
    expect(phrase).toMatchObject({ kind: "phrase", df: 2 });
    expect(phrase.fields).toEqual(["title", "problem", "outcomes"]);
  });

  it("weighs a word in the title above the same word in the outcomes", () => {
    const inTitle = extractKeyTerms({ title: "isolation", problem: "x" }, stats, options);
    const inOutcomes = extractKeyTerms({ title: "x", problem: "x", outcomes: "isolation" }, stats, options);
    expect(find(inTitle, "isolation")!.weight).toBeGreaterThan(find(inOutcomes, "isolation")!.weight);
  });

  it("down-weighs terms the ideas closest to the whole need do not use (pseudo-relevance feedback)", () => {
    const fed = applyFeedback(terms, stats, publicServiceSynonyms, { documents: 2, floor: 0.3, outOfSector: 1 });
    const before = (query: string) => find(terms, query)!.weight;
    const after = (query: string) => fed.find((term) => term.query === query)!;
    // The best two ideas for this need are about loneliness and older people, not schools.
    expect(after("older").share).toBeGreaterThan(0.5);
    expect(after("behaviour").weight / before("behaviour")).toBeLessThan(after("older").weight / before("older"));
    expect(after("behaviour").weight).toBeCloseTo(before("behaviour") * 0.3, 10);
  });
});
