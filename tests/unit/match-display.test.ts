import { describe, expect, it } from "vitest";
import {
  consentText,
  highlightSegments,
  needMatchFilterSearch,
  needMatchListSearch,
  parseNeedMatchFilters,
  parseNeedMatchView,
  passesNeedMatchFilters,
  visibleMatches,
} from "../../app/domain/match-display";

describe("the need page's match filters", () => {
  it("reads known values and ignores anything else", () => {
    expect(parseNeedMatchFilters(new URLSearchParams("sector=ageing&acceptedOnly=1&evidenceLevel=3"))).toEqual({
      sector: "ageing",
      acceptedOnly: true,
      evidenceLevel: 3,
    });
    expect(parseNeedMatchFilters(new URLSearchParams("sector=pirates&acceptedOnly=true&evidenceLevel=3.5"))).toEqual({
      sector: null,
      acceptedOnly: false,
      evidenceLevel: null,
    });
    expect(parseNeedMatchFilters(new URLSearchParams("evidenceLevel=0"))).toEqual({ sector: null, acceptedOnly: false, evidenceLevel: null });
  });

  it("round-trips through a query string", () => {
    const filters = { sector: "housing" as const, acceptedOnly: true, evidenceLevel: 2 as const };
    expect(parseNeedMatchFilters(new URLSearchParams(needMatchFilterSearch(filters).slice(1)))).toEqual(filters);
    expect(needMatchFilterSearch({ sector: null, acceptedOnly: false, evidenceLevel: null })).toBe("");
  });

  it("applies sector, accepted route and minimum evidence", () => {
    const idea = { sectors: ["ageing", "health"], fits: true, evidenceLevel: 3 };
    expect(passesNeedMatchFilters(idea, { sector: "health", acceptedOnly: true, evidenceLevel: 3 })).toBe(true);
    expect(passesNeedMatchFilters(idea, { sector: "housing", acceptedOnly: false, evidenceLevel: null })).toBe(false);
    expect(passesNeedMatchFilters({ ...idea, fits: false }, { sector: null, acceptedOnly: true, evidenceLevel: null })).toBe(false);
    expect(passesNeedMatchFilters({ ...idea, evidenceLevel: null }, { sector: null, acceptedOnly: false, evidenceLevel: 1 })).toBe(false);
  });
});

describe("highlightSegments", () => {
  const marked = (text: string, terms: string[]) =>
    highlightSegments(text, terms)
      .map((segment) => (segment.marked ? `[${segment.text}]` : segment.text))
      .join("");

  it("marks whole words and phrases, case-insensitively, longest first", () => {
    expect(marked("Lonely older people and Older People's groups", ["older people", "older"])).toBe("Lonely [older people] and [Older People]'s groups");
    expect(marked("Home-care visits at home", ["home care", "home"])).toBe("[Home-care] visits at [home]");
  });

  it("does not mark inside words and treats terms as text, not patterns", () => {
    expect(marked("Mental health for men", ["men"])).toBe("Mental health for [men]");
    expect(marked("a (b) c.d cxd", ["(b)", "c.d"])).toBe("a [(b)] [c.d] cxd");
    expect(highlightSegments("", ["x"])).toEqual([]);
    expect(highlightSegments("plain", [])).toEqual([{ text: "plain", marked: false }]);
  });
});

describe("consentText", () => {
  const state = { status: "shortlisted" as const, confirmed: true, commissionerAgreed: true, innovatorAgreed: false };
  it("tells each party whose turn it is", () => {
    expect(consentText("commissioner", state)).toMatch(/Waiting for the innovator to agree/);
    expect(consentText("innovator", state)).toMatch(/The commissioner asked for an introduction/);
    expect(consentText("broker", { ...state, confirmed: false })).toMatch(/Commissioner: agreed\. Innovator: not yet\. A broker has to confirm/);
    expect(consentText("innovator", { ...state, commissionerAgreed: false, innovatorAgreed: true })).toMatch(/Waiting for the commissioner/);
    expect(consentText("commissioner", { ...state, status: "introduced", innovatorAgreed: true })).toMatch(/contact details are shared/);
  });
});

describe("the need page's list: best ten first, weak matches on request", () => {
  const ideas = Array.from({ length: 25 }, (_, n) => ({ slug: `idea-${n}`, weak: n >= 18 }));

  it("reads show and weaker from the query string, with safe defaults", () => {
    expect(parseNeedMatchView(new URLSearchParams(""))).toEqual({ shown: 10, weaker: false });
    expect(parseNeedMatchView(new URLSearchParams("show=20&weaker=1"))).toEqual({ shown: 20, weaker: true });
    expect(parseNeedMatchView(new URLSearchParams("show=-3"))).toEqual({ shown: 10, weaker: false });
    expect(parseNeedMatchView(new URLSearchParams("show=abc&weaker=yes"))).toEqual({ shown: 10, weaker: false });
    expect(parseNeedMatchView(new URLSearchParams("show=9999"))).toEqual({ shown: 50, weaker: false });
  });

  it("keeps the filters in the links and leaves default view parameters out", () => {
    const filters = { sector: "housing" as const, acceptedOnly: true, evidenceLevel: null };
    expect(needMatchListSearch(filters, { shown: 10, weaker: false })).toBe("?sector=housing&acceptedOnly=1");
    expect(needMatchListSearch(filters, { shown: 20, weaker: true })).toBe("?sector=housing&acceptedOnly=1&show=20&weaker=1");
    expect(needMatchListSearch({ sector: null, acceptedOnly: false, evidenceLevel: null }, { shown: 10, weaker: false })).toBe("");
  });

  it("shows the first ten strong matches, says how many more and how many weak ones are hidden", () => {
    const list = visibleMatches(ideas, { shown: 10, weaker: false });
    expect(list.visible.map((idea) => idea.slug)).toEqual(ideas.slice(0, 10).map((idea) => idea.slug));
    expect(list).toMatchObject({ more: 8, hiddenWeak: 7, weaker: false });
    const all = visibleMatches(ideas, { shown: 30, weaker: true });
    expect(all.visible).toHaveLength(25);
    expect(all).toMatchObject({ more: 0, hiddenWeak: 0 });
  });

  it("stretches the list to the idea just acted on, weak or beyond the first ten", () => {
    expect(visibleMatches(ideas, { shown: 10, weaker: false }, "idea-14").visible.at(-1)?.slug).toBe("idea-14");
    const weak = visibleMatches(ideas, { shown: 10, weaker: false }, "idea-20");
    expect(weak.weaker).toBe(true);
    expect(weak.visible.at(-1)?.slug).toBe("idea-20");
  });
});
