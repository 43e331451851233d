// Follows and saved searches end to end on a real database: the /alerts action (with its role
// check), then the alerts job after the ways things get published: a broker publishing a
// case study or an idea, the exchange import, a need changing or closing.
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStudies, emailOutbox, follows, needs, notifications, savedSearches } from "../../db/schema";
import { followItem, runAlerts, saveSearch } from "../../app/models/alerts.server";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { decideCaseStudy, decideIdea } from "../../app/models/review.server";
import { idea, ideaIdBySlug, ideaItems, need, needItems } from "./helpers";
import { buildRequest, importRoute, openHarness, type Harness, type RouteModule } from "./route-harness";

let harness: Harness;
let alertsRoute: RouteModule;
/** Past the publication grace period of the job. */
const later = () => new Date(Date.now() + 10 * 60_000);

beforeAll(async () => {
  harness = await openHarness();
  alertsRoute = await importRoute("alerts.tsx");
});

afterAll(async () => {
  await harness?.dispose();
});

function notificationsOf(userId: string) {
  return harness.exchange.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).all();
}

async function post(visitor: "public" | "innovator" | "commissioner", form: Record<string, string>) {
  const request = buildRequest("POST", "/alerts", { cookie: await harness.cookieFor(visitor), form });
  try {
    return (await alertsRoute.action!({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    return thrown as Response;
  }
}

describe("the /alerts action", () => {
  it("follows and unfollows for signed-in users, and sends the public to sign in", async () => {
    const { users, publishedIdeaSlug } = harness.fixtures;
    const anonymous = await post("public", { intent: "follow", itemType: "idea", slug: publishedIdeaSlug });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/signin\?/);

    const followed = await post("commissioner", { intent: "follow", itemType: "idea", slug: publishedIdeaSlug, redirectTo: `/ideas/${publishedIdeaSlug}` });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("Location")).toBe(`/ideas/${publishedIdeaSlug}`);
    expect(harness.exchange.db.select().from(follows).where(eq(follows.userId, users.commissioner.id)).all()).toHaveLength(1);
    // Following twice is harmless.
    await post("commissioner", { intent: "follow", itemType: "idea", slug: publishedIdeaSlug });
    expect(harness.exchange.db.select().from(follows).where(eq(follows.userId, users.commissioner.id)).all()).toHaveLength(1);

    const off = await post("commissioner", { intent: "unfollow", itemType: "idea", slug: publishedIdeaSlug, redirectTo: "https://evil.example/" });
    expect(off.headers.get("Location")).toBe("/alerts"); // never off-site
    expect(harness.exchange.db.select().from(follows).where(eq(follows.userId, users.commissioner.id)).all()).toHaveLength(0);
  });

  it("refuses to follow what is not public, and malformed requests", async () => {
    const draft = await post("innovator", { intent: "follow", itemType: "idea", slug: harness.fixtures.ownIdeaSlug });
    expect(draft.status).toBe(400);
    expect(await draft.json()).toEqual({ error: "There is no published idea at this address." });
    expect((await post("innovator", { intent: "follow", itemType: "case-study", slug: "x" })).status).toBe(400);
    expect((await post("innovator", { intent: "save-search", query: "sector=bogus" })).status).toBe(400);
  });

  it("saves a search once, in canonical form", async () => {
    const saved = await post("innovator", { intent: "save-search", query: "diffusionModel=franchise&sector=ageing&page=2" });
    expect(saved.headers.get("Location")).toBe("/alerts");
    await post("innovator", { intent: "save-search", query: "sector=ageing&diffusionModel=franchise" });
    const rows = harness.exchange.db.select().from(savedSearches).where(eq(savedSearches.userId, harness.fixtures.users.innovator.id)).all();
    expect(rows.map((row) => row.query)).toEqual(["sector=ageing&diffusionModel=franchise"]);
  });
});

describe("the alerts job", () => {
  it("tells followers of an idea about a case study a broker publishes, once", () => {
    const { db } = harness.exchange;
    const { users, publishedIdeaSlug } = harness.fixtures;
    followItem(db, users.commissioner.id, "idea", publishedIdeaSlug);
    expect(runAlerts(db, later()).ideaFollowers).toBe(0);

    const study = db
      .insert(caseStudies)
      .values({ ideaId: ideaIdBySlug(db, publishedIdeaSlug), locality: "Leeds", country: "GB", year: 2024, status: "adopted", reviewStatus: "submitted" })
      .returning()
      .get();
    // Not yet published: nothing to tell.
    expect(runAlerts(db, later()).ideaFollowers).toBe(0);
    decideCaseStudy(db, users.broker.id, study.id, { decision: "publish" });
    expect(runAlerts(db, later()).ideaFollowers).toBe(1);
    expect(notificationsOf(users.commissioner.id)[0]).toMatchObject({
      title: "New case study of “A published idea”: Leeds, GB (adopted since 2024)",
      link: "/ideas/published-idea#case-studies",
    });
    // Emailed too, as the user's preference (immediately, by default) says.
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.userId, users.commissioner.id)).all().at(-1)?.subject).toContain("New case study");
    expect(runAlerts(db, later()).ideaFollowers).toBe(0);
  });

  it("says nothing when an import rewrites the same case studies, and speaks when one changes status", () => {
    const { db } = harness.exchange;
    const { users, publishedIdeaSlug } = harness.fixtures;
    const base = { slug: publishedIdeaSlug, title: "A published idea", origin: { locality: "Kirklees", country: "GB" } };
    importIdeas(db, ideaItems([idea({ ...base, caseStudies: [{ locality: "Leeds", country: "GB", year: 2024, status: "adopted" }] })]));
    expect(runAlerts(db, later()).ideaFollowers).toBe(0);
    const before = notificationsOf(users.commissioner.id).length;
    importIdeas(
      db,
      ideaItems([
        idea({
          ...base,
          caseStudies: [
            { locality: "Leeds", country: "GB", year: 2024, status: "adopted" },
            { locality: "Bradford", country: "GB", status: "piloting" },
            { locality: "York", country: "GB", status: "piloting" },
          ],
        }),
      ]),
    );
    expect(runAlerts(db, later()).ideaFollowers).toBe(1);
    const [latest] = notificationsOf(users.commissioner.id);
    expect(notificationsOf(users.commissioner.id)).toHaveLength(before + 1);
    expect(latest.title).toBe("2 new case studies of “A published idea”");
    expect(latest.body).toBe("Bradford, GB (piloting)\nYork, GB (piloting)");
  });

  it("tells followers of a need when it changes and when it closes", () => {
    const { db } = harness.exchange;
    const { users, openNeedSlug } = harness.fixtures;
    followItem(db, users.innovator.id, "need", openNeedSlug);
    // Re-importing it unchanged is not a change.
    importNeeds(db, needItems([need({ slug: openNeedSlug, title: "An open need" })]));
    expect(runAlerts(db, later()).needFollowers).toBe(0);
    importNeeds(db, needItems([need({ slug: openNeedSlug, title: "An open need", budgetMax: 40000 })]));
    expect(runAlerts(db, later()).needFollowers).toBe(1);
    expect(notificationsOf(users.innovator.id)[0]).toMatchObject({ title: "The need “An open need” has changed", link: `/needs/${openNeedSlug}` });
    db.update(needs).set({ status: "closed" }).where(eq(needs.slug, openNeedSlug)).run();
    expect(runAlerts(db, later()).needFollowers).toBe(1);
    expect(notificationsOf(users.innovator.id)[0]).toMatchObject({ title: "The need “An open need” has closed", link: "/alerts" });
    expect(runAlerts(db, later()).needFollowers).toBe(0);
  });

  it("tells the owner of a saved search about new published ideas that match it, after the grace period", () => {
    const { db } = harness.exchange;
    const { users, submittedIdeaId } = harness.fixtures;
    const admin = users.admin.id;
    saveSearch(db, admin, "sector=ageing&diffusionModel=franchise", new Date(Date.now() - 1000));
    saveSearch(db, admin, "q=men+sheds", new Date(Date.now() - 1000));
    importIdeas(
      db,
      ideaItems([
        idea({ slug: "mens-sheds", title: "Men's sheds", sectors: ["ageing"], diffusionModels: ["franchise", "uncontrolled"] }),
        idea({ slug: "housing-first", title: "Housing first", sectors: ["housing"], diffusionModels: ["franchise"] }),
      ]),
    );
    // The broker publishes the harness's submitted idea (ageing, uncontrolled: not franchise).
    decideIdea(db, users.broker.id, submittedIdeaId, { decision: "publish" });

    // Within the grace period nothing is announced yet.
    expect(runAlerts(db, new Date()).searches).toBe(0);
    expect(runAlerts(db, later()).searches).toBe(2);
    const titles = notificationsOf(admin).map((row) => row.title);
    expect(titles).toContain("A new idea matches your saved search Ageing; Franchise: “Men's sheds”");
    expect(titles).toContain("A new idea matches your saved search “men sheds”: “Men's sheds”");
    expect(notificationsOf(admin).find((row) => row.title.includes("Franchise"))!.link).toBe("/ideas/mens-sheds");
    // Checked: the same ideas are not announced again.
    expect(runAlerts(db, later()).searches).toBe(0);
    const checked = db
      .select()
      .from(savedSearches)
      .where(and(eq(savedSearches.userId, admin), eq(savedSearches.query, "q=men+sheds")))
      .get()!;
    expect(checked.checkedUpTo.getTime()).toBeGreaterThan(Date.now());
  });
});
