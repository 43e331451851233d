// The transactional outbox and its relay, against a real Meilisearch server and one that
// is not there.
import { eq, isNull } from "drizzle-orm";
import { MeilisearchApiError } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideas, needs, searchOutbox } from "../../db/schema";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { enqueueSearchSync } from "../../app/models/search-outbox.server";
import { searchIdeas } from "../../app/models/search.server";
import { createMeiliClient } from "../../search/client";
import { readOrCreateMasterKey } from "../../search/meili-server";
import { backoffMs, drainOutbox, outboxLag, pendingOutboxRows, relayOutboxBatch } from "../../search/outbox-relay";
import { ensureIndexes } from "../../search/settings";
import { countRows, idea, ideaIdBySlug, ideaItems, ideaParams, need, needItems, openTestExchange, outboxRows, type TestExchange } from "./helpers";

let exchange: TestExchange;

beforeAll(async () => {
  exchange = await openTestExchange();
});

afterAll(async () => {
  await exchange?.dispose();
});

const ideaIndex = () => exchange.meili.index("ideas");

async function indexedIds(indexName: "ideas" | "needs"): Promise<number[]> {
  const { results } = await exchange.meili.index(indexName).getDocuments({ limit: 1000, fields: ["id"] });
  return results.map((document) => Number(document.id)).sort((a, b) => a - b);
}

describe("the search outbox", () => {
  it("is written in the same transaction as the rows, and not before the transaction commits", () => {
    const before = { ideas: countRows(exchange.db, ideas), outbox: countRows(exchange.db, searchOutbox) };
    expect(() =>
      exchange.db.transaction((tx) => {
        const id = tx
          .insert(ideas)
          .values({ slug: "rolled-back", title: "Rolled back", summary: "Never committed", sectors: ["health"], diffusionModels: ["growth"] })
          .returning({ id: ideas.id })
          .get().id;
        enqueueSearchSync(tx, "ideas", [id]);
        throw new Error("the write fails after the outbox row was added");
      }),
    ).toThrow(/the write fails/);
    expect(countRows(exchange.db, ideas)).toBe(before.ideas);
    expect(countRows(exchange.db, searchOutbox)).toBe(before.outbox);
  });

  it("gets one pending row per imported item, which the relay applies", async () => {
    const items = ideaItems([
      idea({ slug: "kinship-carers-network", title: "Kinship carers network", summary: "Grandparents raising grandchildren support each other." }),
      idea({ slug: "repair-cafes", title: "Repair cafes", summary: "Volunteers fix broken things with their owners." }),
      idea({ slug: "walking-buses", title: "Walking buses", summary: "Children walk to school in supervised groups." }),
    ]);
    importIdeas(exchange.db, items);
    const ids = items.map((item) => ideaIdBySlug(exchange.db, item.slug));
    const pending = outboxRows(exchange.db).filter((row) => row.doneAt === null);
    expect(pending.map((row) => ({ indexName: row.indexName, documentId: row.documentId, attempts: row.attempts }))).toEqual(
      ids.map((documentId) => ({ indexName: "ideas", documentId, attempts: 0 })),
    );
    expect(outboxLag(exchange.db).pending).toBe(3);
    // Nothing reaches Meilisearch before the relay runs.
    expect(await indexedIds("ideas")).toEqual([]);

    const result = await relayOutboxBatch(exchange.db, exchange.meili);
    expect(result).toEqual({ applied: 3, failed: 0, error: undefined });
    // Rows are marked done only once Meilisearch reports the task succeeded: the documents
    // are there as soon as the relay returns.
    expect(outboxRows(exchange.db).every((row) => row.doneAt instanceof Date)).toBe(true);
    expect(await indexedIds("ideas")).toEqual(ids);
    const document = await ideaIndex().getDocument(ids[1]);
    expect(document).toMatchObject({ slug: "repair-cafes", title: "Repair cafes", status: "published" });
    expect(outboxLag(exchange.db)).toEqual({ pending: 0, oldestCreatedAt: null });
  });

  it("keeps rows pending, with the error and a later retry time, while Meilisearch is unreachable", async () => {
    const dead = createMeiliClient("http://127.0.0.1:1", readOrCreateMasterKey(exchange.dataDir));
    const items = ideaItems([
      idea({ slug: "time-banking", title: "Time banking", summary: "Neighbours trade hours of help." }),
      idea({ slug: "street-champions", title: "Street champions", summary: "Residents keep an eye on their street." }),
    ]);
    importIdeas(exchange.db, items);
    const ids = items.map((item) => ideaIdBySlug(exchange.db, item.slug));
    const isNew = (row: { documentId: number }) => ids.includes(row.documentId);
    const rowCount = countRows(exchange.db, searchOutbox);

    const startedAt = Date.now();
    const result = await relayOutboxBatch(exchange.db, dead);
    expect(result.applied).toBe(0);
    expect(result.failed).toBe(2);
    expect(result.error).toBeTruthy();

    const failed = outboxRows(exchange.db).filter(isNew);
    expect(failed).toHaveLength(2);
    for (const row of failed) {
      expect(row.doneAt).toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBe(result.error);
      expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(startedAt + backoffMs(1));
    }
    // Not due again until the back-off has passed...
    expect(pendingOutboxRows(exchange.db, 100, startedAt)).toEqual([]);
    expect(pendingOutboxRows(exchange.db, 100, startedAt + backoffMs(1) + 60_000).map((row) => row.documentId)).toEqual(ids);

    // ...and a second failure backs off further. (Make the rows due as if time had passed.)
    exchange.db
      .update(searchOutbox)
      .set({ nextAttemptAt: new Date(0) })
      .where(isNull(searchOutbox.doneAt))
      .run();
    const secondStart = Date.now();
    await relayOutboxBatch(exchange.db, dead);
    for (const row of outboxRows(exchange.db).filter(isNew)) {
      expect(row.attempts).toBe(2);
      expect(row.doneAt).toBeNull();
      expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(secondStart + backoffMs(2));
    }
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));

    // Nothing was lost: the rows are all still there and still pending.
    expect(countRows(exchange.db, searchOutbox)).toBe(rowCount);
    expect(outboxLag(exchange.db).pending).toBe(2);
    for (const id of ids) await expect(ideaIndex().getDocument(id)).rejects.toThrow();

    // With Meilisearch back, the relay applies them once they are due.
    await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
    const applied = outboxRows(exchange.db).filter(isNew);
    expect(applied.every((row) => row.doneAt instanceof Date)).toBe(true);
    expect(applied.every((row) => row.attempts === 2)).toBe(true);
    const found = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "time banking" }));
    expect(found.hits.map((hit) => hit.slug)).toContain("time-banking");
    expect(await indexedIds("ideas")).toEqual(expect.arrayContaining(ids));
  });

  it("keeps rows pending when Meilisearch answers but its task fails", async () => {
    // A needs index with the wrong primary key makes every addDocuments task fail.
    await exchange.meili.deleteIndex("needs").waitTask();
    await exchange.meili.createIndex("needs", { primaryKey: "slug" }).waitTask();
    importNeeds(exchange.db, needItems([need({ slug: "warm-homes", title: "Warm homes", problem: "Cold homes make people ill." })]));
    const id = exchange.db.select({ id: needs.id }).from(needs).where(eq(needs.slug, "warm-homes")).get()!.id;

    const result = await relayOutboxBatch(exchange.db, exchange.meili);
    expect(result).toMatchObject({ applied: 0, failed: 1 });
    expect(result.error).toMatch(/^Meilisearch task \d+ failed/);
    const [row] = outboxRows(exchange.db).filter((candidate) => candidate.indexName === "needs");
    expect(row).toMatchObject({ documentId: id, doneAt: null, attempts: 1, lastError: result.error });

    // Repair the index; the retry succeeds.
    await exchange.meili.deleteIndex("needs").waitTask();
    await ensureIndexes(exchange.meili);
    await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
    expect(outboxRows(exchange.db).filter((candidate) => candidate.indexName === "needs")[0].doneAt).toBeInstanceOf(Date);
    expect(await exchange.meili.index("needs").getDocument(id)).toMatchObject({ slug: "warm-homes", status: "open" });
  });

  it("removes a deleted idea from the index", async () => {
    const id = ideaIdBySlug(exchange.db, "repair-cafes");
    expect((await ideaIndex().getDocument(id)).slug).toBe("repair-cafes");
    exchange.db.transaction((tx) => {
      tx.delete(ideas).where(eq(ideas.id, id)).run();
      enqueueSearchSync(tx, "ideas", [id]);
    });
    const result = await relayOutboxBatch(exchange.db, exchange.meili);
    expect(result).toMatchObject({ applied: 1, failed: 0 });
    const error = await ideaIndex()
      .getDocument(id)
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(MeilisearchApiError);
    expect((error as MeilisearchApiError).cause?.code).toBe("document_not_found");
    expect(await indexedIds("ideas")).not.toContain(id);
    const found = await searchIdeas(exchange.db, exchange.meili, ideaParams({ q: "repair cafes" }));
    expect(found.hits.map((hit) => hit.slug)).not.toContain("repair-cafes");
  });

  it("re-reads the row when relaying, so repeated and out-of-order rows converge on the current data", async () => {
    const id = ideaIdBySlug(exchange.db, "walking-buses");
    exchange.db.transaction((tx) => {
      tx.update(ideas).set({ title: "Walking buses v2", updatedAt: new Date() }).where(eq(ideas.id, id)).run();
      enqueueSearchSync(tx, "ideas", [id]);
    });
    exchange.db.transaction((tx) => {
      tx.update(ideas).set({ title: "Walking school buses", updatedAt: new Date() }).where(eq(ideas.id, id)).run();
      enqueueSearchSync(tx, "ideas", [id]);
    });
    const result = await relayOutboxBatch(exchange.db, exchange.meili);
    expect(result).toMatchObject({ applied: 2, failed: 0 });
    expect((await ideaIndex().getDocument(id)).title).toBe("Walking school buses");
  });
});
