import { describe, expect, it } from "vitest";
import { adopterName, matchStage, whoElseIsTryingThis, type MatchInput } from "../../app/domain/who-else";

const match = (overrides: Partial<MatchInput>): MatchInput => ({
  id: 1,
  status: "piloting",
  declinedFrom: null,
  locality: "Leeds",
  country: "GB",
  organisation: "Leeds City Council",
  changedAt: new Date("2026-05-01T00:00:00Z"),
  ...overrides,
});

describe("who else is trying this", () => {
  it("shows a match only once it reached a pilot: piloting, adopted, or dropped after piloting", () => {
    expect(matchStage({ status: "suggested", declinedFrom: null })).toBeNull();
    expect(matchStage({ status: "introduced", declinedFrom: null })).toBeNull();
    expect(matchStage({ status: "piloting", declinedFrom: null })).toBe("piloting");
    expect(matchStage({ status: "adopted", declinedFrom: null })).toBe("adopted");
    expect(matchStage({ status: "declined", declinedFrom: "piloting" })).toBe("dropped");
    expect(matchStage({ status: "declined", declinedFrom: "introduced" })).toBeNull();
  });

  it("groups case studies and matches by stage, a match that became a case study listed once", () => {
    const grouped = whoElseIsTryingThis(
      [
        { locality: "Bradford", country: "GB", year: 2019, status: "adopted", matchId: null },
        { locality: "Leeds", country: "GB", year: 2026, status: "adopted", matchId: 3 },
        { locality: "Hull", country: "GB", year: 2018, status: "stopped", matchId: null },
        { locality: "York", country: "GB", year: 2021, status: "piloting", matchId: null },
      ],
      [
        match({ id: 3, status: "adopted" }),
        match({ id: 4, status: "piloting", locality: "Wakefield", organisation: "Wakefield Council" }),
        match({ id: 5, status: "declined", declinedFrom: "piloting", locality: null, organisation: "Calder Trust" }),
        match({ id: 6, status: "declined", declinedFrom: "shortlisted", locality: "Secret", organisation: "Hidden" }),
        match({ id: 7, status: "introduced", locality: "Secret", organisation: "Hidden" }),
        match({ id: 8, status: "piloting", locality: null, organisation: null }),
      ],
    );
    expect(grouped.adopted.map(adopterName)).toEqual(["Leeds, GB (Leeds City Council)", "Bradford, GB"]);
    expect(grouped.piloting.map(adopterName)).toEqual(["Wakefield, GB (Wakefield Council)", "York, GB"]);
    expect(grouped.dropped.map(adopterName)).toEqual(["Calder Trust", "Hull, GB"]);
    expect(JSON.stringify(grouped)).not.toMatch(/Secret|Hidden/);
  });

  it("lists the same place and organisation once per stage", () => {
    const grouped = whoElseIsTryingThis(
      [
        { locality: "Leeds", country: "GB", year: 2020, status: "adopted", matchId: null },
        { locality: "leeds", country: "GB", year: 2020, status: "adopted", matchId: null },
      ],
      [],
    );
    expect(grouped.adopted).toHaveLength(1);
  });
});
