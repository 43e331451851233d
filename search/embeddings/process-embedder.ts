// The app's embedder: the shipped model in a child process, started on the first request and
// stopped after a while idle, so the app's own memory stays small and a model crash never takes
// the site down (the next request starts a new child). Requests wait while the model loads.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EmbedderUnavailableError, SHIPPED_MODEL, type Embedder } from "./embedder";

export type ProcessEmbedderOptions = {
  /** Stop the child after this long without requests (0: never). */
  idleMs?: number;
  /** Fail a request that takes longer than this (the first one includes loading the model). */
  timeoutMs?: number;
  /** The worker script (findWorker by default). */
  workerPath?: string;
};

type Pending = { resolve: (vectors: Float32Array[]) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

const WORKER = "search/embeddings/embed-worker.ts";

/**
 * The worker script: under the working directory (the project root for `npm start` and the
 * CLI), else under a directory above this module (the built server bundle, wherever it runs from).
 */
export function findWorker(): string {
  const candidates = [path.resolve(WORKER)];
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    candidates.push(path.join(dir, WORKER), path.join(dir, path.basename(WORKER)));
    dir = path.dirname(dir);
  }
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

export function createProcessEmbedder(options: ProcessEmbedderOptions = {}): Embedder & { readonly running: boolean; readonly pid: number | undefined } {
  const idleMs = options.idleMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const workerPath = options.workerPath ?? findWorker();
  let child: ChildProcess | null = null;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | null = null;
  const pending = new Map<number, Pending>();

  function failAll(error: Error) {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      request.reject(error);
      pending.delete(id);
    }
  }

  function start(): ChildProcess {
    const started = fork(workerPath, [], {
      execArgv: ["--import", "tsx"],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    started.stderr?.on("data", (chunk) => {
      stderr = (stderr + String(chunk)).slice(-2000);
    });
    started.on("message", (message: { id?: number; vectors?: Float32Array[]; error?: string; fatal?: string }) => {
      if (message.fatal) return failAll(new EmbedderUnavailableError(message.fatal));
      if (message.id === undefined) return;
      const request = pending.get(message.id);
      if (!request) return;
      pending.delete(message.id);
      clearTimeout(request.timer);
      if (message.error || !message.vectors) request.reject(new EmbedderUnavailableError(message.error ?? "no vectors"));
      else request.resolve(message.vectors.map((vector) => Float32Array.from(vector)));
    });
    started.on("exit", (code, signal) => {
      if (child === started) child = null;
      failAll(new EmbedderUnavailableError(`the model process ended (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split("\n").pop()}` : ""}`));
    });
    started.on("error", (error) => failAll(new EmbedderUnavailableError(error.message)));
    return started;
  }

  function armIdleTimer() {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!idleMs) return;
    idleTimer = setTimeout(() => {
      if (!pending.size && child) {
        child.kill();
        child = null;
      }
    }, idleMs);
    idleTimer.unref();
  }

  return {
    ...SHIPPED_MODEL,
    get running() {
      return child !== null;
    },
    get pid() {
      return child?.pid;
    },
    embed(texts) {
      if (!texts.length) return Promise.resolve([]);
      child ??= start();
      const worker = child;
      const id = nextId++;
      return new Promise<Float32Array[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new EmbedderUnavailableError(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        worker.send({ id, texts: [...texts] });
      }).finally(armIdleTimer);
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      const worker = child;
      child = null;
      if (!worker) return;
      await new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.kill();
        setTimeout(resolve, 2000).unref();
      });
    },
  };
}
