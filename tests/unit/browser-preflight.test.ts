import { describe, expect, it } from "vitest";
import { ensureChromium } from "../../scripts/lib/browser-preflight";

describe("ensureChromium", () => {
  it("accepts an executable CHROMIUM_PATH without installing anything", () => {
    expect(ensureChromium({ CHROMIUM_PATH: process.execPath })).toEqual({ ok: true, path: process.execPath, installed: false });
  });

  it("names the missing file and how to install Chromium when CHROMIUM_PATH is wrong", () => {
    const result = ensureChromium({ CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("/nonexistent/chromium");
      expect(result.message).toContain("apt-get install -y chromium");
    }
  });

  it("does not try to install when told not to", () => {
    const result = ensureChromium({ SKIP_BROWSER_INSTALL: "1", CHROMIUM_PATH: "" });
    // Either the default path exists here (ok) or the message says where it looked.
    if (!result.ok) expect(result.message).toContain("/usr/bin/chromium");
  });
});
