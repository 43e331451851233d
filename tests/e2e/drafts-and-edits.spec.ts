// Drafts keep whatever was written; full checks come on submit. A published demo idea (one
// that went live without every route's detail) can be edited; money and dates are read as
// people type them. Each journey with JavaScript and without it.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signInAs, signUp, uniqueEmail, waitForHydration } from "./helpers";

async function ready(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await waitForHydration(page);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    const suffix = `${javaScriptEnabled ? "js" : "nojs"}${Date.now().toString(36)}`;

    test("an innovator edits only the tags of a published demo idea", async ({ page }) => {
      await signInAs(page, "innovator@demo.example");
      await page.goto("/my/ideas/nhs-direct");
      await ready(page, javaScriptEnabled);
      const tags = page.getByLabel("Tags (optional)");
      await tags.fill(`${await tags.inputValue()}, tag-${suffix}`);
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Your changes are published." })).toBeVisible();
      await expect(page.getByRole("alert")).toHaveCount(0);
      await page.goto("/ideas/nhs-direct");
      await expect(page.getByRole("definition").filter({ hasText: `tag-${suffix}` })).toBeVisible();
    });

    test("an innovator saves a draft with only a title, and submitting it lists what is missing", async ({ page }) => {
      await signUp(page, { email: uniqueEmail(`draft-idea-${suffix}`), role: "innovator" });
      await page.waitForURL(/\/account$/);
      await page.goto("/my/ideas/new");
      await ready(page, javaScriptEnabled);
      const title = `Half a thought ${suffix}`;
      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Your draft is saved." })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

      await ready(page, javaScriptEnabled);
      await page.getByRole("button", { name: "Submit for review" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      if (javaScriptEnabled) await expect(summary).toBeFocused();
      for (const message of ["Enter a one-paragraph summary", "Choose at least one sector", "Choose at least one way the idea can spread"]) {
        await expect(summary.getByRole("link", { name: message })).toBeVisible();
      }
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await page.goto("/my/ideas");
      await expect(page.getByRole("link", { name: title })).toBeVisible();
    });

    test("a commissioner saves a partial need, with the budget and deadline as people type them", async ({ page }) => {
      await signUp(page, { email: uniqueEmail(`draft-need-${suffix}`), role: "commissioner", organisation: "Wold District Council" });
      await page.waitForURL(/\/account$/);
      await page.goto("/my/needs/new");
      await ready(page, javaScriptEnabled);
      const title = `Potholes on rural lanes ${suffix}`;
      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByLabel("Lowest budget").fill("£20,000");
      await page.getByLabel("Highest budget").fill("£50k");
      await page.getByLabel("Day").fill("31/12/2026");
      if (javaScriptEnabled) {
        const check = page.getByTestId("quality-check");
        await expect(check).toContainText("Present: Budget");
        await expect(check).toContainText("Present: Timescale");
      }
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Your draft is saved." })).toBeVisible();
      await expect(page.getByLabel("Lowest budget")).toHaveValue("20000");
      await expect(page.getByLabel("Highest budget")).toHaveValue("50000");
      await expect(page.getByLabel("Day")).toHaveValue("31");
      await expect(page.getByLabel("Month")).toHaveValue("12");
      await expect(page.getByLabel("Year")).toHaveValue("2026");

      // A date that does not exist is refused, linked from the summary to the date input, and nothing changes.
      await ready(page, javaScriptEnabled);
      await page.getByLabel("Day").fill("31");
      await page.getByLabel("Month").fill("2");
      await page.getByRole("button", { name: "Save draft" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await summary.getByRole("link", { name: "The deadline must be a real date" }).click();
      if (javaScriptEnabled) await expect(page.getByLabel("Day")).toBeFocused();
      else await expect(page).toHaveURL(/#need-form-deadline$/);
      await page.goto(page.url().replace(/#.*$/, ""));
      await expect(page.getByLabel("Month")).toHaveValue("12");
    });
  });
}
