import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

// Every page at a phone's width (390px): nothing may make the page scroll sideways. Wide
// tables become one block per row (`stacked-table` in app/styles/app.css).
test.use({ viewport: { width: 390, height: 844 } });

async function expectNoHorizontalOverflow(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${String(element.className).split(" ").slice(0, 3).join(".")}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
  expect(overflow.scrollWidth, `${path} is ${overflow.scrollWidth}px wide at ${overflow.width}px: ${overflow.wide.join(", ")}`).toBeLessThanOrEqual(
    overflow.width,
  );
}

/** Links in the main content that start with a prefix (first few), to reach pages with ids in them. */
async function linksFrom(page: Page, path: string, pattern: RegExp, limit = 2): Promise<string[]> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((href) => pattern.test(href)))].slice(0, limit);
}

test("public pages do not scroll sideways at 390px", async ({ page }) => {
  const pages = [
    "/",
    "/ideas",
    "/ideas?q=loneliness",
    "/needs",
    "/data",
    "/insights",
    "/network",
    "/organisations",
    "/accessibility",
    "/signin",
    "/signup",
    "/no-such-page",
  ];
  pages.push(...(await linksFrom(page, "/ideas", /^\/ideas\/[a-z0-9-]+$/)));
  pages.push(...(await linksFrom(page, "/needs", /^\/needs\/[a-z0-9-]+$/)));
  pages.push(...(await linksFrom(page, "/network", /^\/(places|organisations)\/[a-z0-9-]+$/)));
  for (const path of pages) await expectNoHorizontalOverflow(page, path);
});

test("case-study pages, an idea with its history and organisation profiles do not scroll sideways at 390px", async ({ page }) => {
  const pages = await linksFrom(page, "/ideas/nurse-family-partnership", /^\/ideas\/[a-z0-9-]+\/case-studies\/\d+$/);
  pages.push("/ideas/social-prescribing-bromley-by-bow", "/organisations/northshire-county-council", "/organisations/wigan-council");
  for (const path of pages) await expectNoHorizontalOverflow(page, path);
});

test("an innovator's pages do not scroll sideways at 390px", async ({ page }) => {
  await signInAs(page, "innovator@demo.example");
  const pages = ["/my/ideas", "/my/ideas/new", "/my/matches", "/notifications", "/account", "/account/settings", "/alerts"];
  pages.push(...(await linksFrom(page, "/my/ideas", /^\/my\/ideas\/[a-z0-9-]+$/)));
  for (const path of pages) await expectNoHorizontalOverflow(page, path);
});

test("a commissioner's pages do not scroll sideways at 390px", async ({ page }) => {
  await signInAs(page, "commissioner@demo.example");
  const pages = ["/my/needs", "/my/needs/new", "/my/matches", "/my/outcomes"];
  pages.push(...(await linksFrom(page, "/my/needs", /^\/my\/needs\/[a-z0-9-]+$/, 3)));
  pages.push(...(await linksFrom(page, "/my/matches", /^\/matches\/\d+$/)));
  for (const path of pages) await expectNoHorizontalOverflow(page, path);
});

test("a broker's pages do not scroll sideways at 390px", async ({ page }) => {
  await signInAs(page, "broker@demo.example");
  const pages = ["/broker", "/broker/matches", "/broker/matches?view=all", "/broker/matches/new", "/insights/brokers"];
  pages.push("/broker/questions");
  pages.push(...(await linksFrom(page, "/broker", /^\/broker\/(idea|need|case-study|outcome-update)[a-z-]*\/\d+$/)));
  // The "Assigned to me" view, assigning a match, and a queue item's reject confirmation (when the queue has items).
  pages.push("/broker?assigned=me");
  pages.push(...(await linksFrom(page, "/broker/matches?view=open", /^\/broker\/matches\/\d+\/assign$/, 1)));
  pages.push(
    ...(await linksFrom(page, "/broker", /^\/broker\/(idea|need|case-study|outcome-update)\/\d+$/, 1)).map(
      (link) => `${link}/confirm-reject?reason=Not+a+public-service+innovation`,
    ),
  );
  const matchPages = await linksFrom(page, "/broker/matches", /^\/matches\/\d+$/);
  // A match's confirmation page for declining (open matches in the broker's queue can be declined).
  pages.push(...matchPages, ...matchPages.slice(0, 1).map((match) => `${match}/confirm/decline`));
  for (const path of pages) await expectNoHorizontalOverflow(page, path);
});

test("an admin's pages do not scroll sideways at 390px", async ({ page }) => {
  await signInAs(page, "admin@demo.example");
  for (const path of ["/admin", "/admin/organisations", "/admin/mailbox"]) await expectNoHorizontalOverflow(page, path);
});
