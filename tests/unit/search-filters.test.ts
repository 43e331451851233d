import { describe, expect, it } from "vitest";
import { ideaFacetParams, ideaFacetRegistry, ideaFacets } from "../../app/domain/idea-facets";
import { ideaSearchSchema, parseSearch, searchParamsToObject } from "../../app/domain/search-params";
import { allOf, anyOf, quoteFilterValue } from "../../search/filters";

describe("the filter builder", () => {
  it("quotes and escapes every value, so input cannot change the expression", () => {
    expect(quoteFilterValue('a" OR status = "draft')).toBe('"a\\" OR status = \\"draft"');
    expect(quoteFilterValue("back\\slash")).toBe('"back\\\\slash"');
    expect(anyOf("sectors", ["health", 'x"y'])).toEqual(['sectors = "health"', 'sectors = "x\\"y"']);
    expect(anyOf("evidenceLevel", [3])).toEqual(["evidenceLevel = 3"]);
  });

  it("drops empty groups", () => {
    expect(allOf('status = "open"', anyOf("sectors", []), null, ["a = 1"])).toEqual(['status = "open"', ["a = 1"]]);
  });
});

describe("the facet registry", () => {
  it("gives each facet one parameter, one document field and options the search accepts", () => {
    expect(new Set(ideaFacetParams).size).toBe(ideaFacetRegistry.length);
    expect(new Set(ideaFacets).size).toBe(ideaFacetRegistry.length);
    for (const entry of ideaFacetRegistry) {
      const value = entry.options[0].value;
      const parsed = ideaSearchSchema.parse(searchParamsToObject(new URLSearchParams({ [entry.param]: value })));
      expect(parsed[entry.param]).toEqual([value]);
      expect(ideaSearchSchema.safeParse(searchParamsToObject(new URLSearchParams({ [entry.param]: "no-such-option" }))).success).toBe(false);
    }
  });
});

describe("a search address that cannot be read", () => {
  it("is explained in words on the page, and by parameter for the API", () => {
    const parsed = parseSearch(ideaSearchSchema, new URLSearchParams("sector=nonsense&page=99&colour=red"));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([...parsed.plain].sort()).toEqual(
      [
        "The address has parts this search does not use. Start a new search, or choose from the filters.",
        "Sector: “nonsense” is not one of the options. Choose from the filters.",
        "There is no page “99” of these results. Go back to the first page.",
      ].sort(),
    );
    expect(parsed.errors.join("; ")).toMatch(/sector must be one of .*nonsense/);
  });
});
