import { describe, expect, it } from "vitest";
import { ideaFacets, type IdeaFilters } from "../../app/domain/idea-facets";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, buildIdeaFilter, buildIdeaSearchQueries, mergeFacets } from "../../search/idea-query";

const noFilters = (): IdeaFilters => ({ sectors: [], diffusionModels: [], lifecyclePhase: [], typology: [], evidenceLevel: [], takeoverTransfers: [] });
const filters = (overrides: Partial<IdeaFilters>): IdeaFilters => ({ ...noFilters(), ...overrides });

describe("buildIdeaFilter", () => {
  it("always restricts to published ideas", () => {
    expect(buildIdeaFilter(noFilters())).toEqual(['status = "published"']);
  });

  it("ORs values inside a facet and ANDs across facets", () => {
    // Meilisearch reads an array of arrays as AND of ORs.
    expect(buildIdeaFilter(filters({ sectors: ["health", "ageing"], diffusionModels: ["franchise"], lifecyclePhase: ["mainstream"] }))).toEqual([
      'status = "published"',
      ['sectors = "health"', 'sectors = "ageing"'],
      ['diffusionModels = "franchise"'],
      ['lifecyclePhase = "mainstream"'],
    ]);
  });

  it("writes evidence levels as numbers and other values quoted", () => {
    expect(buildIdeaFilter(filters({ evidenceLevel: ["3", "5"], typology: ["service"] }))).toEqual([
      'status = "published"',
      ['typology = "service"'],
      ["evidenceLevel = 3", "evidenceLevel = 5"],
    ]);
  });

  it("escapes quotes and backslashes inside values", () => {
    expect(buildIdeaFilter(filters({ sectors: ['say "hi"', "back\\slash"] }))[1]).toEqual(['sectors = "say \\"hi\\""', 'sectors = "back\\\\slash"']);
  });

  it("leaves out the excepted facet but keeps the others and the status", () => {
    const selected = filters({ sectors: ["health"], typology: ["social"] });
    expect(buildIdeaFilter(selected, "sectors")).toEqual(['status = "published"', ['typology = "social"']]);
    expect(buildIdeaFilter(selected, "typology")).toEqual(['status = "published"', ['sectors = "health"']]);
  });
});

describe("buildIdeaSearchQueries", () => {
  const base = { q: "falls", page: 2, hitsPerPage: 20 };

  it("sends one query without facets when facets are not wanted", () => {
    const queries = buildIdeaSearchQueries({ ...base, filters: filters({ sectors: ["health"] }), facets: false });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({
      indexUid: "ideas",
      q: "falls",
      page: 2,
      hitsPerPage: 20,
      facets: undefined,
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
    });
  });

  it("highlights every cropped attribute, so a snippet can show where the match is", () => {
    const [main] = buildIdeaSearchQueries({ ...base, filters: noFilters(), facets: false });
    for (const attribute of main.attributesToCrop ?? []) expect(main.attributesToHighlight).toContain(attribute);
    expect(main.attributesToHighlight).toEqual(expect.arrayContaining(["title", "summary"]));
  });

  it("asks the main query for every facet and adds no extra query when nothing is selected", () => {
    const queries = buildIdeaSearchQueries({ ...base, filters: noFilters(), facets: true });
    expect(queries).toHaveLength(1);
    expect(queries[0].facets).toEqual([...ideaFacets]);
    expect(queries[0].filter).toEqual(['status = "published"']);
  });

  it("adds one disjunctive query per selected facet group, in facet order", () => {
    const selected = filters({ evidenceLevel: ["4"], sectors: ["health", "housing"] });
    const queries = buildIdeaSearchQueries({ ...base, filters: selected, facets: true });
    expect(queries).toHaveLength(3);
    const [main, sectorsQuery, evidenceQuery] = queries;
    expect(main.filter).toEqual(['status = "published"', ['sectors = "health"', 'sectors = "housing"'], ["evidenceLevel = 4"]]);
    expect(sectorsQuery).toEqual({
      indexUid: "ideas",
      q: "falls",
      filter: ['status = "published"', ["evidenceLevel = 4"]],
      limit: 0,
      facets: ["sectors"],
    });
    expect(evidenceQuery).toEqual({
      indexUid: "ideas",
      q: "falls",
      filter: ['status = "published"', ['sectors = "health"', 'sectors = "housing"']],
      limit: 0,
      facets: ["evidenceLevel"],
    });
  });
});

describe("mergeFacets", () => {
  it("takes a selected group's counts from its own query and the rest from the main query", () => {
    const selected = filters({ sectors: ["health"], lifecyclePhase: ["mainstream"] });
    const main = {
      sectors: { health: 2 },
      diffusionModels: { franchise: 2 },
      lifecyclePhase: { mainstream: 2 },
      typology: { service: 1 },
      evidenceLevel: { "3": 2 },
    };
    const sectorsGroup = { sectors: { health: 2, ageing: 5, housing: 1 } };
    const phaseGroup = { lifecyclePhase: { mainstream: 2, discovery: 4 } };
    expect(mergeFacets(selected, main, [sectorsGroup, phaseGroup])).toEqual({
      sectors: { health: 2, ageing: 5, housing: 1 },
      diffusionModels: { franchise: 2 },
      lifecyclePhase: { mainstream: 2, discovery: 4 },
      typology: { service: 1 },
      evidenceLevel: { "3": 2 },
      takeoverTransfers: {},
    });
  });

  it("pairs with the queries buildIdeaSearchQueries produced", () => {
    const selected = filters({ typology: ["social"], diffusionModels: ["growth"] });
    const [, ...groupQueries] = buildIdeaSearchQueries({ q: "", page: 1, hitsPerPage: 20, filters: selected, facets: true });
    const perGroup = groupQueries.map((query) => ({ [query.facets![0]]: { [`from-${query.facets![0]}`]: 1 } }));
    const merged = mergeFacets(selected, {}, perGroup);
    expect(merged.typology).toEqual({ "from-typology": 1 });
    expect(merged.diffusionModels).toEqual({ "from-diffusionModels": 1 });
  });

  it("gives empty counts when Meilisearch returned none", () => {
    expect(mergeFacets(filters({ sectors: ["health"] }), undefined, [undefined])).toEqual({
      sectors: {},
      diffusionModels: {},
      lifecyclePhase: {},
      typology: {},
      evidenceLevel: {},
      takeoverTransfers: {},
    });
  });
});
