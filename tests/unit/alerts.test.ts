import { describe, expect, it } from "vitest";
import { alertActionSchema, canonicalSearch, caseStudyKey, describeSearch, parseSeenKeys, unseenKeys } from "../../app/domain/alerts";

describe("saved searches", () => {
  it("keep one canonical form of an /ideas query: fixed key order, sorted values, no page", () => {
    const a = canonicalSearch("sector=health&diffusionModel=franchise&sector=ageing&page=3");
    const b = canonicalSearch("?diffusionModel=franchise&sector=ageing&sector=health&sector=ageing");
    expect(a?.query).toBe("sector=ageing&sector=health&diffusionModel=franchise");
    expect(b?.query).toBe(a?.query);
    expect(canonicalSearch("q=+home+visits+&evidenceLevel=3")?.query).toBe("q=home+visits&evidenceLevel=3");
    expect(canonicalSearch("")?.query).toBe("");
  });

  it("refuse what is not a valid idea search", () => {
    expect(canonicalSearch("sector=bogus")).toBeNull();
    expect(canonicalSearch("colour=blue")).toBeNull();
  });

  it("describe themselves in words", () => {
    expect(describeSearch(canonicalSearch("sector=ageing&diffusionModel=franchise")!.filters)).toBe("Ageing; Franchise");
    expect(describeSearch(canonicalSearch("q=loneliness&sector=ageing&sector=health&evidenceLevel=3")!.filters)).toBe(
      "“loneliness” in Ageing or Health; evidence 3",
    );
    expect(describeSearch(canonicalSearch("")!.filters)).toBe("All new ideas");
    expect(describeSearch(canonicalSearch("q=sheds")!.filters)).toBe("“sheds”");
  });
});

describe("what a follower has not been told", () => {
  it("is every case study key not seen before, a change of status included", () => {
    const piloting = caseStudyKey({ placeSlug: "leeds-gb", year: 2020, status: "piloting" });
    const adopted = caseStudyKey({ placeSlug: "leeds-gb", year: 2020, status: "adopted" });
    expect(unseenKeys([piloting], [piloting])).toEqual([]);
    expect(unseenKeys([piloting], [adopted, adopted])).toEqual([adopted]);
    expect(unseenKeys([adopted, "x"], [adopted])).toEqual([]);
  });

  it("reads what was stored, forgiving anything malformed", () => {
    expect(parseSeenKeys('["a","b"]')).toEqual(["a", "b"]);
    expect(parseSeenKeys("not json")).toEqual([]);
    expect(parseSeenKeys('{"a":1}')).toEqual([]);
  });
});

describe("the alerts forms", () => {
  it("accept each intent with its fields and nothing else", () => {
    expect(alertActionSchema.safeParse({ intent: "follow", itemType: "idea", slug: "sheds" }).success).toBe(true);
    expect(alertActionSchema.safeParse({ intent: "follow", itemType: "case-study", slug: "sheds" }).success).toBe(false);
    expect(alertActionSchema.safeParse({ intent: "delete-search", searchId: "7" })).toMatchObject({ success: true, data: { searchId: 7 } });
    expect(alertActionSchema.safeParse({ intent: "delete-search", searchId: "x" }).success).toBe(false);
    expect(alertActionSchema.safeParse({ intent: "launch" }).success).toBe(false);
  });
});
