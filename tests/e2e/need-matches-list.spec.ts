import { expect, test, type Page } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// A need's matching ideas: the best ten strong matches first, "Show more" for the next ten,
// and weak matches (text relevance under 0.3 of the best idea's) only when asked for. Plain
// GET links, so the same works without JavaScript.
const NEED = "/my/needs/rural-loneliness-older-people-marlbury";

async function openNeed(page: Page) {
  await page.goto(`/signin?redirectTo=${encodeURIComponent(NEED)}`);
  await signIn(page, "commissioner@demo.example", demoPassword);
  await expect(page.getByRole("heading", { level: 2, name: "Matching ideas" })).toBeVisible();
}

/**
 * The site embeds the demo ideas in the background after it starts (a few seconds); until
 * then it ranks on text alone, so the list could change between two loads. Wait until the
 * ranking uses the model.
 */
async function waitForEmbeddedRanking(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("close in meaning to your need").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [2000] });
}

const rankedIdeas = (page: Page) => page.locator("section[aria-labelledby='matching-heading'] ol > li");

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a need's matches come ten at a time, weaker ones on request", async ({ page }) => {
      await openNeed(page);
      await waitForEmbeddedRanking(page);
      if (javaScriptEnabled) await waitForHydration(page);
      await expect(rankedIdeas(page)).toHaveCount(10);
      await expect(page.getByText(/^Showing 10 of \d+ ideas, best first\. \d+ weaker matches are not shown\.$/)).toBeVisible();

      await page.getByRole("link", { name: /^Show \d+ more match(es)?$/ }).click();
      await expect(page).toHaveURL(/show=20/);
      await expect.poll(() => rankedIdeas(page).count()).toBeGreaterThan(10);
      const strong = await rankedIdeas(page).count();
      await expect(page.getByRole("link", { name: /more match/ })).toHaveCount(0);

      const weaker = page.getByRole("link", { name: /^Show \d+ weaker match(es)?$/ });
      const hidden = Number((await weaker.textContent())!.match(/\d+/)![0]);
      await weaker.click();
      await expect(page).toHaveURL(/weaker=1/);
      await expect(rankedIdeas(page)).toHaveCount(Math.min(20, strong + hidden));
      await expect(page.getByRole("link", { name: "Hide weaker matches" })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);
    });
  });
}

test("the ranking uses the sentence-embedding model on the running site", async ({ page }) => {
  await openNeed(page);
  await waitForEmbeddedRanking(page);
});
