import { describe, expect, it } from "vitest";
import { MAX_PAGE, ideaSearchSchema, needSearchSchema, parseSearch, searchParamsToObject, type IdeaSearchParams } from "../../app/domain/search-params";

const ideas = (query: string) => parseSearch(ideaSearchSchema, new URLSearchParams(query));
const needs = (query: string) => parseSearch(needSearchSchema, new URLSearchParams(query));

function ok(result: ReturnType<typeof ideas>): IdeaSearchParams {
  if (!result.ok) throw new Error(`expected valid params, got ${result.errors.join("; ")}`);
  return result.params;
}

function errors(result: { ok: boolean; errors?: string[] }): string[] {
  if (result.ok) throw new Error("expected invalid params");
  return result.errors!;
}

describe("searchParamsToObject", () => {
  it("turns repeated facet keys into lists and keeps single keys scalar", () => {
    expect(searchParamsToObject(new URLSearchParams("q=falls&sector=health&sector=ageing&page=2&typology=service"))).toEqual({
      q: "falls",
      sector: ["health", "ageing"],
      typology: ["service"],
      page: "2",
    });
  });

  it("drops empty values", () => {
    expect(searchParamsToObject(new URLSearchParams("q=&sector=&sector=health&page="))).toEqual({ sector: ["health"] });
  });
});

describe("parseSearch (ideas)", () => {
  it("defaults to an empty first-page search", () => {
    expect(ok(ideas(""))).toEqual({
      q: "",
      sort: "relevance",
      sector: [],
      diffusionModel: [],
      lifecyclePhase: [],
      typology: [],
      evidenceLevel: [],
      transfer: [],
      page: 1,
    });
  });

  it("reads the order, and says which orders there are when it is unknown", () => {
    expect(ok(ideas("sort=evidence")).sort).toBe("evidence");
    expect(ok(ideas("sort=newest")).sort).toBe("newest");
    const bad = parseSearch(ideaSearchSchema, new URLSearchParams("sort=cheapest"));
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.errors).toEqual(['sort must be one of relevance, newest, evidence (got "cheapest")']);
  });

  it("reads repeated parameters as lists", () => {
    const params = ok(ideas("q=+loneliness+&sector=health&sector=ageing&diffusionModel=franchise&evidenceLevel=3&evidenceLevel=4&page=3"));
    expect(params).toMatchObject({
      q: "loneliness",
      sector: ["health", "ageing"],
      diffusionModel: ["franchise"],
      evidenceLevel: ["3", "4"],
      page: 3,
    });
  });

  it("explains invalid vocabulary values, naming the parameter and the value", () => {
    expect(errors(ideas("sector=space"))).toEqual([expect.stringMatching(/^sector must be one of health, mental-health, .* \(got "space"\)$/)]);
    expect(errors(ideas("diffusionModel=viral"))[0]).toBe('diffusionModel must be one of uncontrolled, franchise, takeover, growth (got "viral")');
    expect(errors(ideas("evidenceLevel=6"))[0]).toBe('evidenceLevel must be one of 1, 2, 3, 4, 5 (got "6")');
    expect(errors(ideas("lifecyclePhase=done"))[0]).toMatch(/^lifecyclePhase must be one of latent, /);
  });

  it("reports every invalid value", () => {
    expect(errors(ideas("sector=health&sector=space&typology=magic&page=0"))).toHaveLength(3);
  });

  it("rejects unknown parameters by name", () => {
    expect(errors(ideas("colour=blue"))).toEqual(["unknown parameter: colour"]);
    expect(errors(ideas("colour=blue&size=xl&q=x"))).toEqual(["unknown parameters: colour, size"]);
    // fundingRoute belongs to the need search only
    expect(errors(ideas("fundingRoute=small-grant"))).toEqual(["unknown parameter: fundingRoute"]);
  });

  it("keeps page within bounds", () => {
    expect(ok(ideas("page=1")).page).toBe(1);
    expect(ok(ideas(`page=${MAX_PAGE}`)).page).toBe(MAX_PAGE);
    expect(errors(ideas("page=0"))).toEqual(["page must be 1 or more"]);
    expect(errors(ideas("page=-2"))).toEqual(["page must be 1 or more"]);
    expect(errors(ideas(`page=${MAX_PAGE + 1}`))).toEqual([`page must be ${MAX_PAGE} or less`]);
    expect(errors(ideas("page=2.5"))).toEqual(["page must be a whole number"]);
    expect(errors(ideas("page=two"))).toEqual(["page must be a whole number"]);
  });

  it("asks for single-valued parameters once", () => {
    expect(errors(ideas("q=a&q=b"))).toEqual(["q must be given once"]);
    expect(errors(ideas("page=1&page=2"))).toEqual(["page must be given once"]);
  });

  it("limits the length of q", () => {
    expect(ok(ideas(`q=${"a".repeat(200)}`)).q).toHaveLength(200);
    expect(errors(ideas(`q=${"a".repeat(201)}`))).toEqual(["q must be at most 200 characters"]);
  });
});

describe("parseSearch (needs)", () => {
  it("reads funding routes as a list", () => {
    const result = needs("fundingRoute=small-grant&fundingRoute=procurement&sector=housing");
    expect(result).toEqual({
      ok: true,
      params: { q: "", sector: ["housing"], diffusionModel: [], fundingRoute: ["small-grant", "procurement"], page: 1 },
    });
  });

  it("rejects idea-only parameters and bad funding routes", () => {
    expect(errors(needs("lifecyclePhase=latent"))).toEqual(["unknown parameter: lifecyclePhase"]);
    expect(errors(needs("fundingRoute=lottery"))[0]).toMatch(/^fundingRoute must be one of small-grant, .* \(got "lottery"\)$/);
  });
});
