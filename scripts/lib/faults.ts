// Shared by the fault tests and `npm run soak`: find and kill the processes behind an
// exchange, and wait (bounded) until the outbox has been applied.
import fs from "node:fs";
import path from "node:path";
import type { ExchangeDb } from "../../db/client";
import { isMeiliHealthy } from "../../search/client";
import { outboxLag } from "../../search/outbox-relay";

export function meiliPid(dataDir: string): number {
  return (JSON.parse(fs.readFileSync(path.join(dataDir, "meili", "server.json"), "utf8")) as { pid: number }).pid;
}

/** Descendants of a process, read from /proc (Linux). */
export function descendantPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) pids.push(Number(entry), ...descendantPids(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** SIGKILLs a process and everything it started (found first, before they are orphaned). */
export function killTree(pid: number): void {
  for (const target of [pid, ...descendantPids(pid)]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export async function waitForEmptyOutbox(db: ExchangeDb, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (outboxLag(db).pending > 0) {
    if (Date.now() > deadline) throw new Error(`outbox still has ${outboxLag(db).pending} pending rows after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits (bounded) until the watchdog has replaced a killed Meilisearch with a healthy one. */
export async function waitForMeiliRestart(dataDir: string, killedPid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const state = JSON.parse(fs.readFileSync(path.join(dataDir, "meili", "server.json"), "utf8")) as { pid: number; host: string };
      if (state.pid !== killedPid && (await isMeiliHealthy(state.host))) return;
    } catch {
      // the state file is being rewritten
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch was not restarted within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
