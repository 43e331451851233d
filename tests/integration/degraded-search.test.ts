// Degraded mode: with Meilisearch unreachable, public search answers from SQLite's FTS5
// index with the same filters, and writes still succeed (the outbox catches up later).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { searchIdeas, searchNeeds } from "../../app/models/search.server";
import { createMeiliClient } from "../../search/client";
import { drainOutbox, outboxLag } from "../../search/outbox-relay";
import { idea, ideaItems, ideaParams, insertIdeaWithStatus, need, needItems, needParams, openTestExchange, type TestExchange } from "./helpers";

let exchange: TestExchange;
const deadMeili = createMeiliClient("http://127.0.0.1:9", "no-key");

beforeAll(async () => {
  exchange = await openTestExchange();
  importIdeas(
    exchange.db,
    ideaItems([
      idea({
        slug: "befriending-older-people",
        title: "Befriending for older people",
        summary: "Volunteers visit isolated older residents weekly.",
        sectors: ["ageing"],
        diffusionModels: ["franchise"],
        lifecyclePhase: "mainstream",
        evidenceLevel: 3,
      }),
      idea({
        slug: "street-triage",
        title: "Street triage",
        summary: "Mental health nurses ride with police officers.",
        sectors: ["mental-health", "community-safety"],
        diffusionModels: ["uncontrolled"],
        lifecyclePhase: "embedding",
      }),
      idea({
        slug: "repair-cafe",
        title: "Repair café",
        summary: "Volunteers repair household items for free.",
        sectors: ["environment-climate"],
        diffusionModels: ["uncontrolled", "franchise"],
      }),
    ]),
  );
  importNeeds(
    exchange.db,
    needItems([need({ slug: "isolated-elders", title: "Isolated elders in villages", problem: "Older residents are lonely.", sectors: ["ageing"] })]),
  );
  insertIdeaWithStatus(exchange.db, "draft", { slug: "secret-draft-volunteers", title: "Secret volunteers draft", summary: "Volunteers in a draft." });
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("idea search with Meilisearch down", () => {
  it("answers from SQLite and says so", async () => {
    const result = await searchIdeas(exchange.db, deadMeili, ideaParams({ q: "volunteers" }));
    expect(result.degraded).toBe(true);
    expect(result.hits.map((hit) => hit.slug).sort()).toEqual(["befriending-older-people", "repair-cafe"]);
    expect(result.total).toBe(2);
  });

  it("never returns unpublished ideas", async () => {
    const result = await searchIdeas(exchange.db, deadMeili, ideaParams({ q: "secret" }));
    expect(result.hits).toEqual([]);
  });

  it("applies filters and counts facets, disjunctively within a group", async () => {
    const result = await searchIdeas(exchange.db, deadMeili, ideaParams({ diffusionModel: ["franchise"] }));
    expect(result.hits.map((hit) => hit.slug).sort()).toEqual(["befriending-older-people", "repair-cafe"]);
    expect(result.facets.diffusionModels).toEqual({ franchise: 2, uncontrolled: 2 });
    expect(result.facets.sectors).toEqual({ ageing: 1, "environment-climate": 1 });
  });

  it("treats query syntax as words, never as FTS5 syntax", async () => {
    const result = await searchIdeas(exchange.db, deadMeili, ideaParams({ q: 'street" OR * NEAR(' }));
    expect(result.degraded).toBe(true);
    expect(result.hits.map((hit) => hit.slug)).toContain("street-triage");
  });

  it("falls back for needs too", async () => {
    const result = await searchNeeds(exchange.db, deadMeili, needParams({ q: "elders" }));
    expect(result.degraded).toBe(true);
    expect(result.hits.map((hit) => hit.slug)).toEqual(["isolated-elders"]);
  });

  it("keeps writes while Meilisearch is down and catches up when it returns", async () => {
    importIdeas(exchange.db, ideaItems([idea({ slug: "late-arrival", title: "Late arrival scheme", summary: "Written while search was down." })]));
    const degraded = await searchIdeas(exchange.db, deadMeili, ideaParams({ q: "late arrival" }));
    expect(degraded.hits.map((hit) => hit.slug)).toContain("late-arrival");
    expect(outboxLag(exchange.db).pending).toBeGreaterThan(0);
    await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
    const live = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "late arrival" }));
    expect(live.degraded).toBe(false);
    expect(live.hits[0]?.slug).toBe("late-arrival");
  });
});

describe("filtering by what transfers in a takeover", () => {
  it("filters live and degraded search alike", async () => {
    const { db } = exchange;
    const { ideas } = await import("../../db/schema");
    const { eq } = await import("drizzle-orm");
    const { enqueueSearchSync } = await import("../../app/models/search-outbox.server");
    db.transaction((tx) => {
      tx.update(ideas)
        .set({ diffusionModels: ["takeover"], diffusionDetails: { takeover: { transfers: ["staff", "data"], terms: "A transfer agreement." } } })
        .where(eq(ideas.slug, "street-triage"))
        .run();
      const row = tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, "street-triage")).get()!;
      enqueueSearchSync(tx, "ideas", [row.id]);
    });
    await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
    const live = await searchIdeas(exchange.db, exchange.meili, ideaParams({ transfer: ["staff"] }));
    expect(live.degraded).toBe(false);
    expect(live.hits.map((hit) => hit.slug)).toEqual(["street-triage"]);
    expect(live.facets.takeoverTransfers).toEqual({ staff: 1, data: 1 });
    const degraded = await searchIdeas(exchange.db, deadMeili, ideaParams({ transfer: ["data"] }));
    expect(degraded.degraded).toBe(true);
    expect(degraded.hits.map((hit) => hit.slug)).toEqual(["street-triage"]);
    expect(degraded.facets.takeoverTransfers).toEqual({ staff: 1, data: 1 });
    const none = await searchIdeas(exchange.db, exchange.meili, ideaParams({ transfer: ["assets"] }));
    expect(none.hits).toEqual([]);
  });
});
