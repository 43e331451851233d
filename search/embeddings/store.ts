// The embeddings table: vectors addressed by model and text hash (db/schema.ts `embeddings`).
import { and, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { embeddings } from "../../db/schema";
import type { Embedder } from "./embedder";
import { textHash } from "./texts";
import { bufferToVector, vectorToBuffer } from "./vectors";

const HASHES_PER_STATEMENT = 500;

export function readEmbeddings(db: ExchangeDb, model: string, hashes: readonly string[]): Map<string, Float32Array> {
  const found = new Map<string, Float32Array>();
  const unique = [...new Set(hashes)];
  for (let start = 0; start < unique.length; start += HASHES_PER_STATEMENT) {
    const rows = db
      .select({ textHash: embeddings.textHash, vector: embeddings.vector })
      .from(embeddings)
      .where(and(eq(embeddings.model, model), inArray(embeddings.textHash, unique.slice(start, start + HASHES_PER_STATEMENT))))
      .all();
    for (const row of rows) found.set(row.textHash, bufferToVector(row.vector));
  }
  return found;
}

type Tx = Pick<ExchangeDb, "insert">;

export function writeEmbeddings(tx: Tx, model: string, entries: readonly { hash: string; vector: Float32Array }[]): void {
  for (let start = 0; start < entries.length; start += HASHES_PER_STATEMENT) {
    const rows = entries.slice(start, start + HASHES_PER_STATEMENT).map((entry) => ({
      model,
      textHash: entry.hash,
      vector: vectorToBuffer(entry.vector),
      dimensions: entry.vector.length,
    }));
    tx.insert(embeddings).values(rows).onConflictDoNothing().run();
  }
}

/** Vectors for these texts: read from the table where present, embedded and stored where not. */
export async function embedCached(db: ExchangeDb, embedder: Embedder, texts: readonly string[]): Promise<Float32Array[]> {
  const hashes = texts.map(textHash);
  const known = readEmbeddings(db, embedder.model, hashes);
  const missing = [...new Set(hashes.filter((hash) => !known.has(hash)))];
  if (missing.length) {
    const textOf = new Map(hashes.map((hash, i) => [hash, texts[i]]));
    const vectors = await embedder.embed(missing.map((hash) => textOf.get(hash)!));
    const entries = missing.map((hash, i) => ({ hash, vector: vectors[i] }));
    writeEmbeddings(db, embedder.model, entries);
    for (const entry of entries) known.set(entry.hash, entry.vector);
  }
  return hashes.map((hash) => known.get(hash)!);
}
