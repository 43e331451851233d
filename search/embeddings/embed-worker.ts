// Child-process entry of process-embedder.ts: holds the model and answers embed requests over
// IPC, so the model's memory is never in the app's heap. Exits when its parent goes away.
import { loadUseLite } from "./use-lite";

type Request = { id: number; texts: string[] };

const modelReady = loadUseLite();
modelReady.then(
  () => process.send?.({ ready: true }),
  (error: unknown) => {
    process.send?.({ fatal: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);

// One request at a time: the model is CPU-bound, so a queue keeps latency predictable.
let queue = Promise.resolve();
process.on("message", (request: Request) => {
  queue = queue.then(async () => {
    try {
      const model = await modelReady;
      const vectors = await model.embed(request.texts);
      process.send?.({ id: request.id, vectors });
    } catch (error) {
      process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
process.on("disconnect", () => process.exit(0));
