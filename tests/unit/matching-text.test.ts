import { describe, expect, it } from "vitest";
import { expandAbbreviations, isStopword, phraseRuns, spellingVariants, tokenize } from "../../search/text";

describe("text handling for matching", () => {
  it("tokenises like Meilisearch: lower case, no accents, split on punctuation and hyphens", () => {
    expect(tokenize("Men's Sheds: Samsø's night-time economy, A&E!")).toEqual(["men", "sheds", "samso", "night", "time", "economy", "a&e"]);
  });

  it("splits phrase runs at punctuation and stopwords but not at hyphens", () => {
    expect(phraseRuns("We want the night-time economy safer. Older people, living alone")).toEqual([
      ["night", "time", "economy", "safer"],
      ["older", "people"],
      ["living", "alone"],
    ]);
  });

  it("knows commissioners' filler words", () => {
    expect(["we", "our", "want", "really", "tell"].every(isStopword)).toBe(true);
    expect(["loneliness", "housing", "care"].some(isStopword)).toBe(false);
  });

  it("finds British and American spellings both ways", () => {
    expect(spellingVariants("behavior")).toContain("behaviour");
    expect(spellingVariants("neighbourhood")).toContain("neighborhood");
    expect(spellingVariants("organization")).toContain("organisation");
    expect(spellingVariants("centre")).toContain("center");
    expect(spellingVariants("counseling")).toContain("counselling");
    expect(spellingVariants("aging")).toContain("ageing");
    expect(spellingVariants("program")).toContain("programme");
  });

  it("does not invent variants for words outside the patterns", () => {
    expect(spellingVariants("doctor")).toEqual([]);
    expect(spellingVariants("water")).toEqual([]);
    expect(spellingVariants("cycling")).toEqual([]);
  });

  it("expands capitalised public-service abbreviations only", () => {
    expect(expandAbbreviations("Seen in A&E and by the ICB")).toContain("emergency department");
    expect(expandAbbreviations("Seen in A&E and by the ICB")).toContain("integrated care board");
    expect(expandAbbreviations("detained under S136")).toContain("section 136");
    expect(expandAbbreviations("Ed said er, no")).toBe("Ed said er, no");
  });
});
