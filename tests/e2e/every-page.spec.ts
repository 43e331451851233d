import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers";
import { sitePages, sweepRoles } from "./site-pages";

// Every page, for every kind of visitor, in one visit at two widths: axe (WCAG 2.0–2.2 A and
// AA) at 1280px; then, resized to a phone's 390px, axe again and no sideways scroll (wide
// tables become one block per row: `stacked-table` in app/styles/app.css). One visit serves
// both widths: the layout responds to the viewport through CSS alone.
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
test.use({ viewport: desktop });

async function expectNoHorizontalOverflow(page: Page, path: string) {
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
  test(`${role === "public" ? "public" : `the ${role}'s`} pages at 1280px and 390px: no axe violations, no sideways scroll on a phone`, async ({ page }) => {
    test.setTimeout(480_000);
    for (const path of await sitePages(page, role)) {
      await page.setViewportSize(desktop);
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(500);
      await expectNoAxeViolations(page);
      await page.setViewportSize(phone);
      await expect.poll(() => page.evaluate(() => document.documentElement.clientWidth), { message: path }).toBeLessThanOrEqual(phone.width);
      await expectNoHorizontalOverflow(page, path);
      await expectNoAxeViolations(page);
    }
  });
}
