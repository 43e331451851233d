// The brokers' match queue end to end: a broker finds it from the dashboard, sees the engine's
// suggestions and the demo's overdue one, proposes a match (finding the idea by title), sees
// it in the queue and not overdue, is told a rationale is required, and confirms it with one.
import { expect, test } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

test("a broker proposes a match from the queue and confirms it with a rationale", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, "broker@demo.example", demoPassword);
  await expect(page).toHaveURL(/\/account$/);

  // From the dashboard to the queue: the engine's suggestions for the demo needs are there.
  await page.goto("/broker");
  await page.getByRole("link", { name: /awaiting confirmation/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Match queue" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Awaiting confirmation \(\d+\)/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("row").filter({ hasText: "Engine" }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The demo's unconfirmed broker proposal from ten days ago is overdue.
  await page.getByRole("link", { name: /^Overdue \(\d+\)/ }).click();
  await expect(page.getByRole("row").filter({ hasText: "Warm Home Prescription" })).toContainText("Overdue");

  // Propose a match: the idea found by title.
  await page.getByRole("link", { name: "Propose a match" }).click();
  await waitForHydration(page);
  await page.getByLabel("Open need").selectOption("school-gate-traffic-air-quality-westhaven");
  // A slug that does not exist is named next to its field.
  await page.getByLabel("Published idea (slug)").fill("no-such-idea");
  await page.getByRole("button", { name: "Propose match" }).click();
  await expect(page.getByText("There is no idea with the slug “no-such-idea”.").first()).toBeVisible();
  await page.getByLabel("Words in the idea's title").fill("FixMyStreet");
  await page.getByRole("button", { name: "Search ideas" }).click();
  await page.getByRole("link", { name: /Use this idea.*FixMyStreet/ }).click();
  await expect(page.getByLabel("Published idea (slug)")).toHaveValue("fixmystreet");
  await expect(page.getByLabel("Open need")).toHaveValue("school-gate-traffic-air-quality-westhaven");
  await expectNoAxeViolations(page);
  await page.getByLabel("Note (optional)").fill("Parents can report dangerous parking at the gates.");
  await page.getByRole("button", { name: "Propose match" }).click();

  // Back in the queue for that need: proposed by a broker, due in a week, not overdue.
  await expect(page.getByRole("status").filter({ hasText: "Match proposed" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Matches for “Safer, cleaner school journeys”/ })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "FixMyStreet" });
  await expect(row).toContainText("Broker");
  await expect(row).toContainText("Suggested");
  await expect(row).toContainText("due in 7 days");
  await expect(row).not.toContainText("Overdue");

  // Confirming needs a rationale; then it is confirmed and shortlisted.
  await waitForHydration(page);
  await row.getByText("Confirm or decline").click();
  await row.getByRole("button", { name: "Confirm match" }).click();
  await expect(row.getByRole("alert")).toContainText("Give a rationale");
  await row
    .getByLabel("Rationale both sides will see")
    .fill("Reports of parking at the gates give the council the evidence to close the street at school times.");
  await row.getByRole("button", { name: "Confirm match" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Match confirmed" })).toBeVisible();
  const confirmed = page.getByRole("row").filter({ hasText: "FixMyStreet" });
  await expect(confirmed).toContainText("Shortlisted");
  await expect(confirmed).toContainText("confirmed");
  await expect(confirmed).not.toContainText("Overdue");
});

test("an innovator puts one of their ideas forward from a need's page", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, "innovator@demo.example", demoPassword);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/needs/employment-support-serious-mental-illness-north-calder");
  await waitForHydration(page);
  const section = page.getByRole("region", { name: "Put forward one of your ideas" });
  await section.getByRole("button", { name: "Put this idea forward" }).click();
  await expect(section.getByText("Choose one of your published ideas").first()).toBeVisible();
  await section.getByLabel("Your idea").selectOption({ label: "The Open University: degrees by distance learning" });
  await section.getByLabel("Why it fits this need (optional)").fill("Part-time study fits around recovery and work trials.");
  await section.getByRole("button", { name: "Put this idea forward" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You put “The Open University: degrees by distance learning” forward" })).toBeVisible();
  await expect(section.getByLabel("Your idea").getByRole("option", { name: /Open University/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
