// search/reindex.ts rebuilds an index from SQLite, the source of truth.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchIdeas, searchNeeds } from "../../app/models/search.server";
import { reindex } from "../../search/reindex";
import { ideaIndexSettings } from "../../search/settings";
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

let exchange: TestExchange;

const items = ideaItems([
  idea({
    slug: "family-group-conferences",
    title: "Family group conferences",
    summary: "Wider family meets to plan care for the children before the council steps in.",
    sectors: ["children-families"],
    diffusionModels: ["uncontrolled"],
    evidenceLevel: 3,
  }),
  idea({
    slug: "restorative-justice",
    title: "Restorative justice conferences",
    summary: "Victims meet offenders to agree how harm is repaired.",
    sectors: ["criminal-justice"],
    diffusionModels: ["franchise"],
    evidenceLevel: 4,
    caseStudies: [{ locality: "Northumbria", status: "adopted", lessons: "Train facilitators locally." }],
  }),
  idea({
    slug: "community-energy",
    title: "Community energy cooperatives",
    summary: "Residents own the solar panels on their school roofs.",
    sectors: ["environment-climate"],
    diffusionModels: ["growth"],
  }),
]);

beforeAll(async () => {
  exchange = await openTestExchange();
  await importIdeasAndSync(exchange, items);
  await importNeedsAndSync(
    exchange,
    needItems([
      need({ slug: "youth-violence", title: "Less youth violence", problem: "Knife crime among teenagers is rising.", sectors: ["community-safety"] }),
    ]),
  );
});

afterAll(async () => {
  await exchange?.dispose();
});

const total = async () => (await exchange.meili.index("ideas").getStats()).numberOfDocuments;

describe("reindex", () => {
  it("rebuilds an emptied ideas index from SQLite, with its settings", async () => {
    expect(await total()).toBe(3);
    await exchange.meili.index("ideas").deleteAllDocuments().waitTask();
    expect(await total()).toBe(0);
    expect((await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "restorative" }))).hits).toEqual([]);

    const progress: number[] = [];
    expect(await reindex(exchange.db, exchange.meili, "ideas", (done) => progress.push(done))).toBe(3);
    expect(progress).toEqual([3]);
    expect(await total()).toBe(3);

    // Typo tolerance, synonyms, filters and facets all work on the rebuilt index.
    const typo = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "restorativ justise" }));
    expect(typo.hits.map((hit) => hit.slug)).toEqual(["restorative-justice"]);
    const synonym = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "kids" }));
    expect(synonym.hits.map((hit) => hit.slug)).toEqual(["family-group-conferences"]);
    const filtered = await searchIdeas(exchange.db, exchange.meili, ideaParams({ sector: ["criminal-justice"] }));
    expect(filtered.hits.map((hit) => hit.slug)).toEqual(["restorative-justice"]);
    expect(filtered.hits[0].caseStudyCount).toBe(1);
    expect(filtered.facets.sectors).toEqual({ "children-families": 1, "criminal-justice": 1, "environment-climate": 1 });

    const settings = await exchange.meili.index("ideas").getSettings();
    expect(settings.searchableAttributes).toEqual(ideaIndexSettings.searchableAttributes);
    expect([...(settings.filterableAttributes ?? [])].sort()).toEqual([...(ideaIndexSettings.filterableAttributes ?? [])].sort());
    expect(settings.synonyms?.loneliness).toBeDefined();

    // The temporary index is gone.
    const { results } = await exchange.meili.getIndexes({ limit: 100 });
    expect(results.map((index) => index.uid).sort()).toEqual(["ideas", "needs"]);
  });

  it("drops documents that are no longer in SQLite and adds rows the outbox never delivered", async () => {
    await exchange.meili
      .index("ideas")
      .addDocuments([{ id: 999_999, slug: "ghost", title: "Ghost idea", summary: "Not in the database", status: "published", _vectors: { use: null } }])
      .waitTask();
    // Written to SQLite, but its outbox row is never relayed.
    const draftId = insertIdeaWithStatus(exchange.db, "draft", { slug: "draft-only", title: "Draft only", summary: "Never relayed" });
    expect(await total()).toBe(4);

    expect(await reindex(exchange.db, exchange.meili, "ideas")).toBe(4);
    await expect(exchange.meili.index("ideas").getDocument(999_999)).rejects.toThrow();
    expect(await exchange.meili.index("ideas").getDocument(draftId)).toMatchObject({ slug: "draft-only", status: "draft" });
    const ghost = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "ghost" }));
    expect(ghost.total).toBe(0);
    // Reindexing keeps the published filter: the draft is indexed but never found.
    const draft = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "draft only" }));
    expect(draft.hits).toEqual([]);
    expect(ideaIdBySlug(exchange.db, "restorative-justice")).toBeGreaterThan(0);
  });

  it("rebuilds the needs index, even after it was deleted outright", async () => {
    await exchange.meili.deleteIndex("needs").waitTask();
    expect(await reindex(exchange.db, exchange.meili, "needs")).toBe(1);
    const found = await searchNeeds(exchange.db, exchange.meili, needParams({ q: "knife" }));
    expect(found.hits.map((hit) => hit.slug)).toEqual(["youth-violence"]);
  });
});
