// The processes the bench starts and watches: the production app server, the exchange CLI,
// and the Meilisearch server the app runs for its DATA_DIR. Everything listens on loopback.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EventLoopStats } from "../scripts/lib/event-loop-monitor";
import { freePort } from "../scripts/lib/free-port";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number | undefined): { rssMiB: number; peakMiB: number } | null {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: Math.round(kib("VmRSS") / 1024), peakMiB: Math.round(kib("VmHWM") / 1024) };
  } catch {
    return null;
  }
}

/** Tracks the highest RSS seen of some processes, sampling every `everyMs`. */
export function watchMemory(pids: () => (number | undefined)[], everyMs = 250) {
  const peak = new Map<number, number>();
  const timer = setInterval(() => {
    for (const pid of pids()) {
      const memory = memoryOf(pid);
      if (pid && memory) peak.set(pid, Math.max(peak.get(pid) ?? 0, memory.rssMiB));
    }
  }, everyMs);
  timer.unref();
  return { peakOf: (pid: number | undefined) => (pid ? (peak.get(pid) ?? null) : null), stop: () => clearInterval(timer) };
}

const clockTicks = 100; // USER_HZ on Linux

/** CPU seconds of a process, or of its main thread only (the profiler's sampling thread aside). */
function processCpuSeconds(pid: number, mainThreadOnly = false): number {
  try {
    const fields = fs
      .readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8")
      .split(") ")[1]
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime + stime
  } catch {
    return 0;
  }
}

function machineBusySeconds(): number {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1).map(Number);
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = cpu;
  return (user + nice + system + irq + softirq + steal) / clockTicks;
}

/**
 * CPU used during a phase by our processes and by everything else on the machine (other
 * people's test runs on a shared box), as a share of all cores.
 */
export function cpuMeter(pids: () => (number | undefined)[]) {
  const ours = () => pids().reduce<number>((sum, pid) => sum + (pid ? processCpuSeconds(pid) : 0), 0);
  const start = { wall: performance.now(), busy: machineBusySeconds(), ours: ours() };
  return () => {
    const seconds = (performance.now() - start.wall) / 1000;
    const capacity = seconds * os.cpus().length;
    const busy = machineBusySeconds() - start.busy;
    const mine = ours() - start.ours;
    const percent = (value: number) => Math.round((Math.max(0, value) / capacity) * 1000) / 10;
    return { benchPercent: percent(mine), otherPercent: percent(busy - mine), loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100 };
  };
}

/**
 * Waits until a process has used under `maxPercent` of one core for `quietSeconds` in a row
 * (bounded by `timeoutMs`); returns how long that took. The app reconciles its search index
 * with SQLite right after boot, and measurements must not start during that pass.
 */
export async function waitUntilQuiet(
  pid: number,
  options: { maxPercent?: number; quietSeconds?: number; minimumMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  // The boot pass starts 2 s after boot: do not take the quiet moment before it for the end.
  const earliest = Date.now() + (options.minimumMs ?? 6000);
  let quiet = 0;
  // The main thread only: with --profile, V8's sampling thread alone kept the process over 5%.
  let last = processCpuSeconds(pid, true);
  while ((quiet < (options.quietSeconds ?? 3) || Date.now() < earliest) && Date.now() < deadline) {
    await sleep(1000);
    const now = processCpuSeconds(pid, true);
    quiet = (now - last) * 100 < (options.maxPercent ?? 5) ? quiet + 1 : 0;
    last = now;
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

export type AppServer = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** The app's event-loop delay since the last reset (scripts/lib/event-loop-monitor.ts, over IPC). */
  eventLoop: (options?: { reset?: boolean }) => Promise<EventLoopStats>;
  stop: () => Promise<void>;
};

/** Starts `scripts/start.ts` (the `npm start` server) in production mode, without building. */
export async function startApp(options: { dataDir: string; env?: Record<string, string>; nodeArgs?: string[]; logFile: string }): Promise<AppServer> {
  const port = await freePort();
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      SKIP_BUILD: "1",
      DATA_DIR: options.dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      DEMO_DATA: "0",
      COOKIE_SECURE: "0",
      ...options.env,
    },
    stdio: ["ignore", log, log, "ipc"],
  });
  fs.closeSync(log);
  let nextId = 0;
  const eventLoop = (request: { reset?: boolean } = {}) =>
    new Promise<EventLoopStats>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => reject(new Error("The app did not report its event loop within 10 s")), 10_000);
      const onMessage = (message: { type?: string; id?: number; stats?: EventLoopStats }) => {
        if (message?.type !== "event-loop-stats" || message.id !== id || !message.stats) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve(message.stats);
      };
      child.on("message", onMessage);
      child.send({ type: "event-loop-stats", id, reset: request.reset ?? true });
    });
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`The app exited with code ${exited} on start; see ${options.logFile}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app did not answer within 60 s; see ${options.logFile}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const stop = async () => {
    if (exited !== null) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await gone;
    clearTimeout(timer);
  };
  return { url, pid: child.pid!, child, eventLoop, stop };
}

export type CliRun = { pid: number; done: Promise<{ code: number; seconds: number; output: string }>; kill: () => void };

/** Runs the exchange CLI (`npm run exchange -- ...`) on the bench's DATA_DIR. */
export function runCli(args: string[], options: { dataDir: string; timeoutMs: number }): CliRun {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/exchange.ts", ...args], {
    env: { ...process.env, NODE_ENV: "production", DATA_DIR: options.dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const done = new Promise<{ code: number; seconds: number; output: string }>((resolve) => {
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), seconds: (performance.now() - started) / 1000, output });
    });
  });
  return { pid: child.pid!, done, kill: () => child.kill("SIGKILL") };
}

export function meiliPid(dataDir: string): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, "meili", "server.json"), "utf8")) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
