// import -> outbox -> Meilisearch -> searchIdeas/searchNeeds, on a real server.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideas } from "../../db/schema";
import type { IdeaFormat } from "../../app/domain/exchange-format";
import { IDEAS_PER_PAGE } from "../../app/domain/search-params";
import { enqueueSearchSync } from "../../app/models/search-outbox.server";
import { searchIdeas, searchNeeds } from "../../app/models/search.server";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from "../../search/idea-query";
import { drainOutbox } from "../../search/outbox-relay";
import { createMeiliClient } from "../../search/client";
import {
  idea,
  ideaIdBySlug,
  ideaItems,
  ideaParams,
  importIdeasAndSync,
  importNeedsAndSync,
  insertIdeaWithStatus,
  need,
  needItems,
  needParams,
  openTestExchange,
  type TestExchange,
} from "./helpers";

const featured = ideaItems([
  idea({
    slug: "telephone-befriending",
    title: "Telephone befriending for older people",
    summary: "Volunteers phone isolated older people every week to reduce loneliness.",
    sectors: ["ageing", "mental-health"],
    diffusionModels: ["uncontrolled"],
    typology: ["social"],
    lifecyclePhase: "mainstream",
    evidenceLevel: 2,
  }),
  idea({
    slug: "community-sheds",
    title: "Community sheds",
    summary: "Workshops where retired men make things together, easing loneliness.",
    sectors: ["ageing", "community-neighbourhoods"],
    diffusionModels: ["franchise"],
    typology: ["social"],
    lifecyclePhase: "embedding",
    evidenceLevel: 2,
  }),
  idea({
    slug: "nurse-family-partnership",
    title: "Nurse family partnership",
    summary: "Specially trained nurses visit first-time mothers from pregnancy until the child is two.",
    solution: "Structured home visits by the same nurse.",
    sectors: ["children-families", "health"],
    diffusionModels: ["franchise"],
    typology: ["delivery"],
    lifecyclePhase: "mainstream",
    evidenceLevel: 4,
    caseStudies: [{ locality: "Walsall", country: "GB", year: 2007, status: "adopted", lessons: "Recruit experienced midwives early." }],
  }),
  idea({
    slug: "link-worker-prescribing",
    title: "Link workers in surgeries",
    summary: "Doctors refer patients to a link worker who connects them with local groups.",
    sectors: ["health", "mental-health"],
    diffusionModels: ["growth", "franchise"],
    typology: ["service"],
    lifecyclePhase: "mobilisation",
    evidenceLevel: 3,
  }),
  idea({
    slug: "housing-first",
    title: "Housing first",
    summary: "A home first, then support, for people who have been homeless for years.",
    sectors: ["housing", "health"],
    diffusionModels: ["takeover"],
    typology: ["service"],
    lifecyclePhase: "mainstream",
    evidenceLevel: 4,
  }),
]);

// Enough look-alike ideas for more than one page of results.
const TREES = IDEAS_PER_PAGE + 5;
const trees = ideaItems(
  Array.from({ length: TREES }, (_, i) =>
    idea({
      slug: `street-trees-${i + 1}`,
      title: `Street tree canopy scheme ${i + 1}`,
      summary: "Residents plant and water street trees to grow the urban canopy.",
      sectors: ["environment-climate"],
      diffusionModels: ["uncontrolled"],
    }),
  ),
);

const all: IdeaFormat[] = [...featured, ...trees];

/** Facet counts computed from the fixtures, as Meilisearch should report them. */
function expectedCounts(items: IdeaFormat[], facet: "sectors" | "diffusionModels"): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) for (const value of item[facet]) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const slugs = (hits: { slug: string }[]) => hits.map((hit) => hit.slug).sort();

let exchange: TestExchange;

beforeAll(async () => {
  exchange = await openTestExchange();
  await importIdeasAndSync(exchange, all);
  insertIdeaWithStatus(exchange.db, "draft", {
    slug: "draft-loneliness-cafe",
    title: "Loneliness cafe (draft)",
    summary: "An unpublished draft about loneliness that must never be shown.",
    sectors: ["ageing"],
  });
  insertIdeaWithStatus(exchange.db, "submitted", {
    slug: "submitted-loneliness-radio",
    title: "Loneliness radio (awaiting review)",
    summary: "Submitted for review; loneliness again.",
    sectors: ["ageing"],
  });
  await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
  await importNeedsAndSync(
    exchange,
    needItems([
      need({
        slug: "fewer-falls",
        title: "Fewer falls at home",
        problem: "Older residents fall and lie waiting for help.",
        sectors: ["ageing", "health"],
        fundingRoutes: ["small-grant"],
      }),
      need({
        slug: "rough-sleeping",
        title: "End rough sleeping",
        problem: "People sleep in doorways every winter.",
        sectors: ["housing"],
        fundingRoutes: ["invest-to-save"],
      }),
    ]),
  );
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("searchIdeas", () => {
  it("finds an idea despite a typo in the query", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "lonliness" }));
    expect(slugs(result.hits)).toEqual(["community-sheds", "telephone-befriending"]);
    expect(result.total).toBe(2);
  });

  it("finds ideas by synonym", async () => {
    // loneliness <-> isolation in search/synonyms.ts
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "social isolation" }));
    expect(slugs(result.hits)).toEqual(expect.arrayContaining(["community-sheds", "telephone-befriending"]));
  });

  it("marks the matched words for highlighting and returns plain text alongside", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "lonliness" }));
    const hit = result.hits.find((candidate) => candidate.slug === "telephone-befriending")!;
    expect(hit.summary).toBe("Volunteers phone isolated older people every week to reduce loneliness.");
    // Meilisearch marks the part of the word the (misspelt) query matched.
    expect(hit.highlight.summary).toMatch(new RegExp(`reduce ${HIGHLIGHT_PRE}lonelines${HIGHLIGHT_POST}s?\\.$`));
    expect(hit.highlight.summary.replaceAll(HIGHLIGHT_PRE, "").replaceAll(HIGHLIGHT_POST, "")).toBe(hit.summary);
    expect(hit.highlight.title).toBe(hit.title);
    expect(hit.highlight.snippet).toBeNull();

    const exact = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "older people" }));
    const titleHit = exact.hits.find((candidate) => candidate.slug === "telephone-befriending")!;
    expect(titleHit.highlight.title).toBe(`Telephone befriending for ${HIGHLIGHT_PRE}older${HIGHLIGHT_POST} ${HIGHLIGHT_PRE}people${HIGHLIGHT_POST}`);
  });

  it("offers a snippet from the solution or lessons when the title and summary do not match", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "midwives" }));
    expect(slugs(result.hits)).toEqual(["nurse-family-partnership"]);
    const { highlight } = result.hits[0];
    expect(highlight.title).not.toContain(HIGHLIGHT_PRE);
    expect(highlight.summary).not.toContain(HIGHLIGHT_PRE);
    expect(highlight.snippet).toContain(`${HIGHLIGHT_PRE}midwives${HIGHLIGHT_POST}`);
    expect(result.hits[0].caseStudyCount).toBe(1);
  });

  it("filters by diffusion model", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ diffusionModel: ["franchise"] }));
    expect(slugs(result.hits)).toEqual(["community-sheds", "link-worker-prescribing", "nurse-family-partnership"]);
    for (const hit of result.hits) expect(hit.diffusionModels).toContain("franchise");
  });

  it("ORs values within a facet and ANDs across facets", async () => {
    const either = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sector: ["housing", "children-families"] }));
    expect(slugs(either.hits)).toEqual(["housing-first", "nurse-family-partnership"]);
    const both = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sector: ["health"], diffusionModel: ["franchise"] }));
    expect(slugs(both.hits)).toEqual(["link-worker-prescribing", "nurse-family-partnership"]);
    const evidence = await searchIdeas(exchange.db, exchange.meili, ideaParams({ evidenceLevel: ["4"], lifecyclePhase: ["mainstream"] }));
    expect(slugs(evidence.hits)).toEqual(["housing-first", "nurse-family-partnership"]);
  });

  it("keeps facet counts disjunctive: a selected group still counts its other options", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sector: ["health"] }));
    const health = featured.filter((item) => item.sectors.includes("health"));
    expect(slugs(result.hits)).toEqual(health.map((item) => item.slug).sort());
    // The sector counts ignore the sector selection...
    expect(result.facets.sectors).toEqual(expectedCounts(all, "sectors"));
    expect(result.facets.sectors.ageing).toBe(2);
    expect(result.facets.sectors["environment-climate"]).toBe(TREES);
    // ...while the other groups count within it.
    expect(result.facets.diffusionModels).toEqual(expectedCounts(health, "diffusionModels"));
    expect(result.facets.evidenceLevel).toEqual({ "3": 1, "4": 2 });
  });

  it("counts every group within the other groups' selections", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sector: ["health"], diffusionModel: ["franchise"] }));
    const franchise = all.filter((item) => item.diffusionModels.includes("franchise"));
    const health = all.filter((item) => item.sectors.includes("health"));
    expect(result.facets.sectors).toEqual(expectedCounts(franchise, "sectors"));
    expect(result.facets.diffusionModels).toEqual(expectedCounts(health, "diffusionModels"));
  });

  it("pages through results with consistent totals", async () => {
    const first = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "canopy" }));
    expect(first.total).toBe(TREES);
    expect(first.totalPages).toBe(2);
    expect(first.page).toBe(1);
    expect(first.hits).toHaveLength(IDEAS_PER_PAGE);
    const second = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "canopy", page: 2 }));
    expect(second.total).toBe(TREES);
    expect(second.hits).toHaveLength(TREES - IDEAS_PER_PAGE);
    const seen = new Set([...first.hits, ...second.hits].map((hit) => hit.slug));
    expect(seen).toEqual(new Set(trees.map((item) => item.slug)));
    const beyond = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "canopy", page: 3 }));
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(TREES);
  });

  it("browses everything published when there is no query", async () => {
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams());
    expect(result.total).toBe(all.length);
    expect(result.totalPages).toBe(Math.ceil(all.length / IDEAS_PER_PAGE));
  });

  it("sorts by strongest evidence and by newest change, in Meilisearch and in the SQLite fallback alike", async () => {
    const byEvidence = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sort: "evidence" }));
    const levels = byEvidence.hits.map((hit) => hit.evidenceLevel ?? 0);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    expect(byEvidence.hits[0].slug).toBe("nurse-family-partnership");
    // Strictly, even when a query's relevance would order them otherwise.
    const queried = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "people", sort: "evidence" }));
    const queriedLevels = queried.hits.map((hit) => hit.evidenceLevel ?? 0);
    expect(queriedLevels.length).toBeGreaterThan(1);
    expect(queriedLevels).toEqual([...queriedLevels].sort((a, b) => b - a));
    const newest = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sort: "newest" }));
    expect(newest.total).toBe(all.length);
    const deadMeili = createMeiliClient("http://127.0.0.1:9", "no-key");
    const fallback = await searchIdeas(exchange.db, deadMeili, ideaParams({ sort: "evidence" }));
    expect(fallback.degraded).toBe(true);
    expect(fallback.hits.map((hit) => hit.evidenceLevel ?? 0)).toEqual(levels);
  });

  it("never returns ideas that are not published, though the index holds them", async () => {
    const draftId = ideaIdBySlug(exchange.db, "draft-loneliness-cafe");
    const indexed = await exchange.meili.index("ideas").getDocument(draftId);
    expect(indexed.status).toBe("draft");

    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "loneliness" }));
    expect(slugs(result.hits)).toEqual(["community-sheds", "telephone-befriending"]);
    expect(result.total).toBe(2);
    const browse = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sector: ["ageing"] }));
    expect(slugs(browse.hits)).toEqual(["community-sheds", "telephone-befriending"]);
    expect(browse.facets.sectors.ageing).toBe(2);
  });

  it("drops an idea from results once it is archived", async () => {
    const id = ideaIdBySlug(exchange.db, "housing-first");
    exchange.db.transaction((tx) => {
      tx.update(ideas).set({ status: "archived", updatedAt: new Date() }).where(eq(ideas.id, id)).run();
      enqueueSearchSync(tx, "ideas", [id]);
    });
    await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
    const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "housing first" }));
    expect(result.hits.map((hit) => hit.slug)).not.toContain("housing-first");
    expect((await exchange.meili.index("ideas").getDocument(id)).status).toBe("archived");
  });

  it("trusts SQLite over a stale index: an idea unpublished without a sync is still hidden", async () => {
    const id = ideaIdBySlug(exchange.db, "link-worker-prescribing");
    exchange.db.update(ideas).set({ status: "draft" }).where(eq(ideas.id, id)).run();
    try {
      const result = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "link workers" }));
      expect(result.hits.map((hit) => hit.slug)).not.toContain("link-worker-prescribing");
    } finally {
      exchange.db.update(ideas).set({ status: "published" }).where(eq(ideas.id, id)).run();
    }
  });
});

describe("searchNeeds", () => {
  it("finds open needs with typos and filters by sector and funding route", async () => {
    const typo = await searchNeeds(exchange.db, exchange.meili, needParams({ q: "doorwys" }));
    expect(typo.hits.map((hit) => hit.slug)).toEqual(["rough-sleeping"]);
    const ageing = await searchNeeds(exchange.db, exchange.meili, needParams({ sector: ["ageing"] }));
    expect(ageing.hits.map((hit) => hit.slug)).toEqual(["fewer-falls"]);
    const route = await searchNeeds(exchange.db, exchange.meili, needParams({ fundingRoute: ["invest-to-save"] }));
    expect(route.hits.map((hit) => hit.slug)).toEqual(["rough-sleeping"]);
    const browse = await searchNeeds(exchange.db, exchange.meili, needParams());
    expect(browse.total).toBe(2);
    expect(browse.facets.sectors).toEqual({ ageing: 1, health: 1, housing: 1 });
  });
});
