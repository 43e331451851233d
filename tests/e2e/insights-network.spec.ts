// Issue 7 in the browser: axe (WCAG 2.2 AA rules) on the open data, insights, network, place,
// alerts and accessibility templates; keyboard-only journeys through the adopter network (its
// diagram and its sortable table) and following an idea; the Atom feed and the downloads.
import { expect, test, type Page } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

/** Presses Tab until the focused element matches, failing after `limit` presses. */
async function tabTo(page: Page, matches: (element: { tag: string; text: string; label: string | null }) => boolean, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? { tag: element.tagName.toLowerCase(), text: (element.textContent ?? "").trim(), label: element.getAttribute("aria-label") } : null;
    });
    if (focused && matches(focused)) return focused;
  }
  throw new Error("The element was not reached with the Tab key");
}

test.describe("axe finds no violations", () => {
  test("open data page", async ({ page }) => {
    await page.goto("/data");
    await expect(page.getByRole("heading", { level: 1, name: "Open data and API" })).toBeVisible();
    await waitForHydration(page);
    // With the column tables open too.
    for (const summary of await page.locator("summary").all()) await summary.click();
    await expectNoAxeViolations(page);
  });

  test("insights, with the tables shown", async ({ page }) => {
    await page.goto("/insights");
    await expect(page.getByRole("img", { name: "Published ideas, open needs and scouting gaps by sector" })).toBeVisible();
    await waitForHydration(page);
    for (const summary of await page.getByText("Show the figures as a table").all()) await summary.click();
    await expect(page.getByRole("table", { name: "Published ideas, open needs and scouting gaps by sector" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("broker insights", async ({ page }) => {
    await page.goto("/signin?redirectTo=/insights/brokers");
    await signIn(page, "broker@demo.example", demoPassword);
    await expect(page.getByRole("heading", { level: 1, name: "Broker insights" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Working days in each review queue/ })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  // Two tests: axe takes a while over the diagram's hundreds of links.
  test("adopter network", async ({ page }) => {
    await page.goto("/network");
    await expect(page.getByRole("group", { name: /Adopter network diagram/ })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("adopter network, filtered and sorted", async ({ page }) => {
    await page.goto("/network?kind=place&sort=name&page=2");
    await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
    await expectNoAxeViolations(page);
  });

  test("a place page", async ({ page }) => {
    await page.goto("/places/london-gb");
    await expect(page.getByRole("heading", { level: 1, name: "London" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Being tried nearby" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("accessibility statement", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Accessibility statement for the Innovation Exchange" })).toBeVisible();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  });

  test("alerts, follow buttons and save search, signed in", async ({ page }) => {
    await signUp(page, { email: uniqueEmail("alerts-axe"), role: "commissioner" });
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/alerts");
    await expect(page.getByText("You have no alerts yet.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/ideas/nurse-family-partnership");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Follow this idea" }).click();
    await expect(page.getByText("You are following this idea.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/ideas?sector=ageing&diffusionModel=franchise");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Save this search" }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(page.getByRole("link", { name: "Ageing; Franchise" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nurse-Family Partnership: nurse home visiting for first-time mothers" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("keyboard only", () => {
  test("the network table: skip the diagram, sort by degree, show only places, open a place", async ({ page }) => {
    await page.goto("/network");
    await waitForHydration(page);
    await tabTo(page, (element) => element.text === "Skip the diagram and go to the table");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "All nodes" })).toBeFocused();

    // The next stops are the filters and the button, then the sortable column headers.
    const degree = await tabTo(page, (element) => element.tag === "a" && element.text.startsWith("Degree"), 10);
    expect(degree.text).toContain("sort highest first");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=degree/);
    await expect(page.getByRole("columnheader", { name: /Degree/ })).toHaveAttribute("aria-sort", "descending");
    const degrees = await page.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(degrees.map(Number)).toEqual([...degrees.map(Number)].sort((a, b) => b - a));

    // Back up to the Kind filter, choose places with the keyboard and show them.
    await page.getByRole("heading", { name: "All nodes" }).focus();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Kind")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("Kind")).toHaveValue("place");
    await tabTo(page, (element) => element.text === "Show nodes", 3);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/kind=place/);
    await expect(page).toHaveURL(/sort=degree/);
    const kinds = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(new Set(kinds)).toEqual(new Set(["Place"]));

    // Into the table: the first place, most connected first, opens with Enter.
    const first = (await page.locator("tbody tr th a").first().textContent())!.trim();
    await tabTo(page, (element) => element.tag === "a" && element.text === first, 20);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/places\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.replace(/, [A-Z]{2}$/, ""));
  });

  test("the network diagram: one Tab stop, arrow keys between nodes, Enter opens one", async ({ page }) => {
    await page.goto("/network");
    await waitForHydration(page);
    const firstNode = await tabTo(page, (element) => element.tag === "a" && (element.label ?? "").includes(" links, betweenness "));
    expect(firstNode.label).toMatch(/^(Idea|Place|Organisation): /);
    // The details panel follows the focus.
    await expect(
      page
        .locator('[aria-hidden="true"]')
        .getByText(/links, betweenness/)
        .first(),
    ).toBeVisible();
    await page.keyboard.press("ArrowRight");
    const second = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    expect(second).not.toBe(firstNode.label);
    expect(second).toMatch(/ links?, betweenness /);
    // One Tab leaves the diagram for whatever follows it, not the next node.
    await page.keyboard.press("Tab");
    const after = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
    expect(after).not.toMatch(/ links?, betweenness /);
    // Back in, the arrow keys are where we left them; Enter opens the node's page.
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(second);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/(ideas|places|organisations)\//);
  });

  test("following an idea", async ({ page }) => {
    await signUp(page, { email: uniqueEmail("follow-keys"), role: "innovator" });
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/ideas/shared-lives");
    await waitForHydration(page);
    await tabTo(page, (element) => element.text === "Follow this idea");
    await page.keyboard.press("Enter");
    await expect(page.getByText("You are following this idea.")).toBeVisible();
    await tabTo(page, (element) => element.text === "Stop following");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Follow this idea" })).toBeVisible();
  });
});

test.describe("open data", () => {
  test("the Atom feed is well-formed XML in the Atom namespace", async ({ page, request }) => {
    const response = await request.get("/feed.atom");
    expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    await page.goto("/data");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const ns = "http://www.w3.org/2005/Atom";
      return {
        errors: doc.getElementsByTagName("parsererror").length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        entries: doc.getElementsByTagNameNS(ns, "entry").length,
        entriesWithIds: [...doc.getElementsByTagNameNS(ns, "entry")].filter((entry) =>
          entry.getElementsByTagNameNS(ns, "id")[0]?.textContent?.startsWith("tag:"),
        ).length,
      };
    }, xml);
    expect(parsed).toEqual({ errors: 0, root: "http://www.w3.org/2005/Atom feed", entries: 50, entriesWithIds: 50 });
  });

  test("the downloads linked from /data", async ({ page, request }) => {
    await page.goto("/data");
    const ideasJson = await request.get((await page.getByRole("link", { name: "Published ideas (JSON, exchange format)" }).getAttribute("href"))!);
    expect(ideasJson.headers()["content-disposition"]).toBe('attachment; filename="ideas.json"');
    const ideas = (await ideasJson.json()) as { slug: string }[];
    expect(ideas.length).toBeGreaterThan(50);
    const csv = await request.get("/data/case-studies.csv");
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "ideaSlug,ideaTitle,ideaUrl,position,locality,country,year,status,outcomes,lessons,url",
    );
  });
});
