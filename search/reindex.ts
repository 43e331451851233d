// Rebuilds an index from SQLite into a fresh index, then swaps it in so searches never
// see a half-built index.
import { asc, gt } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../db/client";
import { ideas, needs, type SearchIndexName } from "../db/schema";
import { needToDocument, withContentHash } from "./documents";
import { ideaSearchDocuments } from "./idea-documents";
import { applyIndexSettings, ensureIndexes } from "./settings";

const BATCH = 5000;

export function* documentBatches(db: ExchangeDb, indexName: SearchIndexName, size = BATCH) {
  let after = 0;
  for (;;) {
    if (indexName === "needs") {
      const rows = db.select().from(needs).where(gt(needs.id, after)).orderBy(asc(needs.id)).limit(size).all();
      if (!rows.length) return;
      after = rows[rows.length - 1].id;
      yield rows.map((row) => withContentHash(needToDocument(row)));
    } else {
      const rows = db.select().from(ideas).where(gt(ideas.id, after)).orderBy(asc(ideas.id)).limit(size).all();
      if (!rows.length) return;
      after = rows[rows.length - 1].id;
      yield ideaSearchDocuments(db, rows);
    }
  }
}

export async function reindex(db: ExchangeDb, client: Meilisearch, indexName: SearchIndexName, onProgress?: (documents: number) => void): Promise<number> {
  await ensureIndexes(client);
  const temporary = `${indexName}_reindex`;
  await client.deleteIndexIfExists(temporary);
  await client.createIndex(temporary, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
  if (!(await applyIndexSettings(client, indexName, temporary))) throw new Error(`The fresh index ${temporary} refused its settings`);
  let total = 0;
  let pending: { id: number; contentHash: string }[] = [];
  const send = async () => {
    const task = await client.index(temporary).addDocuments(pending, { primaryKey: "id" }).waitTask({ timeout: 600_000 });
    if (task.status !== "succeeded") throw new Error(`Reindex of ${indexName} failed: ${task.error?.message}`);
    total += pending.length;
    pending = [];
    onProgress?.(total);
  };
  // Documents are built in small batches with a turn of the event loop between them (a
  // rebuild runs inside the app when index settings change), and sent BATCH at a time.
  for (const documents of documentBatches(db, indexName, 250)) {
    pending = pending.concat(documents);
    if (pending.length >= BATCH) await send();
    else await new Promise((resolve) => setImmediate(resolve));
  }
  if (pending.length) await send();
  const swap = await client.swapIndexes([{ indexes: [indexName, temporary], rename: false }]).waitTask({ timeout: 60_000 });
  if (swap.status !== "succeeded") throw new Error(`Swapping ${temporary} into ${indexName} failed: ${swap.error?.message}`);
  await client.deleteIndex(temporary).waitTask({ timeout: 60_000 });
  return total;
}
