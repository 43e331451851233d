import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/utils/safe-redirect";

describe("safeRedirect", () => {
  it("accepts local paths with queries and fragments", () => {
    expect(safeRedirect("/ideas?q=x")).toBe("/ideas?q=x");
    expect(safeRedirect("/ideas/nurse-family-partnership#case-studies")).toBe("/ideas/nurse-family-partnership#case-studies");
    expect(safeRedirect("/")).toBe("/");
  });

  it("rejects other origins and protocol-relative paths", () => {
    for (const to of ["//evil.com", "/\\evil.com", "/\\/evil.com", "https://evil.com", "http://evil.com/ideas", "javascript:alert(1)", "evil.com", "ideas"]) {
      expect(safeRedirect(to), to).toBe("/");
    }
  });

  it("rejects paths that browsers would turn into another origin by dropping control characters", () => {
    for (const to of ["/\t/evil.com", "/\n/evil.com", "/\r\n/evil.com"]) {
      expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
    }
  });

  it("falls back on missing and non-string values", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirect("//evil.com", "/account")).toBe("/account");
  });
});
