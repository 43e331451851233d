import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, uniqueEmail, waitForHydration } from "./helpers";

// axe (WCAG 2.0, 2.1 and 2.2 A and AA) on the states a plain visit does not show (errors
// displayed, revisions opened); every page as each kind of visitor reaches it is swept at both
// widths by every-page.spec.ts.
test.describe("axe finds no violations", () => {
  test("ideas search with an invalid parameter", async ({ page }) => {
    await page.goto("/ideas?sector=bogus");
    await expect(page.getByRole("alert")).toContainText("Sector: “bogus” is not one of the options.");
    await expectNoAxeViolations(page);
  });

  test("idea page with its history open", async ({ page }) => {
    await page.goto("/ideas/social-prescribing-bromley-by-bow");
    for (const summary of await page.getByRole("region", { name: "History" }).locator("summary").all()) await summary.click();
    await expect(page.getByRole("region", { name: "History" }).locator("ins").first()).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("sign in, empty and with an error", async ({ page }) => {
    await page.goto("/signin");
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await page.getByLabel("Email address").fill(uniqueEmail("nobody"));
    await page.getByLabel("Password", { exact: true }).fill("wrong password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("sign up, empty and with errors shown", async ({ page }) => {
    await page.goto("/signup");
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first tab stop and moves focus to main", async ({ page }) => {
    await page.goto("/ideas");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    // The next tab stop is inside main, past the header navigation.
    await page.keyboard.press("Tab");
    const insideMain = await page.evaluate(() => !!document.activeElement?.closest("main"));
    expect(insideMain).toBe(true);
  });

  test("the skip link works without JavaScript too", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto("/");
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("main")).toBeFocused();
    } finally {
      await context.close();
    }
  });
});
