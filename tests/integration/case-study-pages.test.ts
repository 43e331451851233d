// Case-study pages (/ideas/:slug/case-studies/:id), organisation profiles for every
// organisation with published items and the links to them, case studies in search, and an
// idea's revision history on its page (issue 13, items 12 and 13). Route modules are called
// in-process against a real SQLite file and a real Meilisearch.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStudies, ideas, needs, organisations, outcomeUpdates } from "../../db/schema";
import { importNeeds } from "../../app/models/exchange-import.server";
import { loadDemoData } from "../../app/models/demo-data.server";
import { listRevisions } from "../../app/models/idea-editor.server";
import { adoptMatch } from "./adopted-match";
import { idea, ideaIdBySlug, ideaItems, importIdeasAndSync, insertIdeaWithStatus, need, needItems } from "./helpers";
import { buildRequest, classify, importRoute, openHarness, type Harness, type RouteModule } from "./route-harness";

let harness: Harness;
const routes: Record<string, RouteModule> = {};
const ids: Record<string, number> = {};

const studyId = (locality: string) => harness.exchange.db.select({ id: caseStudies.id }).from(caseStudies).where(eq(caseStudies.locality, locality)).get()!.id;

async function load(file: string, path: string, params: Record<string, string> = {}) {
  const response = (await routes[file].loader!({ request: buildRequest("GET", path), params, context: {} })) as Response;
  return response.json() as Promise<Record<string, unknown> & { [key: string]: any }>;
}

async function status(file: string, path: string, params: Record<string, string>) {
  return (await classify(async () => routes[file].loader!({ request: buildRequest("GET", path), params, context: {} }))).status;
}

const casePage = (slug: string, id: number | string) =>
  load("ideas.$slug_.case-studies.$id.tsx", `/ideas/${slug}/case-studies/${id}`, { slug, id: String(id) });
const casePageStatus = (slug: string, id: number | string) =>
  status("ideas.$slug_.case-studies.$id.tsx", `/ideas/${slug}/case-studies/${id}`, { slug, id: String(id) });

beforeAll(async () => {
  harness = await openHarness();
  const { db } = harness.exchange;
  await importIdeasAndSync(
    harness.exchange,
    ideaItems([
      idea({
        slug: "casserole-club",
        title: "Casserole Club",
        summary: "Neighbours share a home-cooked meal with older people nearby.",
        organisation: "Casserole Trust",
        caseStudies: [
          {
            locality: "Cork",
            country: "IE",
            year: 2015,
            status: "adopted",
            outcomes: "Fewer missed meals among older men living alone.",
            lessons: "Recruit cooks through the local paper.",
          },
          {
            locality: "Bolton",
            country: "GB",
            year: 2018,
            status: "stopped",
            outcomes: "Too few cooks volunteered.",
            lessons: "Start with a paid coordinator.",
          },
        ],
      }),
      idea({
        slug: "time-banking",
        title: "Time banking",
        organisation: "Timebanking UK",
        caseStudies: [{ locality: "Rotherham", country: "GB", status: "piloting" }],
      }),
    ]),
  );
  const casserole = ideaIdBySlug(db, "casserole-club");
  // Case studies still in review, or sent back, are not public; nor are those of an unpublished idea.
  db.insert(caseStudies).values({ ideaId: casserole, locality: "Awaiting Town", status: "adopted", reviewStatus: "submitted" }).run();
  db.insert(caseStudies)
    .values({ ideaId: casserole, locality: "Sent Back Town", status: "adopted", reviewStatus: "changes-requested", reviewReason: "Say what changed." })
    .run();
  insertIdeaWithStatus(db, "draft", { slug: "draft-idea", title: "A draft idea", summary: "Not yet." });
  db.insert(caseStudies)
    .values({ ideaId: ideaIdBySlug(db, "draft-idea"), locality: "Draft Town", status: "adopted", reviewStatus: "published" })
    .run();
  // A living case study: Northshire Council adopted Casserole Club through a match; one outcome update is published.
  importNeeds(db, needItems([need({ slug: "hungry-older-people", title: "Hungry older people", locality: "Northshire", country: "GB" })]));
  const commissioner = harness.fixtures.users.commissioner;
  db.update(needs).set({ ownerId: commissioner.id, organisationId: commissioner.organisationId }).where(eq(needs.slug, "hungry-older-people")).run();
  const needId = db.select({ id: needs.id }).from(needs).where(eq(needs.slug, "hungry-older-people")).get()!.id;
  const adopted = adoptMatch(db, { needId, ideaId: casserole, commissionerId: commissioner.id, at: new Date("2026-01-10T10:00:00Z") });
  db.update(caseStudies)
    .set({ locality: "Northshire", country: "GB", year: 2026, outcomes: "Meals delivered weekly in four villages.", reviewStatus: "published" })
    .where(eq(caseStudies.id, adopted.caseStudyId))
    .run();
  db.insert(outcomeUpdates)
    .values({
      caseStudyId: adopted.caseStudyId,
      matchId: adopted.matchId,
      monthsAfterAdoption: 6,
      outcomes: "Ninety older people now get a meal a week.",
      reviewStatus: "published",
      submittedAt: new Date("2026-07-12T09:00:00Z"),
      reviewedAt: new Date("2026-07-14T09:00:00Z"),
    })
    .run();
  db.insert(outcomeUpdates)
    .values({
      caseStudyId: adopted.caseStudyId,
      matchId: adopted.matchId,
      monthsAfterAdoption: 12,
      outcomes: "Not reviewed yet.",
      reviewStatus: "submitted",
      submittedAt: new Date(),
    })
    .run();
  ids.living = adopted.caseStudyId;
  for (const file of [
    "ideas.$slug_.case-studies.$id.tsx",
    "ideas.$slug.tsx",
    "ideas._index.tsx",
    "organisations.$slug.tsx",
    "organisations._index.tsx",
    "needs.$slug.tsx",
    "feed[.]atom.ts",
    "_index.tsx",
    "places.$slug.tsx",
  ]) {
    routes[file] = await importRoute(file);
  }
});

afterAll(async () => {
  await harness?.dispose();
});

describe("a case study's own page", () => {
  it("shows a published case study with its place, year, status, outcomes, lessons and its idea", async () => {
    const data = await casePage("casserole-club", studyId("Cork"));
    expect(data.study).toMatchObject({
      locality: "Cork",
      country: "IE",
      year: 2015,
      status: "adopted",
      outcomes: "Fewer missed meals among older men living alone.",
      lessons: "Recruit cooks through the local paper.",
    });
    expect(data.idea).toMatchObject({ slug: "casserole-club", title: "Casserole Club", organisation: { name: "Casserole Trust", slug: "casserole-trust" } });
    expect(data.adopter).toBeNull();
    expect(data.updates).toEqual([]);
    const meta = (routes["ideas.$slug_.case-studies.$id.tsx"] as unknown as { meta: unknown }).meta as (args: {
      data: unknown;
    }) => { title?: string; name?: string; content?: string }[];
    const tags = meta({ data });
    expect(tags.find((tag) => tag.title)?.title).toBe("Casserole Club in Cork, IE (2015): case study | Innovation Exchange");
    expect(tags.find((tag) => tag.name === "description")?.content).toContain("Fewer missed meals");
  });

  it("shows a living case study's adopter organisation and only its published outcome updates", async () => {
    const data = await casePage("casserole-club", ids.living);
    expect(data.adopter).toMatchObject({ name: "Northshire Council", slug: "northshire-council" });
    expect(data.study.living).toBe(true);
    expect(data.updates.map((update: { outcomes: string }) => update.outcomes)).toEqual(["Ninety older people now get a meal a week."]);
    expect(data.updates[0].on).toBe("12 July 2026");
  });

  it("is not found for a case study in review or sent back, of an unpublished idea, under another idea, or unknown", async () => {
    expect(await casePageStatus("casserole-club", studyId("Awaiting Town"))).toBe(404);
    expect(await casePageStatus("casserole-club", studyId("Sent Back Town"))).toBe(404);
    expect(await casePageStatus("draft-idea", studyId("Draft Town"))).toBe(404);
    expect(await casePageStatus("time-banking", studyId("Cork"))).toBe(404);
    expect(await casePageStatus("no-such-idea", studyId("Cork"))).toBe(404);
    for (const id of ["999999", "0", "-1", "1.5", "abc", "1e3", "99999999999999999999"]) expect(await casePageStatus("casserole-club", id)).toBe(404);
    // Once unpublished, its published case studies go too.
    harness.exchange.db.update(ideas).set({ status: "archived" }).where(eq(ideas.slug, "time-banking")).run();
    try {
      expect(await casePageStatus("time-banking", studyId("Rotherham"))).toBe(404);
    } finally {
      harness.exchange.db.update(ideas).set({ status: "published" }).where(eq(ideas.slug, "time-banking")).run();
    }
    expect(await casePageStatus("time-banking", studyId("Rotherham"))).toBe(200);
  });

  it("is linked from its idea's page, and the idea's organisation links to its profile", async () => {
    const data = await load("ideas.$slug.tsx", "/ideas/casserole-club", { slug: "casserole-club" });
    expect(data.idea.caseStudies.map((study: { id: number }) => study.id)).toEqual([studyId("Cork"), studyId("Bolton"), ids.living]);
    expect(data.organisation).toEqual({ name: "Casserole Trust", slug: "casserole-trust" });
    expect(data.outcomeUpdates[ids.living]).toHaveLength(1);
  });

  it("is linked from the home page's recent case studies and from its place's page", async () => {
    const home = await load("_index.tsx", "/");
    expect(home.caseStudies.map((study: { id: number }) => study.id)).toContain(studyId("Cork"));
    const place = await load("places.$slug.tsx", "/places/cork-ie", { slug: "cork-ie" });
    expect(place.studies).toEqual([expect.objectContaining({ id: studyId("Cork"), ideaSlug: "casserole-club" })]);
  });

  it("is what the feed's case-study entries link to", async () => {
    const response = (await routes["feed[.]atom.ts"].loader!({ request: buildRequest("GET", "/feed.atom"), params: {}, context: {} })) as Response;
    const xml = await response.text();
    const links = [...xml.matchAll(/<link rel="alternate" type="text\/html" href="([^"]+)"\/>/g)].map((match) => match[1]);
    expect(links).toContain(`http://exchange.test/ideas/casserole-club/case-studies/${studyId("Cork")}`);
    expect(links).toContain(`http://exchange.test/ideas/casserole-club/case-studies/${ids.living}`);
    expect(links.some((link) => link.includes("#case-studies"))).toBe(false);
    expect(xml).not.toContain(`/case-studies/${studyId("Awaiting Town")}"`);
  });
});

describe("case studies in search", () => {
  it("lists, under each idea found, its case studies holding the query's words, linked to their pages", async () => {
    const data = await load("ideas._index.tsx", "/ideas?q=cork");
    expect(data.result.hits.map((hit: { slug: string }) => hit.slug)).toContain("casserole-club");
    expect(data.caseStudyMatches["casserole-club"]).toEqual([{ id: studyId("Cork"), locality: "Cork", country: "IE", year: 2015, status: "adopted" }]);
    // Lessons count too; case studies in review never show.
    const coordinator = await load("ideas._index.tsx", "/ideas?q=paid+coordinator");
    expect(coordinator.caseStudyMatches["casserole-club"]?.map((study: { locality: string }) => study.locality)).toEqual(["Bolton"]);
    const awaiting = await load("ideas._index.tsx", "/ideas?q=awaiting");
    expect(Object.values(awaiting.caseStudyMatches).flat()).toEqual([]);
    // No query, no extra work.
    expect((await load("ideas._index.tsx", "/ideas")).caseStudyMatches).toEqual({});
  });
});

describe("organisation profiles", () => {
  it("exist for every organisation named on a published idea, with its ideas, and are listed", async () => {
    const trust = await load("organisations.$slug.tsx", "/organisations/casserole-trust", { slug: "casserole-trust" });
    expect(trust.organisation).toEqual({ name: "Casserole Trust", slug: "casserole-trust", registered: false });
    expect(trust.ideas.map((row: { slug: string }) => row.slug)).toEqual(["casserole-club"]);
    expect(trust.needs).toEqual([]);
    const list = await load("organisations._index.tsx", "/organisations");
    const slugs = list.organisations.map((row: { slug: string }) => row.slug);
    expect(slugs).toEqual(expect.arrayContaining(["casserole-trust", "timebanking-uk", "northshire-council", "shed-network"]));
    // Named only on a draft: no profile.
    harness.exchange.db.update(ideas).set({ organisation: "Draft Only Org" }).where(eq(ideas.slug, "draft-idea")).run();
    expect(await status("organisations.$slug.tsx", "/organisations/draft-only-org", { slug: "draft-only-org" })).toBe(404);
    expect(await status("organisations.$slug.tsx", "/organisations/nobody-at-all", { slug: "nobody-at-all" })).toBe(404);
  });

  it("show a registered organisation's open needs and the case studies of what it adopted; the need page links to it", async () => {
    const council = await load("organisations.$slug.tsx", "/organisations/northshire-council", { slug: "northshire-council" });
    expect(council.needs.map((row: { slug: string }) => row.slug)).toContain("hungry-older-people");
    expect(council.caseStudies).toEqual([
      { id: ids.living, ideaSlug: "casserole-club", ideaTitle: "Casserole Club", locality: "Northshire", country: "GB", year: 2026, status: "adopted" },
    ]);
    const needPage = await load("needs.$slug.tsx", "/needs/hungry-older-people", { slug: "hungry-older-people" });
    expect(needPage.organisation).toEqual({ name: "Northshire Council", slug: "northshire-council" });
    const registered = harness.exchange.db.select().from(organisations).where(eq(organisations.slug, "northshire-council")).get();
    expect(registered?.name).toBe("Northshire Council");
  });
});

describe("the demo idea with a history", () => {
  it("has two dated revisions written by the idea editor, shown on its page field by field", async () => {
    const { db } = harness.exchange;
    await loadDemoData(db);
    const ideaId = ideaIdBySlug(db, "social-prescribing-bromley-by-bow");
    const revisions = listRevisions(db, ideaId);
    expect(revisions.map((revision) => revision.changes.map((change) => change.field))).toEqual([["solution"], ["costs", "tags"]]);
    expect(revisions.every((revision) => revision.actorName === "Ines Innovator")).toBe(true);
    expect(revisions[0].createdAt.getTime()).toBeGreaterThan(revisions[1].createdAt.getTime());
    expect(Date.now() - revisions[1].createdAt.getTime()).toBeGreaterThan(30 * 24 * 3600 * 1000);
    // Loading again adds nothing.
    await loadDemoData(db);
    expect(listRevisions(db, ideaId)).toHaveLength(2);
    const page = await load("ideas.$slug.tsx", "/ideas/social-prescribing-bromley-by-bow", { slug: "social-prescribing-bromley-by-bow" });
    const [latest, earlier] = page.revisions;
    expect(latest.by).toBe("Ines Innovator");
    expect(latest.changes[0]).toMatchObject({ field: "solution", label: "How it works", before: { changed: "" }, excerpt: true });
    expect(latest.changes[0].after.changed).toContain("caseloads of about 250 people");
    expect(earlier.changes.map((change: { label: string }) => change.label)).toEqual(["Costs", "Tags"]);
    expect(earlier.changes[1]).toMatchObject({
      before: { lead: "link workers, primary care, ", changed: "wellbeing" },
      after: { changed: "wellbeing, loneliness" },
    });
    expect(earlier.changes[0].after.changed).toContain("Additional Roles Reimbursement Scheme");
  });
});
