import { describe, expect, it } from "vitest";
import { procurementRouteHint } from "../../app/domain/procurement-hint";

describe("procurement route hint", () => {
  it("suggests a licence or call-off for a franchise bought through procurement", () => {
    const hint = procurementRouteHint({ ideaModels: ["franchise"], needModels: ["franchise", "growth"], fundingRoutes: ["procurement"], budgetMax: 100_000 });
    expect(hint.route).toBe("Licence or call-off");
    expect(hint.model).toBe("franchise");
    expect(hint.detail).toMatch(/under the public contract threshold/);
  });

  it("suggests a transfer agreement for a takeover", () => {
    expect(procurementRouteHint({ ideaModels: ["takeover"], needModels: [], fundingRoutes: [] }).route).toBe("Transfer agreement");
  });

  it("suggests a grant to adopt for a free-to-copy idea and a small grant", () => {
    const hint = procurementRouteHint({
      ideaModels: ["uncontrolled", "franchise"],
      needModels: ["uncontrolled", "franchise"],
      fundingRoutes: ["small-grant"],
      budgetMax: 20_000,
    });
    expect(hint.route).toBe("Grant to adopt");
    expect(hint.model).toBe("uncontrolled");
  });

  it("uses only routes the need accepts", () => {
    const hint = procurementRouteHint({ ideaModels: ["uncontrolled", "growth"], needModels: ["growth"], fundingRoutes: ["invest-to-save"] });
    expect(hint).toMatchObject({ route: "Invest-to-save contract", model: "growth" });
  });

  it("says so when the idea offers no route the need accepts", () => {
    const hint = procurementRouteHint({ ideaModels: ["takeover"], needModels: ["franchise"], fundingRoutes: ["procurement"] });
    expect(hint).toMatchObject({ route: "No route you accept", model: null });
    expect(hint.detail).toMatch(/offered only as takeover/);
  });

  it("notes budgets below the low-value threshold and above the public contract threshold", () => {
    expect(procurementRouteHint({ ideaModels: ["growth"], needModels: [], fundingRoutes: ["procurement"], budgetMax: 10_000 }).detail).toMatch(/below £30,000/);
    expect(procurementRouteHint({ ideaModels: ["growth"], needModels: [], fundingRoutes: ["procurement"], budgetMax: 500_000 }).detail).toMatch(
      /competitive procedure/,
    );
  });
});
