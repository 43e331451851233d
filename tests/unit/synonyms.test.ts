import { describe, expect, it } from "vitest";
import { publicServiceSynonyms } from "../../search/synonyms";
import { ideaIndexSettings, needIndexSettings } from "../../search/settings";

describe("public-service synonyms", () => {
  const entries = Object.entries(publicServiceSynonyms);

  it("is symmetric: if a means b then b means a", () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const [term, others] of entries) {
      for (const other of others) {
        expect(publicServiceSynonyms[other], `${other} -> ${term}`).toContain(term);
      }
    }
  });

  it("never lists a term as its own synonym nor repeats one", () => {
    for (const [term, others] of entries) {
      expect(others, term).not.toContain(term);
      expect(new Set(others).size, term).toBe(others.length);
    }
  });

  it("covers British and American spellings and plain speech", () => {
    expect(publicServiceSynonyms.ageing).toContain("aging");
    expect(publicServiceSynonyms.neighbourhood).toContain("neighborhood");
    expect(publicServiceSynonyms.loneliness).toEqual(expect.arrayContaining(["social isolation", "isolation"]));
    expect(publicServiceSynonyms["rough sleeping"]).toContain("homelessness");
  });

  it("merges terms that appear in several groups", () => {
    // "ageing" is in the elderly group and in the ageing/aging pair.
    expect(publicServiceSynonyms.ageing).toEqual(expect.arrayContaining(["elderly", "older people", "aging"]));
  });

  it("is what both indexes use", () => {
    expect(ideaIndexSettings.synonyms).toBe(publicServiceSynonyms);
    expect(needIndexSettings.synonyms).toBe(publicServiceSynonyms);
  });
});
