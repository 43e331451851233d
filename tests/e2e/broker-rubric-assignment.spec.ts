// Issue 13, items 10, 11 and 6, end to end, with JavaScript and without: an innovator submits
// an idea; a broker scores it with the rubric (an unscored form is refused with the error
// summary), sees the total in the queue, assigns it and a match to a colleague (a second broker,
// appointed by the admin in /admin), who finds both under "Assigned to me" and was notified;
// and a rejection happens only after its own confirmation page (Cancel changes nothing).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

async function newPage(browser: Browser, js: boolean): Promise<Page> {
  return (await browser.newContext({ javaScriptEnabled: js })).newPage();
}

async function ready(page: Page, js: boolean) {
  if (js) await waitForHydration(page);
}

async function signInAs(page: Page, email: string, password = demoPassword) {
  await page.goto("/signin");
  await signIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** An innovator signs up and submits an idea: the broker queue's item. */
async function submitIdea(page: Page, js: boolean, title: string) {
  await page.goto("/my/ideas/new");
  await ready(page, js);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Trained volunteers run weekly repair sessions in libraries, cutting waste and isolation.");
  await page.getByLabel("Environment and climate").check();
  await page.getByLabel(/^Franchise/).check();
  await page.getByLabel("Fee model").fill("A £400 annual licence per site, waived for the first year.");
  await page.getByLabel("Core elements an adopter must keep").fill("Free to attend; trained volunteer fixers; safety checks on every electrical repair.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your draft is saved" })).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Waiting for review").first()).toBeVisible();
}

/** A second broker: signed up as an innovator, then appointed a broker by the admin. */
async function appointColleague(browser: Browser, js: boolean, name: string): Promise<Page> {
  const colleague = await newPage(browser, js);
  const email = uniqueEmail("colleague");
  await signUp(colleague, { email, name, role: "innovator" });
  await expect(colleague).toHaveURL(/\/account$/);
  const admin = await newPage(browser, js);
  await signInAs(admin, "admin@demo.example");
  await admin.goto(`/admin?q=${encodeURIComponent(email)}`);
  await ready(admin, js);
  await admin.getByLabel(`Role of ${name}`).selectOption("broker");
  await admin.getByRole("button", { name: `Save ${name}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await admin.context().close();
  // The role is read on each request: the same session is now a broker's.
  await colleague.goto("/broker");
  await expect(colleague.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  return colleague;
}

/** With JavaScript (axe runs in the page): no axe violations, and nothing wider than a 390px phone. */
async function checkPage(page: Page, js: boolean) {
  if (!js) return;
  await expectNoAxeViolations(page);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} at 390px`).toBeLessThanOrEqual(width);
  if (size) await page.setViewportSize(size);
}

function queueRow(page: Page, title: string) {
  return page.getByRole("row").filter({ hasText: title });
}

async function scoreAndAssign(browser: Browser, js: boolean) {
  const suffix = `${js ? "js" : "nojs"} ${Date.now().toString(36)}`;
  const title = `Library repair sessions ${suffix}`;
  const colleagueName = `Colin Colleague ${suffix}`;

  const innovator = await newPage(browser, js);
  await signUp(innovator, { email: uniqueEmail("rubric-innovator"), role: "innovator" });
  await expect(innovator).toHaveURL(/\/account$/);
  await submitIdea(innovator, js, title);
  const colleague = await appointColleague(browser, js, colleagueName);

  const broker = await newPage(browser, js);
  await signInAs(broker, "broker@demo.example");
  await broker.goto("/broker");
  await expect(queueRow(broker, title)).toContainText("Not scored");
  await broker.getByRole("link", { name: title }).click();
  await ready(broker, js);

  // Nothing chosen: the error summary names every criterion, and nothing is saved.
  await broker.getByRole("button", { name: "Save score" }).click();
  const summary = broker.getByRole("alert").filter({ hasText: "There is a problem" });
  for (const message of [
    "Choose a score from 0 to 4 for evidence",
    "Choose a score from 0 to 4 for cost clarity",
    "Choose a score from 0 to 4 for fit with the diffusion model",
  ]) {
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
  }
  if (js) await expect(summary).toBeFocused();
  await expect(broker.getByText("Not scored yet.")).toBeVisible();
  await checkPage(broker, js);

  // Scored: 3 + 4 + 2 + 4.
  const score = async (criterion: string, point: number) =>
    broker
      .getByRole("group", { name: criterion, exact: true })
      .getByLabel(new RegExp(`^${point}:`))
      .check();
  await score("Evidence", 3);
  await score("Transferability", 4);
  await score("Cost clarity", 2);
  await score("Fit with the diffusion model", 4);
  await broker.getByRole("button", { name: "Save score" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "Score saved" })).toBeVisible();
  await expect(broker.getByTestId("latest-score")).toHaveText("13 / 16");
  await expect(broker.getByRole("cell", { name: "scored" }).first()).toBeVisible();

  // The total in the queue.
  await broker.goto("/broker");
  await expect(queueRow(broker, title)).toContainText("13 / 16");
  await checkPage(broker, js);

  // Assigned to the colleague, with a note: the claim moves to them.
  await broker.getByRole("link", { name: title }).click();
  await ready(broker, js);
  await broker.getByLabel("Assign to").selectOption({ label: colleagueName });
  await broker.getByLabel("Note (optional)").fill("You know franchising");
  await broker.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(broker.getByRole("status").filter({ hasText: `Assigned to ${colleagueName}` })).toBeVisible();
  await expect(broker.getByTestId("assigned-to")).toContainText(colleagueName);
  await broker.goto("/broker");
  await expect(queueRow(broker, title)).toContainText(colleagueName);

  // And a match, from the match queue.
  await broker.goto("/broker/matches?view=open");
  await broker
    .getByRole("link", { name: /^Assign match #/ })
    .first()
    .click();
  // With JavaScript the link navigates on the client: wait for the assign page before reading its heading.
  await expect(broker).toHaveURL(/\/broker\/matches\/\d+\/assign$/);
  await ready(broker, js);
  const matchTitle = (await broker.getByRole("heading", { level: 1 }).textContent())!.trim();
  await checkPage(broker, js);
  await broker.getByLabel("Assign to").selectOption({ label: colleagueName });
  await broker.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(broker.getByRole("status").filter({ hasText: `Assigned to ${colleagueName}` })).toBeVisible();

  // The colleague: told, and both under "Assigned to me" (the filter is a GET form).
  await colleague.goto("/notifications");
  await expect(colleague.getByText(`Assigned to you: ${title}`)).toBeVisible();
  await colleague.goto("/broker");
  await ready(colleague, js);
  await colleague.getByLabel("Assigned to me").check();
  await colleague.getByRole("button", { name: "Apply" }).click();
  await expect(colleague).toHaveURL(/assigned=me/);
  await expect(colleague.getByRole("heading", { name: "1 matching item" })).toBeVisible();
  await expect(queueRow(colleague, title)).toContainText("You");
  await expect(queueRow(colleague, title)).toContainText("13 / 16");
  await expect(colleague.getByRole("region", { name: "Matches assigned to you" }).getByRole("link", { name: matchTitle })).toBeVisible();
  await ready(colleague, js);
  await checkPage(colleague, js);
  // The demo broker has nothing assigned.
  await broker.goto("/broker?assigned=me");
  await expect(queueRow(broker, title)).toHaveCount(0);
}

async function rejectWithConfirmation(browser: Browser, js: boolean) {
  const title = `Rejected repair sessions ${js ? "js" : "nojs"} ${Date.now().toString(36)}`;
  const innovator = await newPage(browser, js);
  await signUp(innovator, { email: uniqueEmail("reject-innovator"), role: "innovator" });
  await expect(innovator).toHaveURL(/\/account$/);
  await submitIdea(innovator, js, title);

  const broker = await newPage(browser, js);
  await signInAs(broker, "broker@demo.example");
  await broker.goto("/broker");
  await broker.getByRole("link", { name: title }).click();
  // With JavaScript the link navigates on the client: wait for the item's address before reading it.
  await expect(broker).toHaveURL(/\/broker\/idea\/\d+$/);
  await ready(broker, js);
  const itemUrl = broker.url();
  const reason = "This is a product for sale rather than a public-service innovation.";
  const chooseReject = async () => {
    await broker.getByLabel("Reject").check();
    await broker.getByLabel("Reason the submitter will see").fill(reason);
    await broker.getByRole("button", { name: "Record decision" }).click();
    await expect(broker).toHaveURL(/\/confirm-reject\?/);
    await expect(broker.getByRole("heading", { level: 1 })).toHaveText(`Are you sure you want to reject “${title}”?`);
    await expect(broker.getByText("This cannot be undone.")).toBeVisible();
    await expect(broker.getByTestId("reject-reason")).toHaveText(reason);
  };

  // Cancel: back to the item, still waiting.
  await chooseReject();
  await ready(broker, js);
  await checkPage(broker, js);
  await broker.getByRole("link", { name: "Cancel" }).click();
  await expect(broker).toHaveURL(itemUrl);
  await expect(broker.getByRole("button", { name: "Record decision" })).toBeVisible();
  await broker.goto("/broker");
  await expect(queueRow(broker, title)).toHaveCount(1);

  // Yes, reject.
  await broker.getByRole("link", { name: title }).click();
  await ready(broker, js);
  await chooseReject();
  await broker.getByRole("button", { name: "Yes, reject" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "Rejected. The submitter has been told" })).toBeVisible();
  await expect(broker.getByText("This item is not waiting for a decision")).toBeVisible();
  await innovator.goto("/my/ideas");
  await expect(queueRow(innovator, title)).toContainText(reason);
}

test.describe("broker rubric, assignment and reject confirmation, with JavaScript", () => {
  test("a broker scores an idea, sees the total in the queue and assigns it and a match to a colleague", async ({ browser }) => {
    test.setTimeout(240_000);
    await scoreAndAssign(browser, true);
  });

  test("rejecting asks for confirmation on its own page", async ({ browser }) => {
    test.setTimeout(120_000);
    await rejectWithConfirmation(browser, true);
  });
});

test.describe("broker rubric, assignment and reject confirmation, without JavaScript", () => {
  test("a broker scores an idea, sees the total in the queue and assigns it and a match to a colleague", async ({ browser }) => {
    test.setTimeout(240_000);
    await scoreAndAssign(browser, false);
  });

  test("rejecting asks for confirmation on its own page", async ({ browser }) => {
    test.setTimeout(120_000);
    await rejectWithConfirmation(browser, false);
  });
});
