import { describe, expect, it } from "vitest";
import { ideaFormSchemaFor, routesMissingDetail } from "../../app/domain/idea-form";

const complete = ideaFormSchemaFor({ complete: true });
const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("the idea form", () => {
  it("saves a draft with only a title", () => {
    const draft = ideaFormSchemaFor({ complete: false });
    expect(draft.parse({ title: "A half-formed idea" })).toMatchObject({
      title: "A half-formed idea",
      summary: "",
      sectors: [],
      diffusionModels: [],
      tags: [],
    });
    expect(paths(draft.safeParse({ summary: "No title" }))).toEqual(["title"]);
    // A draft still refuses what it cannot store.
    expect(paths(draft.safeParse({ title: "T", originCountry: "Britain" }))).toEqual(["originCountry"]);
  });

  it("asks for everything, and each route's detail, on submit", () => {
    expect(paths(complete.safeParse({ title: "T" }))).toEqual(expect.arrayContaining(["summary", "sectors", "diffusionModels"]));
    const takeover = complete.safeParse({ title: "T", summary: "S", sectors: ["health"], diffusionModels: ["takeover"] });
    expect(paths(takeover)).toEqual(["takeoverTransfers", "takeoverTerms"]);
  });

  it("does not block an edit on route detail the live idea already lacked", () => {
    const edit = ideaFormSchemaFor({ complete: true, routesWithoutDetail: ["takeover"] });
    expect(edit.safeParse({ title: "T", summary: "S", sectors: ["health"], diffusionModels: ["takeover"], tags: "nhs, triage" }).success).toBe(true);
    // A route newly offered still needs its detail.
    expect(paths(edit.safeParse({ title: "T", summary: "S", sectors: ["health"], diffusionModels: ["takeover", "growth"] }))).toEqual(["growthCapacity"]);
  });

  it("names the routes whose detail is missing", () => {
    expect(routesMissingDetail(["takeover", "uncontrolled", "growth"], { uncontrolled: { licence: "OGL" }, takeover: { transfers: ["staff"] } })).toEqual([
      "takeover",
      "growth",
    ]);
  });
});
