// Irreversible steps on a match (recording adoption, declining) ask for confirmation on a page
// of their own, with and without JavaScript; cancelling changes nothing. Each test signs up its
// own commissioner and gives them a need and two piloting matches on the e2e server's database.
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { openDatabase } from "../../db/client";
import { ideas, needs, users } from "../../db/schema";
import { insertMatch } from "../integration/adopted-match";
import { expectNoAxeViolations, signUp, uniqueEmail, waitForHydration } from "./helpers";

const dataDir = path.resolve(`tmp/e2e/${process.env.E2E_PORT}/data`);

function givePilotingMatches(email: string, run: string): number[] {
  const database = openDatabase(dataDir);
  try {
    const { db } = database;
    const user = db.select().from(users).where(eq(users.email, email)).get()!;
    const needId = db
      .insert(needs)
      .values({
        slug: `missed-appointments-${run}`,
        title: `Missed appointments ${run}`,
        problem: "Patients miss outpatient appointments and wait months for another.",
        sectors: ["health"],
        status: "open",
        ownerId: user.id,
        organisationId: user.organisationId,
      })
      .returning({ id: needs.id })
      .get().id;
    const published = db.select({ id: ideas.id }).from(ideas).where(eq(ideas.status, "published")).orderBy(desc(ideas.id)).limit(2).all();
    return published.map((idea) => insertMatch(db, { needId, ideaId: idea.id, status: "piloting" }));
  } finally {
    database.close();
  }
}

async function ready(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await waitForHydration(page);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a commissioner confirms an adoption and a decline on their own pages", async ({ page }) => {
      const run = `${javaScriptEnabled ? "js" : "nojs"}${Date.now().toString(36)}`;
      const email = uniqueEmail(`confirm-${run}`);
      await signUp(page, { email, role: "commissioner", organisation: `Riverside Trust ${run}` });
      await page.waitForURL(/\/account$/);
      const [adoptId, declineId] = givePilotingMatches(email, run);

      // Adoption: the match page's button leads to a confirmation page; Cancel changes nothing.
      await page.goto(`/matches/${adoptId}`);
      await ready(page, javaScriptEnabled);
      await page.getByRole("button", { name: "Record adoption" }).click();
      await expect(page).toHaveURL(new RegExp(`/matches/${adoptId}/confirm/adopt$`));
      await expect(page.getByRole("heading", { level: 1, name: "Record the adoption of this idea?" })).toBeVisible();
      await expect(page.getByText("This cannot be undone")).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Cancel" }).click();
      await expect(page).toHaveURL(new RegExp(`/matches/${adoptId}$`));
      await expect(page.getByText("Piloting").first()).toBeVisible();

      await ready(page, javaScriptEnabled);
      await page.getByRole("button", { name: "Record adoption" }).click();
      await ready(page, javaScriptEnabled);
      await page.getByRole("button", { name: "Yes, record the adoption" }).click();
      await expect(page).toHaveURL(new RegExp(`/matches/${adoptId}\\?done=adopt$`));
      await expect(page.getByText("Recorded the adoption.")).toBeVisible();

      // Declining: the reason travels to the confirmation page, where it can still be changed;
      // an emptied reason is refused there with the error summary.
      await page.goto(`/matches/${declineId}`);
      await ready(page, javaScriptEnabled);
      await page.getByLabel("Reason for declining").fill("The pilot showed no fall in missed appointments.");
      await page.getByRole("button", { name: "Decline" }).click();
      await expect(page).toHaveURL(new RegExp(`/matches/${declineId}/confirm/decline$`));
      const reason = page.getByLabel("Reason for declining");
      await expect(reason).toHaveValue("The pilot showed no fall in missed appointments.");
      await ready(page, javaScriptEnabled);
      await reason.fill("");
      await page.getByRole("button", { name: "Yes, decline the match" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary.getByRole("link", { name: "Give a reason for declining: the other side will see it" })).toBeVisible();
      if (javaScriptEnabled) await expect(summary).toBeFocused();
      await page.getByLabel("Reason for declining").fill("The pilot showed no change in missed appointments.");
      await page.getByRole("button", { name: "Yes, decline the match" }).click();
      await expect(page).toHaveURL(new RegExp(`/matches/${declineId}\\?done=decline$`));
      await expect(page.getByText("The pilot showed no change in missed appointments.").first()).toBeVisible();
    });
  });
}
