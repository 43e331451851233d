import { expect, test, type Page } from "@playwright/test";

// Case-study pages, organisation profiles and an idea's visible history (issue 13, items 12
// and 13), against the demo data. Links and <details> work the same without JavaScript.

async function fromIdeaToCaseStudy(page: Page) {
  await page.goto("/ideas/nurse-family-partnership");
  const studies = page.getByRole("region", { name: "Case studies" });
  await studies.getByRole("link", { name: "Denver, Colorado, US" }).click();
  await expect(page).toHaveURL(/\/ideas\/nurse-family-partnership\/case-studies\/\d+$/);
  const idea = "Nurse-Family Partnership: nurse home visiting for first-time mothers";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${idea} in Denver, Colorado, US`);
  await expect(page).toHaveTitle(`${idea} in Denver, Colorado, US (1994): case study | Innovation Exchange`);
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb.locator('[aria-current="page"]')).toHaveText("Denver, Colorado, US");
  await expect(page.getByRole("region", { name: "Outcomes" })).not.toBeEmpty();
  await expect(page.getByText("Year it began")).toBeVisible();
  // Back to the idea through the breadcrumbs.
  await breadcrumb.getByRole("link", { name: idea }).click();
  await expect(page).toHaveURL(/\/ideas\/nurse-family-partnership$/);
}

async function historyOfTheDemoIdea(page: Page) {
  await page.goto("/ideas/social-prescribing-bromley-by-bow");
  const history = page.getByRole("region", { name: "History" });
  const revisions = history.locator("details");
  await expect(revisions).toHaveCount(2);
  await expect(revisions.nth(0).locator("summary")).toHaveText(/^\d{1,2} \w+ \d{4} by Ines Innovator: changed How it works$/);
  await expect(revisions.nth(1).locator("summary")).toHaveText(/by Ines Innovator: changed Costs, Tags$/);
  await expect(revisions.nth(0).getByText("caseloads of about 250 people", { exact: false })).toBeHidden();
  await revisions.nth(0).locator("summary").click();
  await expect(revisions.nth(0).locator("ins")).toContainText("caseloads of about 250 people");
  await revisions.nth(1).locator("summary").click();
  // Only the words that changed are marked.
  await expect(revisions.nth(1).locator("del").last()).toHaveText("wellbeing");
  await expect(revisions.nth(1).locator("ins").last()).toHaveText("wellbeing, loneliness");
  await expect(revisions.nth(1).getByText("link workers, primary care, wellbeing, loneliness")).toBeVisible();
}

async function organisationLinks(page: Page) {
  await page.goto("/ideas/mens-sheds");
  const link = page.locator('main a[href^="/organisations/"]').first();
  const name = (await link.textContent())!.trim();
  expect(name).toBe("Local sheds supported by national associations (e.g. UK Men's Sheds Association)");
  await link.click();
  await expect(page).toHaveURL(/\/organisations\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("region", { name: "Published ideas" }).getByRole("link", { name: "Men's Sheds" })).toBeVisible();
  // "Who else is trying this?": the council piloting social prescribing links to its profile.
  await page.goto("/ideas/social-prescribing-bromley-by-bow");
  await expect(page.getByRole("region", { name: "Who else is trying this?" }).getByRole("link", { name: "Northshire County Council" })).toHaveAttribute(
    "href",
    "/organisations/northshire-county-council",
  );
  // The demo commissioner's council posts the open needs: each need page links to its profile.
  await page.goto("/needs/rural-loneliness-older-people-marlbury");
  await page.getByRole("link", { name: "Northshire County Council" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Northshire County Council");
  await expect(page.getByRole("region", { name: "Open needs" }).getByRole("listitem").first()).toBeVisible();
}

test.describe("case studies, profiles and history", () => {
  test("an idea's case study opens on its own page", async ({ page }) => {
    await fromIdeaToCaseStudy(page);
  });

  test("a search links to the case study that matched", async ({ page }) => {
    await page.goto("/ideas?q=denver");
    const results = page.getByRole("region", { name: "Results" });
    await results.getByRole("link", { name: "Denver, Colorado, US (1994)" }).click();
    await expect(page).toHaveURL(/\/ideas\/nurse-family-partnership\/case-studies\/\d+$/);
  });

  test("an unknown case study is not found", async ({ page }) => {
    const response = await page.goto("/ideas/nurse-family-partnership/case-studies/999999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
  });

  test("the demo idea shows its revisions, field by field", async ({ page }) => {
    await historyOfTheDemoIdea(page);
  });

  test("organisation names link to their profiles", async ({ page }) => {
    await organisationLinks(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an idea's case study opens on its own page", async ({ page }) => {
    await fromIdeaToCaseStudy(page);
  });

  test("the demo idea shows its revisions", async ({ page }) => {
    await historyOfTheDemoIdea(page);
  });
});
