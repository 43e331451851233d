// Applies pending outbox rows to Meilisearch. Each document is reloaded from SQLite when
// relayed, so upserts are idempotent and the order of rows does not matter; a row is marked
// done only after Meilisearch reports its task succeeded.
import { and, asc, count, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Meilisearch, Task } from "meilisearch";
import type { ExchangeDb } from "../db/client";
import { caseStudies, ideas, needs, searchOutbox, type CaseStudyRow, type OutboxRow, type SearchIndexName } from "../db/schema";
import { ideaToDocument, needToDocument } from "./documents";

export type RelayResult = { applied: number; failed: number; error?: string };

const TASK_TIMEOUT_MS = 120_000;

export function backoffMs(attempts: number): number {
  return Math.min(60_000, 500 * 2 ** Math.max(0, attempts - 1));
}

function assertSucceeded(task: Task): void {
  if (task.status !== "succeeded") throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? "no detail"}`);
}

function loadDocuments(db: ExchangeDb, indexName: SearchIndexName, ids: number[]) {
  if (indexName === "needs") {
    const rows = db.select().from(needs).where(inArray(needs.id, ids)).all();
    return rows.map(needToDocument);
  }
  const rows = db.select().from(ideas).where(inArray(ideas.id, ids)).all();
  const studies = db
    .select()
    .from(caseStudies)
    .where(inArray(caseStudies.ideaId, ids))
    .orderBy(asc(caseStudies.ideaId), asc(caseStudies.position))
    .all();
  const byIdea = new Map<number, CaseStudyRow[]>();
  for (const study of studies) byIdea.set(study.ideaId, [...(byIdea.get(study.ideaId) ?? []), study]);
  return rows.map((row) => ideaToDocument(row, byIdea.get(row.id) ?? []));
}

async function applyToIndex(db: ExchangeDb, client: Meilisearch, indexName: SearchIndexName, ids: number[]): Promise<void> {
  const documents = loadDocuments(db, indexName, ids);
  const present = new Set(documents.map((document) => document.id));
  const removed = ids.filter((id) => !present.has(id));
  const index = client.index(indexName);
  if (documents.length) assertSucceeded(await index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
  if (removed.length) assertSucceeded(await index.deleteDocuments(removed).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

export function pendingOutboxRows(db: ExchangeDb, limit: number, now = Date.now()): OutboxRow[] {
  return db
    .select()
    .from(searchOutbox)
    .where(and(isNull(searchOutbox.doneAt), or(isNull(searchOutbox.nextAttemptAt), lte(searchOutbox.nextAttemptAt, new Date(now)))))
    .orderBy(asc(searchOutbox.id))
    .limit(limit)
    .all();
}

export function outboxLag(db: ExchangeDb): { pending: number; oldestCreatedAt: Date | null } {
  const [row] = db.select({ pending: count() }).from(searchOutbox).where(isNull(searchOutbox.doneAt)).all();
  const [oldest] = db
    .select({ createdAt: searchOutbox.createdAt })
    .from(searchOutbox)
    .where(isNull(searchOutbox.doneAt))
    .orderBy(asc(searchOutbox.id))
    .limit(1)
    .all();
  return { pending: row?.pending ?? 0, oldestCreatedAt: oldest?.createdAt ?? null };
}

/** Relays one batch of due outbox rows. Never throws: failures are recorded for a later retry. */
export async function relayOutboxBatch(db: ExchangeDb, client: Meilisearch, batchSize = 2000): Promise<RelayResult> {
  const rows = pendingOutboxRows(db, batchSize);
  if (!rows.length) return { applied: 0, failed: 0 };
  const byIndex = new Map<SearchIndexName, OutboxRow[]>();
  for (const row of rows) byIndex.set(row.indexName, [...(byIndex.get(row.indexName) ?? []), row]);
  let applied = 0;
  let failed = 0;
  let lastError: string | undefined;
  for (const [indexName, indexRows] of byIndex) {
    const rowIds = indexRows.map((row) => row.id);
    try {
      await applyToIndex(db, client, indexName, [...new Set(indexRows.map((row) => row.documentId))]);
      db.update(searchOutbox).set({ doneAt: new Date() }).where(inArray(searchOutbox.id, rowIds)).run();
      applied += indexRows.length;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      failed += indexRows.length;
      const now = Date.now();
      db.transaction((tx) => {
        for (const row of indexRows) {
          tx.update(searchOutbox)
            .set({ attempts: row.attempts + 1, lastError, nextAttemptAt: new Date(now + backoffMs(row.attempts + 1)) })
            .where(eq(searchOutbox.id, row.id))
            .run();
        }
      });
    }
  }
  return { applied, failed, error: lastError };
}

/** Relays until nothing is pending (used by the CLI so imports are searchable when it returns). */
export async function drainOutbox(
  db: ExchangeDb,
  client: Meilisearch,
  options: { timeoutMs?: number; onProgress?: (applied: number) => void } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let total = 0;
  while (outboxLag(db).pending > 0) {
    const result = await relayOutboxBatch(db, client);
    total += result.applied;
    options.onProgress?.(total);
    if (Date.now() > deadline) throw new Error(`Search sync did not finish in time: ${result.error ?? "still pending"}`);
    if (result.applied === 0) await new Promise((resolve) => setTimeout(resolve, result.failed ? 250 : 50));
  }
}

export type OutboxRelay = { kick: () => void; stop: () => Promise<void> };

/** Runs the relay in the background: on a kick after each write, and on an interval as a safety net. */
export function startOutboxRelay(
  db: ExchangeDb,
  client: Meilisearch,
  options: { intervalMs?: number; log?: (message: string) => void } = {},
): OutboxRelay {
  const intervalMs = options.intervalMs ?? 1000;
  let running = true;
  let wake: (() => void) | null = null;
  let lastLoggedError: string | undefined;
  const loop = (async () => {
    while (running) {
      let result: RelayResult = { applied: 0, failed: 0 };
      try {
        result = await relayOutboxBatch(db, client);
      } catch (error) {
        result = { applied: 0, failed: 1, error: error instanceof Error ? error.message : String(error) };
      }
      if (result.error && result.error !== lastLoggedError) options.log?.(`search sync: ${result.error} (will retry)`);
      lastLoggedError = result.error;
      if (result.applied > 0 && !result.failed) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    kick: () => wake?.(),
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}
