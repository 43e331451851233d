// The supply side end to end: an innovator drafts and submits an idea offering franchise,
// a broker claims it and asks for changes, the innovator resubmits, the broker publishes it
// with evidence level 3, and the public finds it.
import { expect, test, type Page } from "@playwright/test";
import { demoPassword, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

const brokerEmail = "broker@demo.example";

async function fillIdea(page: Page, title: string) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Trained volunteers run weekly repair sessions in libraries, cutting waste and isolation.");
  await page.getByLabel("Environment and climate").check();
  await page.getByLabel(/^Franchise/).check();
  await page.getByLabel("Fee model").fill("A £400 annual licence per site, waived for the first year.");
  await page.getByLabel("Core elements an adopter must keep").fill("Free to attend; trained volunteer fixers; safety checks on every electrical repair.");
}

test("an idea goes from draft to published through broker review", async ({ browser }) => {
  const title = `Library repair sessions ${Date.now().toString(36)}`;
  const innovator = await browser.newPage();
  const innovatorEmail = uniqueEmail("innovator");
  await signUp(innovator, { email: innovatorEmail, role: "innovator" });
  await expect(innovator).toHaveURL(/\/account$/);

  // Invalid input: field-level errors and nothing saved. (A draft needs only a title; submitting checks everything.)
  await innovator.goto("/my/ideas/new");
  await waitForHydration(innovator);
  await innovator.getByLabel(/^Franchise/).check();
  await innovator.getByRole("button", { name: "Submit for review" }).click();
  // The GOV.UK error summary: focused, every problem linked to its field.
  const summary = innovator.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  for (const message of ["Enter a title", "Choose at least one sector", "Enter the fee model for franchise adopters"]) {
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
  }
  await summary.getByRole("link", { name: "Enter a title" }).click();
  await expect(innovator.locator("input:focus")).toHaveAttribute("name", "title");
  await summary.getByRole("link", { name: "Choose at least one sector" }).click();
  await expect(innovator.locator("input:focus")).toHaveAttribute("name", "sectors");
  await innovator.goto("/my/ideas");
  await expect(innovator.getByText("You have not written any ideas yet")).toBeVisible();

  // Draft, then submit.
  await innovator.goto("/my/ideas/new");
  await waitForHydration(innovator);
  await fillIdea(innovator, title);
  await innovator.getByRole("button", { name: "Save draft" }).click();
  await expect(innovator.getByRole("status").filter({ hasText: "Your draft is saved" })).toBeVisible();
  await innovator.getByRole("button", { name: "Submit for review" }).click();
  await expect(innovator.getByText("Waiting for review").first()).toBeVisible();

  // The broker claims it and requests changes; a reason is required.
  const broker = await browser.newPage();
  await broker.goto("/signin");
  await signIn(broker, brokerEmail, demoPassword);
  await expect(broker).toHaveURL(/\/account$/);
  await broker.goto("/broker");
  const row = broker.getByRole("row").filter({ hasText: title });
  await row.getByRole("button", { name: /Claim/ }).click();
  await expect(broker.getByRole("row").filter({ hasText: title })).toContainText("You");
  await broker.getByRole("link", { name: title }).click();
  await waitForHydration(broker);
  await broker.getByLabel("Request changes").check();
  await broker.getByRole("button", { name: "Record decision" }).click();
  await expect(
    broker.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "Say what needs to change: the submitter will see it" }),
  ).toBeVisible();
  await broker.getByLabel("Reason the submitter will see").fill("Say how many new sites you can support each year.");
  await broker.getByRole("button", { name: "Record decision" }).click();
  await expect(broker.getByText("This item is not waiting for review")).toBeVisible();

  // The innovator sees the reason and resubmits.
  await innovator.goto("/my/ideas");
  await expect(innovator.getByRole("row").filter({ hasText: title })).toContainText("Say how many new sites you can support each year.");
  await innovator.getByRole("link", { name: title }).click();
  await waitForHydration(innovator);
  await expect(innovator.getByTestId("review-reason")).toContainText("Say how many new sites");
  await innovator.getByLabel("New adopters you can support a year").fill("6");
  await innovator.getByRole("button", { name: "Resubmit for review" }).click();
  await expect(innovator.getByText("Waiting for review").first()).toBeVisible();

  // The broker publishes it with evidence level 3 and a justification.
  await broker.goto("/broker");
  await broker.getByRole("link", { name: title }).click();
  await waitForHydration(broker);
  await broker.getByLabel("Publish").check();
  await broker.getByLabel("Evidence level").selectOption("3");
  await broker.getByLabel("Justification (one line)").fill("Before-and-after waste figures against two comparison libraries.");
  await broker.getByRole("button", { name: "Record decision" }).click();
  await expect(broker.getByText("This item is not waiting for review")).toBeVisible();

  // The public finds it, with its franchise detail and evidence level.
  const visitor = await browser.newPage();
  await expect(async () => {
    await visitor.goto(`/ideas?q=${encodeURIComponent("library repair sessions")}`);
    await expect(visitor.getByRole("link", { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { name: "Routes to adoption" })).toBeVisible();
  await expect(visitor.getByText("A £400 annual licence per site")).toBeVisible();
  await expect(visitor.getByText("Evidence level 3").first()).toBeVisible();
});
