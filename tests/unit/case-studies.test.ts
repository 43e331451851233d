// Pure parts of case-study pages, search links and revision display.
import { describe, expect, it } from "vitest";
import { caseStudyPath, caseStudyPlace, caseStudyTermMatches, organisationSlugOf, queryTerms } from "../../app/domain/case-studies";
import { changedPassage, revisionChangeViews } from "../../app/domain/idea-revisions";

describe("case-study addresses and names", () => {
  it("builds the page address, the place title and the organisation slug", () => {
    expect(caseStudyPath("mens-sheds", 42)).toBe("/ideas/mens-sheds/case-studies/42");
    expect(caseStudyPlace({ locality: "Cork", country: "IE", year: 2011 })).toBe("Cork, IE (2011)");
    expect(caseStudyPlace({ locality: "Bolton", country: null, year: null })).toBe("Bolton");
    expect(organisationSlugOf("Kela (Social Insurance Institution of Finland)")).toBe("kela-social-insurance-institution-of-finland");
    expect(organisationSlugOf("Région Jönköping")).toBe("region-jonkoping");
  });
});

describe("which case studies match a query", () => {
  const study = { locality: "Jönköping", country: "SE", outcomes: "Waiting times fell.", lessons: "Train the receptionists first." };
  it("counts the query's words found at the start of a word, ignoring case, accents and joining words", () => {
    expect(queryTerms("The Jönköping AND waiting")).toEqual(["jonkoping", "waiting"]);
    expect(caseStudyTermMatches(queryTerms("jonkoping"), study)).toBe(1);
    expect(caseStudyTermMatches(queryTerms("recept wait"), study)).toBe(2);
    expect(caseStudyTermMatches(queryTerms("ceptionist"), study)).toBe(0);
    expect(caseStudyTermMatches(queryTerms("of the"), study)).toBe(0);
  });
});

describe("a revision's changes", () => {
  it("marks the changed words, showing short text whole and long text as the changed passage with a few words around it", () => {
    expect(changedPassage("A short text.", "A shorter text.")).toEqual({
      before: { lead: "A ", changed: "short", trail: " text." },
      after: { lead: "A ", changed: "shorter", trail: " text." },
      excerpt: false,
    });
    expect(changedPassage("(none)", "New text")).toMatchObject({ before: { changed: "(none)" }, after: { changed: "New text" } });
    const words = Array.from({ length: 60 }, (_, index) => `w${index}`);
    const after = [...words.slice(0, 30), "NEW", ...words.slice(31)];
    const passage = changedPassage(words.join(" "), after.join(" "));
    expect(passage.excerpt).toBe(true);
    expect(passage.before.changed).toBe("w30");
    expect(passage.after.changed).toBe("NEW");
    expect(passage.before.lead).toBe("…w22 w23 w24 w25 w26 w27 w28 w29 ");
    expect(passage.before.trail).toBe(" w31 w32 w33 w34 w35 w36 w37 w38…");
    expect(passage.after.trail).toBe(" w31 w32 w33 w34 w35 w36 w37 w38…");
  });

  it("labels fields and turns vocabulary keys into words", () => {
    const [change] = revisionChangeViews([{ field: "sectors", before: ["health"], after: ["health", "ageing"] }]);
    expect(change.label).toBe("Sectors");
    expect(change.before.lead + change.before.changed).toBe("Health");
    expect(change.after.lead + change.after.changed).toMatch(/^Health, /);
  });
});
