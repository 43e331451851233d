// search/meili-server.ts: one Meilisearch server per DATA_DIR, shared by everyone who
// asks for it and stopped when the last of them releases it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMeiliClient, isMeiliHealthy } from "../../search/client";
import { ensureMeiliServer, readOrCreateMasterKey, type MeiliConnection } from "../../search/meili-server";
import { makeDataDir } from "./helpers";

const dirs: string[] = [];
const held: MeiliConnection[] = [];

function dataDir(): string {
  const dir = makeDataDir("meili-server-test");
  dirs.push(dir);
  return dir;
}

async function connect(dir: string): Promise<MeiliConnection> {
  const connection = await ensureMeiliServer(dir);
  held.push(connection);
  return connection;
}

afterAll(async () => {
  // Releasing twice is harmless; this stops anything a failed test left running.
  for (const connection of held) await connection.release();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("ensureMeiliServer", () => {
  it("shares one server between connections and keeps it up until the last one is released", async () => {
    const dir = dataDir();
    const first = await connect(dir);
    const second = await connect(dir);
    expect(second.host).toBe(first.host);
    expect(second.apiKey).toBe(first.apiKey);
    expect(first.apiKey).toBe(readOrCreateMasterKey(dir));
    expect(await isMeiliHealthy(first.host)).toBe(true);

    await first.release();
    expect(await isMeiliHealthy(second.host)).toBe(true);
    // A released connection releasing again must not take the server from the other one.
    await first.release();
    expect(await isMeiliHealthy(second.host)).toBe(true);

    await second.release();
    expect(await isMeiliHealthy(second.host)).toBe(false);
    expect(fs.existsSync(path.join(dir, "meili", "server.json"))).toBe(false);
  });

  it("protects its data with the DATA_DIR's master key", async () => {
    const dir = dataDir();
    const connection = await connect(dir);
    await expect(createMeiliClient(connection.host, "not-the-key").getIndexes()).rejects.toThrow();
    await expect(createMeiliClient(connection.host, connection.apiKey).getIndexes()).resolves.toBeDefined();
    await connection.release();
  });

  it("runs a separate server per DATA_DIR, and restarts on the same data after a full stop", async () => {
    const dirA = dataDir();
    const dirB = dataDir();
    const [a, b] = await Promise.all([connect(dirA), connect(dirB)]);
    expect(a.host).not.toBe(b.host);
    await createMeiliClient(a.host, a.apiKey).createIndex("kept", { primaryKey: "id" }).waitTask();
    await Promise.all([a.release(), b.release()]);
    expect(await isMeiliHealthy(a.host)).toBe(false);

    const again = await connect(dirA);
    const index = await createMeiliClient(again.host, again.apiKey).getIndex("kept");
    expect(index.uid).toBe("kept");
    await again.release();
  });

  it("starts with a generated key that begins with a dash (it must not read as a flag)", async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, "meili-master-key"), "-Xdash-first-key-0123456789abcdef", { mode: 0o600 });
    const connection = await connect(dir);
    expect(connection.apiKey).toBe("-Xdash-first-key-0123456789abcdef");
    const health = await createMeiliClient(connection.host, connection.apiKey).getKeys();
    expect(health.results.length).toBeGreaterThan(0);
  });

  it("starts a fresh server when the recorded one is gone", async () => {
    const dir = dataDir();
    fs.mkdirSync(path.join(dir, "meili"), { recursive: true });
    // A state file left by a crashed run: its process and port are long gone.
    fs.writeFileSync(path.join(dir, "meili", "server.json"), JSON.stringify({ pid: 2 ** 22 + 7, host: "http://127.0.0.1:1" }));
    fs.writeFileSync(path.join(dir, "meili", "start.lock"), String(2 ** 22 + 7));
    const connection = await connect(dir);
    expect(connection.host).not.toBe("http://127.0.0.1:1");
    expect(await isMeiliHealthy(connection.host)).toBe(true);
    await connection.release();
    expect(await isMeiliHealthy(connection.host)).toBe(false);
  });
});
