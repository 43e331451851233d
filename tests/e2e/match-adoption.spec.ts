// From a need to a pilot: a commissioner posts a need and a broker opens it; the commissioner
// sees matching ideas with reasons, shortlists one (The Big Issue, owned by the demo
// innovator) and asks for an introduction; a broker confirms it with a rationale; the
// innovator agrees; contact details and the message thread appear; the commissioner records
// the pilot. axe runs on each new page on the way.
import { expect, test, type Page } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

async function signedIn(page: Page, email: string) {
  await page.goto("/signin");
  await signIn(page, email, demoPassword);
  await expect(page).toHaveURL(/\/account$/);
}

test("a need is matched, shortlisted, introduced with consent and moved to piloting", async ({ browser }) => {
  // A long journey through four accounts; slow on a loaded 2-core machine.
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const title = `Homeless people with no way to earn ${suffix}`;
  const commissionerEmail = uniqueEmail("match-commissioner");

  // The commissioner posts a complete need.
  const commissioner = await (await browser.newContext()).newPage();
  await signUp(commissioner, { email: commissionerEmail, role: "commissioner", organisation: "Harbour City Council", name: "Cara Commissioner" });
  await expect(commissioner).toHaveURL(/\/account$/);
  await commissioner.goto("/my/needs/new");
  await waitForHydration(commissioner);
  await commissioner.getByLabel("Title", { exact: true }).fill(title);
  await commissioner
    .getByLabel("The problem", { exact: true })
    .fill(
      "People sleeping rough and badly housed in our city centre have no way to earn an income, so many beg. We want homeless people to earn money by selling something on the street, with dignity, rather than rely on charity.",
    );
  await commissioner.getByLabel("Who is affected").fill("About 300 homeless and badly housed people in the city centre");
  await commissioner.getByLabel("What success looks like").fill("More homeless people earning a regular income; fewer people begging");
  await commissioner.getByLabel("Housing", { exact: true }).check();
  await commissioner.getByLabel("Employment and skills").check();
  await commissioner.getByLabel("Highest budget").fill("£90,000");
  await commissioner.getByLabel("Procurement", { exact: true }).check();
  await commissioner.getByLabel("Day").fill("30/09/2027");
  await commissioner.getByLabel(/^Franchise/).check();
  await commissioner.getByRole("button", { name: "Submit to a broker" }).click();
  await expect(commissioner.getByRole("status").filter({ hasText: "Submitted to a broker" })).toBeVisible();
  const needPath = new URL(commissioner.url()).pathname;
  expect(needPath).toMatch(/^\/my\/needs\/[a-z0-9-]+$/);

  // A broker opens it through triage.
  const broker = await (await browser.newContext()).newPage();
  await signedIn(broker, "broker@demo.example");
  await broker.goto("/broker?type=need");
  await broker.getByRole("link", { name: title }).click();
  await waitForHydration(broker);
  await broker.getByLabel("Publish").check();
  await broker.getByRole("button", { name: "Record decision" }).click();
  await expect(broker.getByText("This item is not waiting for review")).toBeVisible();

  // The commissioner sees ranked matching ideas with reasons, marked terms and a hint.
  await commissioner.goto(needPath);
  const matching = commissioner.getByRole("region", { name: "Matching ideas" });
  const bigIssue = matching.getByRole("listitem").filter({ has: commissioner.getByRole("heading", { name: /The Big Issue/ }) });
  await expect(bigIssue).toBeVisible();
  await expect(bigIssue.getByText("Why it matches")).toBeVisible();
  await expect(bigIssue.getByText(/^offers a route you accept/)).toBeVisible();
  await expect(bigIssue.locator("mark").first()).toBeVisible();
  await expect(bigIssue.getByText("Procurement route hint: Licence or call-off")).toBeVisible();
  await expect(bigIssue.getByText(/^Score \d+/)).toBeVisible();
  await expectNoAxeViolations(commissioner);

  // The filters are a GET form: another sector hides the idea, and clearing them brings it back.
  await commissioner.getByLabel("Sector").selectOption("transport");
  await commissioner.getByLabel("Only ideas offering a route I accept").check();
  await commissioner.getByRole("button", { name: "Apply filters" }).click();
  await expect(commissioner).toHaveURL(/sector=transport/);
  await expect(commissioner).toHaveURL(/acceptedOnly=1/);
  await expect(bigIssue).toHaveCount(0);
  await commissioner.getByRole("link", { name: "Clear filters" }).click();
  await expect(bigIssue).toBeVisible();

  // Shortlist it, then ask for an introduction.
  await waitForHydration(commissioner);
  await bigIssue.getByRole("button", { name: /^Add to shortlist/ }).click();
  await expect(commissioner.getByRole("status").filter({ hasText: "Added to your shortlist" })).toBeVisible();
  await bigIssue.getByRole("button", { name: /^Ask for an introduction/ }).click();
  await expect(commissioner.getByRole("status").filter({ hasText: "You asked for an introduction" })).toBeVisible();
  const shortlist = commissioner.getByRole("region", { name: "Your shortlist and matches" });
  const row = shortlist.getByRole("row").filter({ hasText: "The Big Issue" });
  await expect(row).toContainText("Shortlisted");
  await expect(row).toContainText("Waiting for a broker to confirm");
  await row.getByRole("link", { name: /Open/ }).click();
  await expect(commissioner).toHaveURL(/\/matches\/\d+$/);
  const matchPath = new URL(commissioner.url()).pathname;
  await expect(commissioner.getByTestId("consent-state")).toContainText("Waiting for the innovator to agree");
  await expectNoAxeViolations(commissioner);

  // The innovator can't see it before a broker confirms it.
  const innovator = await (await browser.newContext()).newPage();
  await signedIn(innovator, "innovator@demo.example");
  const hidden = await innovator.goto(matchPath);
  expect(hidden?.status()).toBe(403);

  // A broker confirms it with a rationale.
  await broker.goto(matchPath);
  await waitForHydration(broker);
  await expect(broker.getByRole("link", { name: "Back to the match queue" })).toHaveAttribute("href", "/broker/matches");
  await expectNoAxeViolations(broker);
  await broker
    .getByLabel("Rationale both sides will see")
    .fill("The Big Issue is licensed to street papers in many cities and gives vendors an income, not charity.");
  await broker.getByRole("button", { name: "Confirm match" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "Match confirmed" })).toBeVisible();
  await expect(broker.getByText("The broker’s rationale")).toBeVisible();

  // The innovator finds it in their list and agrees to an introduction.
  await innovator.goto("/my/matches");
  await expectNoAxeViolations(innovator);
  await innovator.getByRole("link", { name: new RegExp(`The Big Issue.*for ${title}`) }).click();
  await expect(innovator).toHaveURL(new RegExp(`${matchPath}$`));
  await expect(innovator.getByRole("region", { name: "Why this match" })).toContainText("vendors an income, not charity");
  await expect(innovator.getByTestId("consent-state")).toContainText("The commissioner asked for an introduction");
  await waitForHydration(innovator);
  await innovator.getByRole("button", { name: "Agree to an introduction" }).click();
  await expect(innovator.getByRole("status").filter({ hasText: "You agreed to an introduction" })).toBeVisible();

  // Contact details and the thread appear.
  const contacts = innovator.getByTestId("contacts");
  await expect(contacts).toContainText(commissionerEmail);
  await expect(contacts).toContainText("Harbour City Council");
  await innovator.getByLabel("Write a message").fill("Happy to talk about licensing: when suits you?");
  await innovator.getByRole("button", { name: "Send message" }).click();
  await expect(innovator.getByRole("status").filter({ hasText: "Message sent" })).toBeVisible();
  await expect(innovator.getByRole("region", { name: "Messages" })).toContainText("Happy to talk about licensing");
  await expectNoAxeViolations(innovator);

  // The commissioner sees the innovator's details and the message, and records the pilot.
  await commissioner.goto(matchPath);
  await expect(commissioner.getByTestId("contacts")).toContainText("innovator@demo.example");
  await expect(commissioner.getByRole("region", { name: "Messages" })).toContainText("Happy to talk about licensing");
  await waitForHydration(commissioner);
  await commissioner.getByRole("button", { name: "Record that a pilot has started" }).click();
  await expect(commissioner.getByRole("status").filter({ hasText: "Recorded that a pilot has started" })).toBeVisible();
  await expect(commissioner.getByRole("definition").filter({ hasText: /^Piloting/ })).toBeVisible();
  await expect(commissioner.getByRole("region", { name: "Status history" })).toContainText("Pilot started (Introduced → Piloting)");
  await commissioner.goto("/my/matches");
  await expect(commissioner.getByRole("row").filter({ hasText: "The Big Issue" })).toContainText("Piloting");
  await expectNoAxeViolations(commissioner);
});

test("without JavaScript, the filters and the shortlist button work and the match page opens", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signedIn(page, "commissioner@demo.example");
  await page.goto("/my/needs");
  await page.getByRole("row").filter({ hasText: "Open" }).first().getByRole("link").click();
  const needPath = new URL(page.url()).pathname;
  await page.getByLabel("Minimum evidence level").selectOption("2");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`${needPath}\\?.*evidenceLevel=2`));
  const matching = page.getByRole("region", { name: "Matching ideas" });
  const idea = matching
    .locator("ol > li")
    .filter({ has: page.getByRole("button", { name: /^Add to shortlist/ }) })
    .first();
  const ideaTitle = (await idea.getByRole("heading", { level: 3 }).innerText()).replace(/^\d+\.\s*/, "");
  await idea.getByRole("button", { name: /^Add to shortlist/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to your shortlist" })).toBeVisible();
  // Still filtered after the POST.
  await expect(page).toHaveURL(/evidenceLevel=2/);
  const row = page.getByRole("region", { name: "Your shortlist and matches" }).getByRole("row").filter({ hasText: ideaTitle });
  await expect(row).toContainText("Shortlisted");
  await row.getByRole("link", { name: /Open/ }).click();
  await expect(page).toHaveURL(/\/matches\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ideaTitle);
  await expect(page.getByTestId("consent-state")).toContainText("You have not asked for an introduction yet");
});
