import { describe, expect, it } from "vitest";
import { rankCandidates, type CandidateIdea } from "../../search/matching/rank";
import { matchingCandidate } from "./matching-candidates";
import {
  NO_ACCEPTED_ROUTE,
  adoptionReasons,
  adoptionStrength,
  diffusionFit,
  diffusionReason,
  evidenceReason,
  evidenceStrength,
  lifecycleFit,
  sectorOverlap,
} from "../../search/matching/signals";

const candidate = (slug: string, fused: number, idea: Partial<CandidateIdea> = {}) => matchingCandidate(slug, { fused, matchedTerms: ["loneliness"] }, idea);

describe("diffusion fit", () => {
  it("fits when the idea offers at least one model the need accepts", () => {
    expect(diffusionFit(["franchise", "growth"], ["growth", "uncontrolled"])).toEqual({ fits: true, constrained: true, shared: ["growth"] });
    expect(diffusionFit(["takeover"], ["franchise", "uncontrolled"])).toEqual({ fits: false, constrained: true, shared: [] });
  });

  it("fits everything when the need names no model", () => {
    expect(diffusionFit(["takeover"], [])).toEqual({ fits: true, constrained: false, shared: [] });
  });

  it("says which accepted routes the idea offers, or that it offers none", () => {
    expect(diffusionReason(diffusionFit(["franchise"], ["franchise"]), ["franchise"])).toBe("offers a route you accept: franchise");
    const reason = diffusionReason(diffusionFit(["takeover"], ["franchise"]), ["takeover"])!;
    expect(reason).toContain("doesn't offer a route you accept");
    expect(reason.startsWith(NO_ACCEPTED_ROUTE)).toBe(true);
    expect(reason).toContain("takeover");
    expect(diffusionReason(diffusionFit(["takeover"], []), ["takeover"])).toBeNull();
  });
});

describe("ranking candidates", () => {
  const need = { sectors: ["ageing" as const], diffusionModels: ["franchise" as const, "uncontrolled" as const] };

  it("ranks an idea offering none of the accepted models below every idea that offers one", () => {
    const ranked = rankCandidates(
      [
        candidate("best-text-but-takeover", 1, { diffusionModels: ["takeover"], evidenceLevel: 5 }),
        candidate("weak-but-franchise", 0.2, { diffusionModels: ["franchise"], evidenceLevel: 1 }),
        candidate("middling-uncontrolled", 0.5),
      ],
      need,
    );
    expect(ranked.map((match) => match.idea)).toEqual(["middling-uncontrolled", "weak-but-franchise", "best-text-but-takeover"]);
    const outsider = ranked[2];
    expect(outsider.fits).toBe(false);
    expect(outsider.reasons[0]).toContain("doesn't offer a route you accept");
    expect(outsider.score).toBeLessThan(50);
    for (const match of ranked.slice(0, 2)) expect(match.score).toBeGreaterThanOrEqual(50);
  });

  it("gives scores that agree with the order, best first", () => {
    const ranked = rankCandidates([candidate("a", 0.3), candidate("b", 0.9), candidate("c", 0.6, { diffusionModels: ["growth"] })], need);
    const scores = ranked.map((match) => match.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(ranked[0]).toMatchObject({ idea: "b", relevance: 1 });
  });

  it("lets proof reorder ideas that fit about equally well, but not overturn a clear text lead", () => {
    const proven = {
      evidenceLevel: 5,
      lifecyclePhase: "embedding" as const,
      caseStudies: [
        { locality: "Leeds", status: "adopted" as const },
        { locality: "Cork", status: "adopted" as const },
      ],
    };
    const unproven = { evidenceLevel: 1, lifecyclePhase: "discovery" as const, caseStudies: [] };
    const close = rankCandidates([candidate("unproven", 1, unproven), candidate("proven", 0.95, proven)], need);
    expect(close[0].idea).toBe("proven");
    const clearLead = rankCandidates([candidate("unproven", 1, unproven), candidate("proven", 0.6, proven)], need);
    expect(clearLead[0].idea).toBe("unproven");
  });

  it("explains every match: terms, sectors, evidence, lifecycle and adoptions", () => {
    const [match] = rankCandidates(
      [
        candidate("a", 1, {
          evidenceLevel: 3,
          caseStudies: [
            { locality: "Frome", status: "adopted" },
            { locality: "Leeds", status: "stopped" },
          ],
        }),
      ],
      need,
    );
    expect(match.reasons).toEqual([
      "offers a route you accept: uncontrolled",
      "matched terms: loneliness",
      "sectors in common: Ageing",
      "evidence level 3 of 5: evidence it caused the change",
      "lifecycle: mainstream, routine practice where it runs",
      "adopted in 1 place: Frome",
      "stopped in 1 place: Leeds (read the lessons)",
    ]);
  });

  it("drops candidates far below the best and discounts ideas outside the need's sectors", () => {
    const ranked = rankCandidates([candidate("top", 1), candidate("faint", 0.05), candidate("elsewhere", 0.9, { sectors: ["transport"] })], need, {
      minRelevance: 0.1,
      outOfSectorFactor: 0.5,
    });
    expect(ranked.map((match) => match.idea)).toEqual(["top", "elsewhere"]);
    expect(ranked[1].relevance).toBeCloseTo(0.45, 10);
    expect(ranked[1].reasons).toContain("no sector in common");
  });

  it("returns nothing when nothing matched", () => {
    expect(rankCandidates([], need)).toEqual([]);
  });
});

describe("structured signals", () => {
  it("scores sector overlap as the share of the need's sectors", () => {
    expect(sectorOverlap(["ageing", "health"], ["ageing", "housing"])).toEqual({ score: 0.5, shared: ["ageing"] });
    expect(sectorOverlap(["ageing"], []).score).toBe(0);
  });

  it("maps evidence levels 1-5 onto 0-1", () => {
    expect([null, 1, 3, 5].map(evidenceStrength)).toEqual([0, 0, 0.5, 1]);
    expect(evidenceReason(null)).toBe("no evidence level stated");
  });

  it("prefers proven ideas, and ideas ready to pilot for a need already piloting", () => {
    expect(lifecycleFit("embedding")).toBeGreaterThan(lifecycleFit("discovery"));
    expect(lifecycleFit("latent")).toBe(0);
    expect(lifecycleFit("mobilisation", "mobilisation")).toBe(1);
    expect(lifecycleFit("discovery", "mobilisation")).toBeLessThan(0.5);
    expect(lifecycleFit("discovery", "discovery")).toBeGreaterThan(lifecycleFit("discovery", "mainstream"));
  });

  it("counts adoptions elsewhere, saturating at three", () => {
    const adopted = (n: number) => Array.from({ length: n }, (_, i) => ({ locality: `Place ${i}`, status: "adopted" as const }));
    expect(adoptionStrength([])).toBe(0);
    expect(adoptionStrength(adopted(1))).toBeCloseTo(0.5, 10);
    expect(adoptionStrength(adopted(3))).toBe(1);
    expect(adoptionStrength(adopted(7))).toBe(1);
    expect(adoptionReasons([])).toEqual(["no case studies yet"]);
    expect(adoptionReasons([{ locality: "Bolton", status: "piloting" }])).toEqual(["being piloted in 1 place: Bolton"]);
  });
});
