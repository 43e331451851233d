import { expect, test, type Page } from "@playwright/test";

const results = (page: Page) => page.getByRole("region", { name: "Results" });
const resultItems = (page: Page) => results(page).locator("ol > li");

test.describe("a newcomer finds an idea", () => {
  test("searches from the home page with a typo, filters by diffusion model and opens an idea", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("public-service ideas that worked");

    const search = page.getByRole("search");
    await search.getByLabel("Search ideas").fill("nurse famly");
    await search.getByRole("button", { name: "Search" }).click();

    await expect(page).toHaveURL(/\/ideas\?q=nurse\+famly$/);
    await expect(page.getByRole("heading", { level: 1, name: "Ideas" })).toBeVisible();
    await expect(results(page).getByRole("status")).toHaveText(/^\d+ ideas? for “nurse famly”$/);
    // The typo still finds the Nurse-Family Partnership, with the matched words highlighted.
    const nfp = results(page).getByRole("link", { name: /Nurse-Family Partnership: nurse home visiting/ });
    await expect(nfp).toBeVisible();
    await expect(nfp.locator("mark").first()).toBeVisible();
    await expect(
      results(page)
        .locator("mark")
        .filter({ hasText: /^famil/i })
        .first(),
    ).toBeVisible();
    const unfiltered = await resultItems(page).count();
    expect(unfiltered).toBeGreaterThan(1);

    // Filtering needs no button with JavaScript: the checkbox submits and the URL carries the state.
    const franchise = page.getByRole("checkbox", { name: /^Franchise \(licensing, federation\)/ });
    await franchise.check();
    await expect(page).toHaveURL(/[?&]diffusionModel=franchise(&|$)/);
    await expect(page).toHaveURL(/[?&]q=nurse\+famly(&|$)/);
    await expect(franchise).toBeChecked();
    const filtered = resultItems(page);
    await expect(filtered.first()).toBeVisible();
    for (const item of await filtered.all()) {
      await expect(item.getByRole("list", { name: "Classification" })).toContainText("Franchise");
    }
    expect(await filtered.count()).toBeLessThanOrEqual(unfiltered);

    // The URL alone restores the search: a reload shows the same query, filter and results.
    const filteredCount = await filtered.count();
    await page.reload();
    await expect(page.getByLabel("Search ideas")).toHaveValue("nurse famly");
    await expect(page.getByRole("checkbox", { name: /^Franchise/ })).toBeChecked();
    await expect(resultItems(page)).toHaveCount(filteredCount);

    await results(page)
      .getByRole("link", { name: /Nurse-Family Partnership: nurse home visiting/ })
      .click();
    await expect(page).toHaveURL(/\/ideas\/nurse-family-partnership$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Nurse-Family Partnership/);
    const caseStudies = page.getByRole("region", { name: "Case studies" });
    await expect(caseStudies.getByRole("heading", { level: 2, name: "Case studies" })).toBeVisible();
    await expect(caseStudies.getByRole("heading", { level: 3, name: /^Memphis, Tennessee, US/ })).toBeVisible();
    await expect(caseStudies.getByRole("listitem").first()).toContainText(/Adopted|Piloting|Stopped/);
  });

  test("a search with no match says so", async ({ page }) => {
    await page.goto("/ideas?q=xylophonequasar");
    await expect(results(page).getByRole("status")).toHaveText("0 ideas for “xylophonequasar”");
    await expect(page.getByText("No ideas match this search.")).toBeVisible();
    await expect(resultItems(page)).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form and the filters work through Apply filters", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("search").getByLabel("Search ideas").fill("lonelyness");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/ideas\?q=lonelyness$/);
    await expect(
      results(page)
        .locator("mark")
        .filter({ hasText: /^lonel/i })
        .first(),
    ).toBeVisible();
    const unfiltered = await resultItems(page).count();
    expect(unfiltered).toBeGreaterThan(1);

    const takeover = page.getByRole("checkbox", { name: /^Takeover \(adopted wholesale\)/ });
    await takeover.check();
    // Nothing happens until the form is submitted.
    await expect(page).toHaveURL(/\/ideas\?q=lonelyness$/);
    await page.getByRole("button", { name: "Apply filters" }).click();

    await expect(page).toHaveURL(/[?&]diffusionModel=takeover(&|$)/);
    await expect(page).toHaveURL(/[?&]q=lonelyness(&|$)/);
    await expect(page.getByRole("checkbox", { name: /^Takeover/ })).toBeChecked();
    const filtered = resultItems(page);
    await expect(filtered.first()).toBeVisible();
    expect(await filtered.count()).toBeLessThan(unfiltered);
    for (const item of await filtered.all()) {
      await expect(item.getByRole("list", { name: "Classification" })).toContainText("Takeover");
    }

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/ideas\?q=lonelyness$/);
    await expect(resultItems(page)).toHaveCount(unfiltered);
  });
});

test.describe("ordering and phones", () => {
  test("sorting by strongest evidence puts the best-evidenced ideas first, with and without JavaScript", async ({ browser }) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/ideas?q=family");
      await page.getByLabel("Sort by").selectOption("evidence");
      if (!javaScriptEnabled) await page.getByRole("button", { name: "Search", exact: true }).click();
      await expect(page).toHaveURL(/[?&]sort=evidence(&|$)/);
      await expect(page.getByLabel("Sort by")).toHaveValue("evidence");
      const levels = await resultItems(page)
        .getByText(/^Evidence level \d/)
        .allTextContents();
      const numbers = levels.map((text) => Number(text.match(/\d/)![0]));
      expect(numbers.length, `javaScriptEnabled=${javaScriptEnabled}`).toBeGreaterThan(1);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      await context.close();
    }
  });

  test("on a phone the filters fold away behind Filters, so results come first", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/ideas?q=loneliness");
    const filters = page.getByRole("complementary", { name: "Filters" });
    const firstCheckbox = filters.getByRole("checkbox").first();
    await expect(firstCheckbox).toBeHidden();
    await expect(resultItems(page).first()).toBeInViewport();
    await filters.getByText("Filters", { exact: true }).click();
    await expect(firstCheckbox).toBeVisible();
  });
});
