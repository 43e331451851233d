import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers";
import { sitePages, sweepRoles } from "./site-pages";

// Every page at a phone's width (390px), for every kind of visitor: nothing may make the page
// scroll sideways (wide tables become one block per row: `stacked-table` in app/styles/app.css),
// and axe finds no violations at this width either (accessibility.spec.ts sweeps at 1280px).
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

for (const role of sweepRoles) {
  test(`${role === "public" ? "public" : `the ${role}'s`} pages at 390px: no sideways scroll, no axe violations`, async ({ page }) => {
    test.setTimeout(240_000);
    const pages = await sitePages(page, role);
    for (const path of pages) {
      await expectNoHorizontalOverflow(page, path);
      await expectNoAxeViolations(page);
    }
  });
}
