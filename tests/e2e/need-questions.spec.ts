// Clarification questions on a need: an innovator asks on the need's page (anonymous by
// default), the commissioner answers from their need screen, and the public sees the answer
// with the asker shown as "An innovator"; a broker hides it again. With JavaScript and without.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signInAs, waitForHydration } from "./helpers";

/**
 * A demo open need, all of which belong to the demo commissioner (taken from the demo data
 * itself: /needs also lists needs other tests' commissioners have had published).
 */
async function anOpenNeed(_page: Page, index: number): Promise<string> {
  const demoNeeds = JSON.parse(fs.readFileSync(path.resolve("db/demo/needs.json"), "utf8")) as { slug: string }[];
  expect(demoNeeds.length).toBeGreaterThan(index);
  return `/needs/${demoNeeds[index].slug}`;
}

async function journey(browser: Browser, javaScriptEnabled: boolean) {
  // Five people, each signing in (an argon2 hash each) on a 2-core machine shared with the build.
  test.setTimeout(180_000);
  const ready = async (page: Page) => {
    if (javaScriptEnabled) await waitForHydration(page);
  };
  const question = `Is the budget for one year or the whole pilot? (${javaScriptEnabled ? "js" : "no-js"} ${Date.now().toString(36)})`;
  const answer = `For the whole pilot: two years, paid quarterly (${Date.now().toString(36)}).`;

  // The innovator asks, after first sending an empty question.
  const innovator = await (await browser.newContext({ javaScriptEnabled })).newPage();
  const needPath = await anOpenNeed(innovator, javaScriptEnabled ? 0 : 1);
  await signInAs(innovator, "innovator@demo.example");
  await innovator.goto(needPath);
  await ready(innovator);
  const section = innovator.getByRole("region", { name: "Questions and answers" });
  await expect(section.getByLabel("Show my name with the question")).not.toBeChecked();
  await section.getByRole("button", { name: "Send your question" }).click();
  const summary = innovator.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter your question" })).toBeVisible();
  await expect(section.getByLabel("Your question")).toHaveAttribute("aria-invalid", "true");
  if (javaScriptEnabled) await expectNoAxeViolations(innovator);

  await section.getByLabel("Your question").fill(question);
  await section.getByRole("button", { name: "Send your question" }).click();
  await expect(innovator).toHaveURL(/\?asked=1/);
  await expect(innovator.getByRole("status").filter({ hasText: "Your question has been sent to the commissioner" })).toBeVisible();
  const waiting = section.getByRole("listitem").filter({ hasText: question });
  await expect(waiting).toContainText("Waiting for an answer");
  // The form starts again empty, the name box unticked (a second question is not named by accident).
  await expect(section.getByLabel("Your question")).toHaveValue("");
  await expect(section.getByLabel("Show my name with the question")).not.toBeChecked();

  // The commissioner answers from their need screen.
  const commissioner = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInAs(commissioner, "commissioner@demo.example");
  await commissioner.goto(`/my${needPath}`);
  await ready(commissioner);
  const item = commissioner.getByRole("listitem").filter({ hasText: question });
  await expect(item).toContainText("Asked by An innovator");
  if (javaScriptEnabled) await expectNoAxeViolations(commissioner);
  await item.getByLabel("Your answer").fill(answer);
  await item.getByRole("button", { name: /Publish your answer/ }).click();
  await expect(commissioner.getByRole("status").filter({ hasText: "Your answer is published on the need's page" })).toBeVisible();

  // The public sees the question and its answer, the asker anonymised.
  const visitor = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await visitor.goto(needPath);
  await ready(visitor);
  const published = visitor.getByRole("region", { name: "Questions and answers" }).getByRole("listitem").filter({ hasText: question });
  await expect(published).toContainText(answer);
  await expect(published).toContainText("Asked by An innovator");
  await expect(visitor.getByRole("main")).not.toContainText("Ines Innovator");
  if (javaScriptEnabled) await expectNoAxeViolations(visitor);

  // Signed out, the form is a link to sign in that comes back to the need.
  await visitor.getByRole("link", { name: "Sign in to ask a question" }).click();
  await expect(visitor).toHaveURL(/\/signin\?redirectTo=/);
  await ready(visitor);
  await signIn(visitor, "innovator@demo.example", demoPassword);
  await expect(visitor).toHaveURL(new RegExp(`${needPath}$`));
  await expect(visitor.getByRole("button", { name: "Send your question" })).toBeVisible();

  // A broker hides it: gone from the public page.
  const broker = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInAs(broker, "broker@demo.example");
  await broker.goto("/broker/questions?view=answered");
  await ready(broker);
  const row = broker.getByRole("listitem").filter({ hasText: question });
  await expect(row).toContainText("Asked by Ines Innovator");
  if (javaScriptEnabled) await expectNoAxeViolations(broker);
  await row.getByText("Hide this question").click();
  await row.getByLabel("Reason").fill("It gives a figure the council has not agreed.");
  await row.getByRole("button", { name: "Hide the question" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "Question hidden" })).toBeVisible();
  const later = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await later.goto(needPath);
  await expect(later.getByRole("region", { name: "Questions and answers" })).toBeVisible();
  await expect(later.getByRole("main")).not.toContainText(question);
  // The asker still sees it, with the broker's reason.
  await visitor.goto(needPath);
  const hidden = visitor.getByRole("region", { name: "Questions and answers" }).getByRole("listitem").filter({ hasText: question });
  await expect(hidden).toContainText("Hidden by a broker");
  await expect(hidden).toContainText("It gives a figure the council has not agreed.");
}

test("ask, answer, see it public and anonymised, then hidden by a broker (with JavaScript)", async ({ browser }) => {
  await journey(browser, true);
});

test("ask, answer, see it public and anonymised, then hidden by a broker (without JavaScript)", async ({ browser }) => {
  await journey(browser, false);
});
