// The unfiltered browse page's facet counts are cached between index changes, including
// changes made by another client of the same Meilisearch (as the `exchange import` CLI is).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchIdeas } from "../../app/models/search.server";
import { indexVersion } from "../../search/browse-facets";
import { createMeiliClient } from "../../search/client";
import { drainOutbox } from "../../search/outbox-relay";
import { importIdeas } from "../../app/models/exchange-import.server";
import { idea, ideaItems, ideaParams, importIdeasAndSync, openTestExchange, type TestExchange } from "./helpers";

let exchange: TestExchange;

beforeAll(async () => {
  exchange = await openTestExchange();
  await importIdeasAndSync(exchange, ideaItems([idea({ slug: "first-health-idea", sectors: ["health"] })]));
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("browse facet cache", () => {
  it("counts again once the index changes, whoever changed it", async () => {
    const { db, meili } = exchange;
    const before = await searchIdeas(db, meili, ideaParams());
    expect(before.facets.sectors.health).toBe(1);
    const version = await indexVersion(meili, "ideas");
    // The same answer while the index is unchanged.
    expect((await searchIdeas(db, meili, ideaParams({ page: 1, sort: "newest" }))).facets.sectors.health).toBe(1);
    expect(await indexVersion(meili, "ideas")).toBe(version);

    // Another client (another process in real life) adds an idea: the app's client sees a new version.
    const other = createMeiliClient(meili.config.host, meili.config.apiKey);
    importIdeas(db, ideaItems([idea({ slug: "second-health-idea", sectors: ["health"] })]));
    await drainOutbox(db, other, { timeoutMs: 30_000 });
    expect(await indexVersion(meili, "ideas")).not.toBe(version);
    expect((await searchIdeas(db, meili, ideaParams())).facets.sectors.health).toBe(2);
  });

  it("leaves facets out when asked (what the bench measures facets against)", async () => {
    const { db, meili } = exchange;
    const result = await searchIdeas(db, meili, ideaParams(), { facets: false });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.facets.sectors).toEqual({});
  });
});
