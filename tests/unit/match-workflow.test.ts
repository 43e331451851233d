import { describe, expect, it } from "vitest";
import {
  addMonths,
  availableMatchActions,
  isMatchOverdue,
  matchActionBlocker,
  matchDueAt,
  matchPartyOf,
  statusAfterAction,
  type MatchState,
} from "../../app/domain/match-workflow";

const fresh: MatchState = { status: "suggested", confirmedAt: null, commissionerConsentAt: null, innovatorConsentAt: null };
const at = new Date("2026-01-31T12:00:00Z");

describe("match workflow", () => {
  it("gives each viewer their party", () => {
    expect(matchPartyOf("broker", false, false)).toBe("broker");
    expect(matchPartyOf("admin", false, false)).toBe("broker");
    expect(matchPartyOf("commissioner", true, false)).toBe("commissioner");
    expect(matchPartyOf("commissioner", false, false)).toBeNull();
    expect(matchPartyOf("innovator", false, true)).toBe("innovator");
    expect(matchPartyOf("innovator", true, false)).toBeNull();
  });

  it("walks suggested → shortlisted → introduced → piloting → adopted", () => {
    let match: MatchState = { ...fresh };
    expect(statusAfterAction("shortlist", match)).toBe("shortlisted");
    match = { ...match, status: "shortlisted" };
    expect(statusAfterAction("request-introduction", match)).toBe("shortlisted");
    match = { ...match, commissionerConsentAt: at };
    expect(matchActionBlocker("opt-in", "innovator", match)).toMatch(/broker has to confirm/);
    expect(statusAfterAction("confirm", match)).toBe("shortlisted");
    match = { ...match, confirmedAt: at };
    expect(matchActionBlocker("opt-in", "innovator", match)).toBeNull();
    expect(statusAfterAction("opt-in", match)).toBe("introduced");
    match = { ...match, status: "introduced", innovatorConsentAt: at };
    expect(availableMatchActions("commissioner", match)).toEqual(["start-pilot", "decline"]);
    expect(statusAfterAction("start-pilot", match)).toBe("piloting");
    match = { ...match, status: "piloting" };
    expect(statusAfterAction("adopt", match)).toBe("adopted");
    match = { ...match, status: "adopted" };
    expect(availableMatchActions("broker", match)).toEqual([]);
    expect(matchActionBlocker("decline", "broker", match)).toMatch(/can't change/);
  });

  it("introduces only once both sides agreed, in either order", () => {
    const innovatorFirst: MatchState = { status: "shortlisted", confirmedAt: at, commissionerConsentAt: null, innovatorConsentAt: at };
    expect(statusAfterAction("request-introduction", innovatorFirst)).toBe("introduced");
    const commissionerFirst: MatchState = { status: "shortlisted", confirmedAt: at, commissionerConsentAt: at, innovatorConsentAt: null };
    expect(statusAfterAction("opt-in", commissionerFirst)).toBe("introduced");
  });

  it("keeps each action to its party", () => {
    expect(matchActionBlocker("confirm", "commissioner", fresh)).toMatch(/Only a broker/);
    expect(matchActionBlocker("request-introduction", "broker", fresh)).toMatch(/commissioner/);
    expect(matchActionBlocker("opt-in", "commissioner", { ...fresh, confirmedAt: at })).toMatch(/innovator/);
    expect(matchActionBlocker("start-pilot", "innovator", { ...fresh, status: "introduced" })).toMatch(/commissioner or a broker/);
    expect(matchActionBlocker("decline", "innovator", fresh)).toBeNull();
    expect(matchActionBlocker("confirm", "broker", { ...fresh, confirmedAt: at })).toMatch(/already confirmed/);
  });

  it("sets a deadline per status and spots overdue matches", () => {
    expect(matchDueAt("suggested", at)?.toISOString()).toBe("2026-02-07T12:00:00.000Z");
    expect(matchDueAt("adopted", at)).toBeNull();
    expect(isMatchOverdue({ status: "suggested", dueAt: new Date("2026-02-01T00:00:00Z") }, new Date("2026-02-02T00:00:00Z"))).toBe(true);
    expect(isMatchOverdue({ status: "suggested", dueAt: new Date("2026-02-03T00:00:00Z") }, new Date("2026-02-02T00:00:00Z"))).toBe(false);
    expect(isMatchOverdue({ status: "declined", dueAt: new Date("2026-02-01T00:00:00Z") }, new Date("2026-02-02T00:00:00Z"))).toBe(false);
  });

  it("adds calendar months, keeping to the end of short months", () => {
    expect(addMonths(at, 6).toISOString().slice(0, 10)).toBe("2026-07-31");
    expect(addMonths(at, 1).toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(addMonths(at, 24).toISOString().slice(0, 10)).toBe("2028-01-31");
  });
});
