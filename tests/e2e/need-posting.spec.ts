// A commissioner posts a need: the quality check names what is missing and holds back
// submission until a good challenge is complete; a broker opens it; the public sees it.
import { expect, test } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

test("a commissioner's need passes the quality check and broker triage", async ({ browser }) => {
  const title = `Lonely winters in our villages ${Date.now().toString(36)}`;
  const commissioner = await (await browser.newContext()).newPage();
  await signUp(commissioner, { email: uniqueEmail("commissioner"), role: "commissioner", organisation: "Dale District Council" });
  await expect(commissioner).toHaveURL(/\/account$/);
  await commissioner.goto("/my/needs/new");
  await waitForHydration(commissioner);
  const check = commissioner.getByTestId("quality-check");
  await expect(check).toContainText("6 of 6 parts of a good challenge still missing");

  await commissioner.getByLabel("Title", { exact: true }).fill(title);
  await commissioner
    .getByLabel("The problem", { exact: true })
    .fill("Older people in our villages see nobody for days in winter; GP visits for low mood rise every year and the last bus goes at four.");
  await commissioner.getByLabel("Ageing").check();
  await expect(check).toContainText("5 of 6 parts");
  await expectNoAxeViolations(commissioner);

  // Submitting an incomplete need is refused and saves nothing.
  await commissioner.getByRole("button", { name: "Submit to a broker" }).click();
  await expect(commissioner.getByText("Fill in every part of the quality check before you submit")).toBeVisible();
  await commissioner.goto("/my/needs");
  await expect(commissioner.getByText("You have not posted a need yet")).toBeVisible();

  await commissioner.goto("/my/needs/new");
  await waitForHydration(commissioner);
  await commissioner.getByLabel("Title", { exact: true }).fill(title);
  await commissioner
    .getByLabel("The problem", { exact: true })
    .fill("Older people in our villages see nobody for days in winter; GP visits for low mood rise every year and the last bus goes at four.");
  await commissioner.getByLabel("Who is affected").fill("About 2,000 people over 75 living alone in 40 villages");
  await commissioner.getByLabel("What success looks like").fill("Fewer people telling the annual survey they are lonely");
  await commissioner.getByLabel("Ageing").check();
  await commissioner.getByLabel("Highest budget").fill("£60k");
  await commissioner.getByLabel("Day").fill("30");
  await commissioner.getByLabel("Month").fill("6");
  await commissioner.getByLabel("Year").fill("2027");
  await commissioner.getByLabel(/^Franchise/).check();
  await expect(check).toContainText("Every part of a good challenge is present");
  await commissioner.getByRole("button", { name: "Submit to a broker" }).click();
  await expect(commissioner.getByRole("status").filter({ hasText: "Submitted to a broker" })).toBeVisible();

  const broker = await browser.newPage();
  await broker.goto("/signin");
  await signIn(broker, "broker@demo.example", demoPassword);
  await expect(broker).toHaveURL(/\/account$/);
  await broker.goto("/broker?type=need");
  await broker.getByRole("link", { name: title }).click();
  await waitForHydration(broker);
  await broker.getByLabel("Publish").check();
  await broker.getByRole("button", { name: "Record decision" }).click();
  await expect(broker.getByText("This item is not waiting for review")).toBeVisible();

  const visitor = await browser.newPage();
  await expect(async () => {
    await visitor.goto(`/needs?q=${encodeURIComponent("lonely winters villages")}`);
    await expect(visitor.getByRole("link", { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
});
