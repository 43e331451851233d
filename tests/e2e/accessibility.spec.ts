import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs, signUp, uniqueEmail, waitForHydration } from "./helpers";
import { sitePages, sweepRoles } from "./site-pages";

// axe (WCAG 2.0, 2.1 and 2.2 A and AA) on every page template.
test.describe("axe finds no violations", () => {
  test("home", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("ideas search with results", async ({ page }) => {
    await page.goto("/ideas?q=loneliness&diffusionModel=uncontrolled");
    await expect(page.getByRole("region", { name: "Results" }).locator("mark").first()).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("ideas search with many results and pagination", async ({ page }) => {
    await page.goto("/ideas");
    await expect(page.getByRole("navigation", { name: "Pagination" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("ideas search with no results", async ({ page }) => {
    await page.goto("/ideas?q=xylophonequasar");
    await expect(page.getByText("No ideas match this search.")).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("ideas search with an invalid parameter", async ({ page }) => {
    await page.goto("/ideas?sector=bogus");
    await expect(page.getByRole("alert")).toContainText("sector must be one of");
    await expectNoAxeViolations(page);
  });

  test("idea page", async ({ page }) => {
    await page.goto("/ideas/nurse-family-partnership");
    await expect(page.getByRole("region", { name: "Case studies" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("case-study page", async ({ page }) => {
    await page.goto("/ideas/nurse-family-partnership");
    await page.getByRole("region", { name: "Case studies" }).getByRole("link", { name: "Denver, Colorado, US" }).click();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("idea page with its history open", async ({ page }) => {
    await page.goto("/ideas/social-prescribing-bromley-by-bow");
    for (const summary of await page.getByRole("region", { name: "History" }).locator("summary").all()) await summary.click();
    await expect(page.getByRole("region", { name: "History" }).locator("ins").first()).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("organisation profile", async ({ page }) => {
    await page.goto("/organisations/northshire-county-council");
    await expect(page.getByRole("heading", { level: 1, name: "Northshire County Council" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("needs list", async ({ page }) => {
    await page.goto("/needs");
    await expect(page.getByRole("heading", { level: 1, name: "Open needs" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("need page", async ({ page }) => {
    await page.goto("/needs");
    const first = page.getByRole("main").getByRole("link", { name: /./ }).first();
    const title = (await first.textContent())!.trim();
    await first.click();
    await expect(page).toHaveURL(/\/needs\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
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

  test("account", async ({ page }) => {
    await signUp(page, { email: uniqueEmail("axe") });
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("questions on needs (brokers' moderation list)", async ({ page }) => {
    await signInAs(page, "broker@demo.example");
    await page.goto("/broker/questions");
    await expect(page.getByRole("heading", { level: 1, name: "Questions on needs" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  // Issue 13 (the item page's rubric and the reject confirmation are checked in broker-rubric-assignment.spec.ts, which creates a queue item).
  test("the broker queue's Assigned to me view and assigning a match", async ({ page }) => {
    await signInAs(page, "broker@demo.example");
    await page.goto("/broker?assigned=me");
    await expect(page.getByRole("heading", { name: "Matches assigned to you" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await page.goto("/broker/matches?view=open");
    await page
      .getByRole("link", { name: /^Assign match #/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Assignment" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("404", async ({ page }) => {
    await page.goto("/ideas/no-such-idea-here");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
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

// Every page, for every kind of visitor, at 1280px (the same lists mobile.spec.ts checks at 390px).
test.describe("every page at 1280px", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  for (const role of sweepRoles) {
    test(`${role === "public" ? "public" : `the ${role}'s`} pages: no axe violations`, async ({ page }) => {
      test.setTimeout(240_000);
      for (const path of await sitePages(page, role)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBeLessThan(500);
        await expectNoAxeViolations(page);
      }
    });
  }
});
