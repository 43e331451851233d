// Living case studies end to end: a commissioner whose match was adopted completes the case
// study drafted from it and writes an outcome update; a broker publishes both from the review
// queue; the public sees the dated update under the case study on the idea's page, and the
// commissioner's place under "Who else is trying this?".
//
// The adopted match is set up through the models on the e2e server's own database (the steps
// before adoption have their own spec): a new commissioner signs up in the browser, and the
// test gives them an open need and adopts a match of it with a published demo idea.
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { openDatabase } from "../../db/client";
import { ideas, needs, users } from "../../db/schema";
import { adoptMatch } from "../integration/adopted-match";
import { demoPassword, expectNoAxeViolations, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

const dataDir = path.resolve(`tmp/e2e/${process.env.E2E_PORT}/data`);

test("a commissioner's outcome update on an adopted match is published by a broker and shows on the idea's page", async ({ browser }) => {
  // A context per person: separate sessions, and axe needs pages from browser.newContext().
  const newPage = async () => (await browser.newContext()).newPage();
  const run = Date.now().toString(36);
  const place = `Northshire ${run}`;
  const organisation = `Northshire Health Partnership ${run}`;
  const email = uniqueEmail("outcomes");
  const commissioner = await newPage();
  await signUp(commissioner, { email, role: "commissioner", organisation });
  await expect(commissioner).toHaveURL(/\/account$/);

  const database = openDatabase(dataDir);
  let matchId: number;
  let idea: { id: number; slug: string; title: string };
  try {
    const { db } = database;
    const user = db.select().from(users).where(eq(users.email, email)).get()!;
    const needId = db
      .insert(needs)
      .values({
        slug: `falls-at-home-${run}`,
        title: `Falls at home ${run}`,
        problem: "Older residents fall at home and wait hours for help.",
        sectors: ["ageing"],
        locality: place,
        country: "GB",
        status: "open",
        ownerId: user.id,
        organisationId: user.organisationId,
      })
      .returning({ id: needs.id })
      .get().id;
    idea = db
      .select({ id: ideas.id, slug: ideas.slug, title: ideas.title })
      .from(ideas)
      .where(eq(ideas.status, "published"))
      .orderBy(desc(ideas.id))
      .limit(1)
      .get()!;
    matchId = adoptMatch(db, { needId, ideaId: idea.id, commissionerId: user.id }).matchId;
  } finally {
    database.close();
  }

  // The commissioner completes the case study and writes an update; too short an update is refused.
  await commissioner.goto(`/my/outcomes/${matchId}`);
  await waitForHydration(commissioner);
  await expect(commissioner.getByRole("heading", { level: 1 })).toContainText(`Outcomes: ${idea.title} in ${place}`);
  await expectNoAxeViolations(commissioner);
  await commissioner.getByLabel("Outcomes so far").fill("Classes started in six community centres in February; 212 people have taken part.");
  await commissioner.getByRole("button", { name: "Save the case study" }).click();
  await expect(commissioner.getByText("The case study has gone to a broker for review.")).toBeVisible();

  await waitForHydration(commissioner);
  await commissioner.getByLabel("The 6-month update").check();
  await commissioner.getByLabel("What has happened since adoption").fill("Too short.");
  await commissioner.getByRole("button", { name: "Send to a broker for review" }).click();
  await expect(commissioner.getByText(/Write at least 20 characters/)).toBeVisible();
  const update = `Falls admissions from the pilot wards fell 14% against last winter (${run}).`;
  await commissioner.getByLabel("What has happened since adoption").fill(update);
  await commissioner.getByRole("button", { name: "Send to a broker for review" }).click();
  await expect(commissioner.getByText(/Your outcome update has gone to a broker/)).toBeVisible();
  await expect(commissioner.locator("#updates").locator("..")).toContainText("Waiting for a broker");

  // A broker publishes the case study and the update from the queue.
  const broker = await newPage();
  await broker.goto("/signin");
  await signIn(broker, "broker@demo.example", demoPassword);
  await expect(broker).toHaveURL(/\/account$/);
  for (const type of ["case-study", "outcome-update"]) {
    await broker.goto(`/broker?type=${type}`);
    await broker.getByRole("link", { name: `${place}: ${idea.title}` }).click();
    await waitForHydration(broker);
    if (type === "outcome-update") await expect(broker.getByText(update)).toBeVisible();
    await broker.getByLabel("Publish").check();
    await broker.getByRole("button", { name: "Record decision" }).click();
    await expect(broker.getByRole("status")).toContainText("Published. The submitter has been told.");
  }

  // The public sees the dated update under the case study, and the place under "who else".
  const visitor = await newPage();
  await visitor.goto(`/ideas/${idea.slug}`);
  const study = visitor.getByRole("listitem").filter({ has: visitor.getByRole("heading", { name: new RegExp(place) }) });
  await expect(study).toContainText("Outcome updates");
  await expect(study).toContainText(update);
  await expect(study).toContainText("6 months after adoption");
  await expect(study.locator("time")).toHaveCount(1);
  const whoElse = visitor.getByRole("region", { name: "Who else is trying this?" });
  await expect(whoElse).toContainText(`${place}, GB (${organisation})`);
  await expectNoAxeViolations(visitor);
});
