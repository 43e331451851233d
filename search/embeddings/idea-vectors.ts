// Ideas' vectors: computed for published ideas whose text has none yet (a background pass, so
// publishing and search never wait for the model), and attached to their search documents as
// Meilisearch `userProvided` embeddings. A new vector enqueues the idea's outbox row in the same
// transaction, so the relay re-sends the document with it, as for any other change.
import { and, asc, eq, gt, gte } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideas } from "../../db/schema";
import type { IdeaDocument } from "../documents";
import { enqueueSearchSync } from "../outbox";
import { MEILI_EMBEDDER, SHIPPED_MODEL, type Embedder } from "./embedder";
import { readEmbeddings, writeEmbeddings } from "./store";
import { ideaEmbeddingText, textHash } from "./texts";

const PAGE = 1000;
const BATCH = 16;

export type IdeaVectorFields = { embedding: string | null; _vectors: Record<string, number[] | null> };

/** The documents with their vectors (`embedding` names the vector's text hash, so a new vector changes the content hash). */
export function withIdeaVectors<T extends IdeaDocument>(db: ExchangeDb, documents: T[], model: string = SHIPPED_MODEL.model): (T & IdeaVectorFields)[] {
  const hashes = documents.map((document) => textHash(ideaEmbeddingText(document)));
  const vectors = readEmbeddings(db, model, hashes);
  return documents.map((document, i) => {
    const vector = vectors.get(hashes[i]);
    return { ...document, embedding: vector ? `${model}:${hashes[i]}` : null, _vectors: { [MEILI_EMBEDDER]: vector ? Array.from(vector) : null } };
  });
}

export type EmbedIdeasResult = { embedded: number; checked: number; ms: number };

/**
 * Embeds every published idea (updated at or after `since`, when given) whose text has no
 * vector for the embedder's model, in batches, and enqueues their documents.
 */
export async function embedIdeas(
  db: ExchangeDb,
  embedder: Embedder,
  options: { since?: Date; onProgress?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<EmbedIdeasResult> {
  const started = performance.now();
  let after = 0;
  let checked = 0;
  let embedded = 0;
  for (;;) {
    if (options.signal?.aborted) break;
    const filters = [gt(ideas.id, after), eq(ideas.status, "published")];
    if (options.since) filters.push(gte(ideas.updatedAt, options.since));
    const page = db
      .select({ id: ideas.id, title: ideas.title, summary: ideas.summary, problem: ideas.problem, solution: ideas.solution, tags: ideas.tags })
      .from(ideas)
      .where(and(...filters))
      .orderBy(asc(ideas.id))
      .limit(PAGE)
      .all();
    if (!page.length) break;
    after = page[page.length - 1].id;
    checked += page.length;
    const texts = page.map((row) => ideaEmbeddingText(row));
    const hashes = texts.map(textHash);
    const known = readEmbeddings(db, embedder.model, hashes);
    const missing = page.map((row, i) => ({ id: row.id, text: texts[i], hash: hashes[i] })).filter((entry) => !known.has(entry.hash));
    for (let start = 0; start < missing.length; start += BATCH) {
      if (options.signal?.aborted) break;
      const batch = missing.slice(start, start + BATCH);
      const vectors = await embedder.embed(batch.map((entry) => entry.text));
      db.transaction((tx) => {
        writeEmbeddings(
          tx,
          embedder.model,
          batch.map((entry, i) => ({ hash: entry.hash, vector: vectors[i] })),
        );
        enqueueSearchSync(
          tx,
          "ideas",
          batch.map((entry) => entry.id),
        );
      });
      embedded += batch.length;
      options.onProgress?.(embedded);
    }
  }
  return { embedded, checked, ms: performance.now() - started };
}

export type IdeaEmbeddingSchedule = { kick: () => void; stop: () => Promise<void>; idle: () => Promise<void> };

/**
 * Runs `embedIdeas` now and then every `intervalMs` (and on `kick`), each pass after the
 * first reading only ideas updated since the previous pass began. Failures (the model could
 * not load) are logged and retried on the next pass; nothing else depends on them.
 */
export function startIdeaEmbedding(
  db: ExchangeDb,
  embedder: Embedder,
  options: { intervalMs?: number; log?: (message: string) => void; onEmbedded?: () => void } = {},
): IdeaEmbeddingSchedule {
  const intervalMs = options.intervalMs ?? 30_000;
  const controller = new AbortController();
  let since: Date | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let lastError = "";

  const pass = async () => {
    const passStarted = new Date(Date.now() - 1000);
    try {
      const result = await embedIdeas(db, embedder, { since, signal: controller.signal });
      since = passStarted;
      lastError = "";
      if (result.embedded) {
        options.log?.(`Embedded ${result.embedded} idea(s) in ${(result.ms / 1000).toFixed(1)} s`);
        options.onEmbedded?.();
      }
    } catch (error) {
      // Stopping ends the model's process under a running pass: not a failure to report.
      if (controller.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastError) options.log?.(`Idea embeddings: ${message} (retrying)`);
      lastError = message;
    }
  };
  const run = () => {
    if (controller.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
      if (again) {
        again = false;
        run();
      }
    });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    kick: run,
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}
