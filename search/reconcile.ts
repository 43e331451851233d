// Compares each index with SQLite (document count and a per-document content hash) and
// repairs drift by enqueueing outbox rows: the relay then reloads each row and upserts or
// deletes its document, exactly as for any other change.
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../db/client";
import type { SearchIndexName } from "../db/schema";
import { documentHash } from "./documents";
import { enqueueSearchSync } from "./outbox";
import { outboxLag } from "./outbox-relay";
import { documentBatches } from "./reindex";

const YIELD_EVERY = 250;

export type IndexDrift = {
  indexName: SearchIndexName;
  databaseCount: number;
  indexCount: number;
  missing: number[];
  stale: number[];
  extra: number[];
};

export { documentHash };

/** Each indexed document's stored content hash ("" when it has none: indexed before hashes were stored). */
async function indexHashes(client: Meilisearch, indexName: SearchIndexName): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  const limit = 5000;
  for (let offset = 0; ; offset += limit) {
    const page = await client.index(indexName).getDocuments<{ id: number; contentHash?: string }>({ fields: ["id", "contentHash"], limit, offset });
    for (const document of page.results) hashes.set(Number(document.id), typeof document.contentHash === "string" ? document.contentHash : "");
    if (page.results.length < limit) break;
  }
  return hashes;
}

export async function findDrift(db: ExchangeDb, client: Meilisearch, indexName: SearchIndexName): Promise<IndexDrift> {
  const inIndex = await indexHashes(client, indexName);
  const missing: number[] = [];
  const stale: number[] = [];
  let databaseCount = 0;
  const seen = new Set<number>();
  // Small batches with a turn of the event loop between them: building and hashing 5,000
  // documents at once blocked the app for over 2 s at 20,000 ideas (bench, boot pass).
  for (const documents of documentBatches(db, indexName, YIELD_EVERY)) {
    await new Promise((resolve) => setImmediate(resolve));
    for (const document of documents) {
      databaseCount++;
      seen.add(document.id);
      const indexed = inIndex.get(document.id);
      if (indexed === undefined) missing.push(document.id);
      else if (indexed !== document.contentHash) stale.push(document.id);
    }
  }
  const extra = [...inIndex.keys()].filter((id) => !seen.has(id));
  return { indexName, databaseCount, indexCount: inIndex.size, missing, stale, extra };
}

export function driftCount(drift: IndexDrift): number {
  return drift.missing.length + drift.stale.length + drift.extra.length;
}

/** Enqueues a sync of every drifted document; returns how many were enqueued. */
export function repairDrift(db: ExchangeDb, drift: IndexDrift): number {
  const ids = [...drift.missing, ...drift.stale, ...drift.extra];
  if (!ids.length) return 0;
  db.transaction((tx) => enqueueSearchSync(tx, drift.indexName, ids));
  return ids.length;
}

export async function reconcile(db: ExchangeDb, client: Meilisearch): Promise<IndexDrift[]> {
  const drifts: IndexDrift[] = [];
  for (const indexName of ["ideas", "needs"] as const) {
    const drift = await findDrift(db, client, indexName);
    repairDrift(db, drift);
    drifts.push(drift);
  }
  return drifts;
}

/** Reconciles soon after start and then on an interval; repairs go through the outbox. */
export function startReconcileSchedule(
  db: ExchangeDb,
  client: Meilisearch,
  options: { intervalMs: number; firstRunMs?: number; log?: (message: string) => void; onRepair?: () => void },
): { stop: () => void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // While the outbox has work, the index is expected to lag; reconcile once it is applied.
      if (outboxLag(db).pending > 0) return;
      const drifts = await reconcile(db, client);
      const repaired = drifts.reduce((sum, drift) => sum + driftCount(drift), 0);
      if (repaired) {
        options.log?.(`reconcile: repairing ${repaired} drifted search document(s)`);
        options.onRepair?.();
      }
    } catch (error) {
      options.log?.(`reconcile: skipped (${error instanceof Error ? error.message : error})`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, options.firstRunMs ?? 2000);
  const interval = setInterval(run, options.intervalMs);
  first.unref();
  interval.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
