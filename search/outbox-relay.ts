// Applies pending outbox rows to Meilisearch. Each document is reloaded from SQLite when
// relayed, so upserts are idempotent and the order of rows does not matter; a row is marked
// done only after Meilisearch reports its task succeeded.
//
// A relay claims the rows it takes by pushing their next attempt past the time it may need
// for them, so the app's relay and a CLI import draining at the same moment share the work
// instead of both indexing every document (measured: a 2,000-idea import under a running app
// sent 4,000 documents). If a relay dies holding rows, they become due again when its claim
// lapses.
import { and, asc, count, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Meilisearch, Task } from "meilisearch";
import { writeIfFree, writeWhenFree, type ExchangeDb, type LockWaiting } from "../db/client";
import { ideas, needs, searchOutbox, type OutboxRow, type SearchIndexName } from "../db/schema";
import { needToDocument, withContentHash } from "./documents";
import { ideaSearchDocuments } from "./idea-documents";

export type RelayResult = { applied: number; failed: number; error?: string };

const TASK_TIMEOUT_MS = 120_000;
/** Longer than a relay waits for a batch's task (see waitForTask). */
const CLAIM_MS = 2 * TASK_TIMEOUT_MS + 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(60_000, 500 * 2 ** Math.max(0, attempts - 1));
}

function assertSucceeded(task: Task): void {
  if (task.status !== "succeeded") throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? "no detail"}`);
}

/**
 * Polls a task, quickly at first and then every half second. The time limit runs while the
 * task is processing, within an overall limit for waiting behind the batch sent before it.
 * (The client's waitTask polls every 50 ms and adds an abort listener per poll, which warns
 * after ~75 s: a 10,000-idea batch into a large index.)
 */
async function waitForTask(client: Meilisearch, uid: number): Promise<Task> {
  const started = Date.now();
  let deadline = started + TASK_TIMEOUT_MS;
  for (let delay = 25; ; delay = Math.min(500, delay * 2)) {
    const task = await client.tasks.getTask(uid);
    if (task.status !== "enqueued" && task.status !== "processing") return task;
    if (task.status === "enqueued") deadline = Math.min(Date.now() + TASK_TIMEOUT_MS, started + 2 * TASK_TIMEOUT_MS);
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${uid} did not finish in time (${task.status})`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function loadDocuments(db: ExchangeDb, indexName: SearchIndexName, ids: number[]) {
  if (indexName === "needs") {
    const rows = db.select().from(needs).where(inArray(needs.id, ids)).all();
    return rows.map((row) => withContentHash(needToDocument(row)));
  }
  const rows = db.select().from(ideas).where(inArray(ideas.id, ids)).all();
  return ideaSearchDocuments(db, rows);
}

export function pendingOutboxRows(db: Pick<ExchangeDb, "select">, limit: number, now = Date.now()): OutboxRow[] {
  return db
    .select()
    .from(searchOutbox)
    .where(and(isNull(searchOutbox.doneAt), or(isNull(searchOutbox.nextAttemptAt), lte(searchOutbox.nextAttemptAt, new Date(now)))))
    .orderBy(asc(searchOutbox.id))
    .limit(limit)
    .all();
}

/** Takes up to `limit` due rows for this relay; other relays skip them until the claim lapses. */
function claimDueRows(db: ExchangeDb, limit: number, now = Date.now()): OutboxRow[] {
  // A plain read first: the usual answer is "nothing due", and it needs no write lock.
  if (!pendingOutboxRows(db, 1, now).length) return [];
  return db.transaction(
    (tx) => {
      const rows = pendingOutboxRows(tx, limit, now);
      if (rows.length) {
        tx.update(searchOutbox)
          .set({ nextAttemptAt: new Date(now + CLAIM_MS) })
          .where(
            inArray(
              searchOutbox.id,
              rows.map((row) => row.id),
            ),
          )
          .run();
      }
      return rows;
    },
    { behavior: "immediate" },
  );
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

// The CLI's relay waits for the write lock; the site's background relay never blocks on it (an
// import in another process would stall every request): it skips a claim while the lock is
// held and retries its bookkeeping later.
const write = async <T>(db: ExchangeDb, locking: LockWaiting, writeRows: () => T): Promise<T | null> =>
  locking === "wait" ? writeRows() : writeWhenFree(db, writeRows);

/** Claimed rows of one index, with the Meilisearch tasks enqueued for them (or why that failed). */
type SentGroup = { indexName: SearchIndexName; rows: OutboxRow[]; taskUids: number[]; error?: string };

/** Claims due rows, reloads their documents and enqueues them in Meilisearch, without waiting. */
async function sendBatch(db: ExchangeDb, client: Meilisearch, batchSize: number, locking: LockWaiting): Promise<SentGroup[]> {
  const rows = (locking === "wait" ? claimDueRows(db, batchSize) : writeIfFree(db, () => claimDueRows(db, batchSize))) ?? [];
  const byIndex = new Map<SearchIndexName, OutboxRow[]>();
  for (const row of rows) {
    const list = byIndex.get(row.indexName);
    if (list) list.push(row);
    else byIndex.set(row.indexName, [row]);
  }
  const groups: SentGroup[] = [];
  for (const [indexName, indexRows] of byIndex) {
    const group: SentGroup = { indexName, rows: indexRows, taskUids: [] };
    groups.push(group);
    try {
      const ids = [...new Set(indexRows.map((row) => row.documentId))];
      const documents = loadDocuments(db, indexName, ids);
      const present = new Set(documents.map((document) => document.id));
      const removed = ids.filter((id) => !present.has(id));
      const index = client.index(indexName);
      if (documents.length) group.taskUids.push((await index.addDocuments(documents, { primaryKey: "id" })).taskUid);
      if (removed.length) group.taskUids.push((await index.deleteDocuments(removed)).taskUid);
    } catch (error) {
      group.error = message(error);
    }
  }
  return groups;
}

/** Waits for a sent batch's tasks; marks its rows done, or failed with a back-off. Never throws. */
async function confirmBatch(db: ExchangeDb, client: Meilisearch, groups: SentGroup[], locking: LockWaiting): Promise<RelayResult> {
  let applied = 0;
  let failed = 0;
  let lastError: string | undefined;
  for (const group of groups) {
    const rowIds = group.rows.map((row) => row.id);
    try {
      if (group.error) throw new Error(group.error);
      for (const uid of group.taskUids) assertSucceeded(await waitForTask(client, uid));
      // Not marked (the lock stayed taken): the claim lapses and the rows are sent again, which is harmless.
      await write(db, locking, () => db.update(searchOutbox).set({ doneAt: new Date() }).where(inArray(searchOutbox.id, rowIds)).run());
      applied += group.rows.length;
    } catch (error) {
      lastError = message(error);
      failed += group.rows.length;
      const now = Date.now();
      try {
        await write(db, locking, () =>
          db.transaction((tx) => {
            for (const row of group.rows) {
              tx.update(searchOutbox)
                .set({ attempts: row.attempts + 1, lastError, nextAttemptAt: new Date(now + backoffMs(row.attempts + 1)) })
                .where(eq(searchOutbox.id, row.id))
                .run();
            }
          }),
        );
      } catch {
        // The claim lapses and the rows are retried then.
      }
    }
  }
  return { applied, failed, error: lastError };
}

/** Relays one batch of due outbox rows. Never throws: failures are recorded for a later retry. */
export async function relayOutboxBatch(db: ExchangeDb, client: Meilisearch, batchSize = 2000, locking: LockWaiting = "wait"): Promise<RelayResult> {
  let groups: SentGroup[];
  try {
    groups = await sendBatch(db, client, batchSize, locking);
  } catch (error) {
    return { applied: 0, failed: 0, error: message(error) };
  }
  if (!groups.length) return { applied: 0, failed: 0 };
  return confirmBatch(db, client, groups, locking);
}

/**
 * Relays until nothing is pending (used by the CLI so imports are searchable when it returns).
 * Two batches are kept in Meilisearch's queue, so it indexes one while the next is loaded and
 * sent; batches are enqueued in the order their documents were read, so a later read of a
 * document is never overwritten by an earlier one.
 */
export async function drainOutbox(
  db: ExchangeDb,
  client: Meilisearch,
  options: { timeoutMs?: number; onProgress?: (applied: number) => void; batchSize?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  // Bigger batches than the background relay: Meilisearch spent ~15% less CPU indexing 20,000
  // ideas in batches of 10,000 than of 2,000.
  const batchSize = options.batchSize ?? 10_000;
  const inFlight: Promise<RelayResult>[] = [];
  let total = 0;
  let lastError: string | undefined;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`Search sync did not finish in time: ${lastError ?? "still pending"}`);
    let groups: SentGroup[] = [];
    if (inFlight.length < 2) {
      try {
        groups = await sendBatch(db, client, batchSize, "wait");
      } catch (error) {
        // Claiming needs the write lock; another writer may hold it for a while.
        lastError = message(error);
      }
    }
    if (groups.length) {
      const size = groups.reduce((sum, group) => sum + group.rows.length, 0);
      inFlight.push(confirmBatch(db, client, groups, "wait").catch((error: unknown) => ({ applied: 0, failed: size, error: message(error) })));
      continue;
    }
    const next = inFlight.shift();
    if (next) {
      const result = await next;
      total += result.applied;
      if (result.error) lastError = result.error;
      options.onProgress?.(total);
      continue;
    }
    // Nothing in flight and nothing due: done, or rows are backing off or held by another relay.
    if (outboxLag(db).pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, lastError ? 250 : 50));
  }
}

export type OutboxRelay = { kick: () => void; stop: () => Promise<void> };

/** Runs the relay in the background: on a kick after each write, and on an interval as a safety net. */
export function startOutboxRelay(db: ExchangeDb, client: Meilisearch, options: { intervalMs?: number; log?: (message: string) => void } = {}): OutboxRelay {
  const intervalMs = options.intervalMs ?? 1000;
  let running = true;
  let wake: (() => void) | null = null;
  let lastLoggedError: string | undefined;
  const loop = (async () => {
    while (running) {
      let result: RelayResult = { applied: 0, failed: 0 };
      try {
        result = await relayOutboxBatch(db, client, undefined, "never-block");
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
