// Drift between SQLite and Meilisearch is found (count and content hash) and repaired
// through the outbox; backups are complete SQLite files that restore cleanly.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideas } from "../../db/schema";
import { backupDatabase, checkBackupFile, restoreDatabaseFile } from "../../db/backup";
import { drainOutbox } from "../../search/outbox-relay";
import { driftCount, findDrift, reconcile } from "../../search/reconcile";
import Database from "better-sqlite3";
import { idea, ideaIdBySlug, ideaItems, importIdeasAndSync, makeDataDir, openTestExchange, type TestExchange } from "./helpers";

let exchange: TestExchange;
const scratch = makeDataDir("exchange-backup");

beforeAll(async () => {
  exchange = await openTestExchange();
  await importIdeasAndSync(
    exchange,
    ideaItems(["alpha-scheme", "beta-scheme", "gamma-scheme"].map((slug) => idea({ slug, title: `The ${slug.split("-")[0]} scheme` }))),
  );
});

afterAll(async () => {
  await exchange?.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("reconcile", () => {
  it("finds no drift when the index matches", async () => {
    const drift = await findDrift(exchange.db, exchange.meili, "ideas");
    expect(drift).toMatchObject({ databaseCount: 3, indexCount: 3, missing: [], stale: [], extra: [] });
  });

  it("finds missing, stale and extra documents and repairs them", async () => {
    const alpha = ideaIdBySlug(exchange.db, "alpha-scheme");
    const beta = ideaIdBySlug(exchange.db, "beta-scheme");
    // Changes that bypass the outbox, as a crash or a manual edit would leave them.
    exchange.db.update(ideas).set({ title: "Renamed without the outbox" }).where(eq(ideas.id, alpha)).run();
    await exchange.meili.index("ideas").deleteDocument(beta).waitTask();
    await exchange.meili
      .index("ideas")
      .addDocuments([{ id: 9999, slug: "ghost", title: "Ghost", status: "published", _vectors: { use: null } }])
      .waitTask();

    const drift = await findDrift(exchange.db, exchange.meili, "ideas");
    expect(drift.stale).toEqual([alpha]);
    expect(drift.missing).toEqual([beta]);
    expect(drift.extra).toEqual([9999]);

    await reconcile(exchange.db, exchange.meili);
    await drainOutbox(exchange.db, exchange.meili, { timeoutMs: 30_000 });
    expect(driftCount(await findDrift(exchange.db, exchange.meili, "ideas"))).toBe(0);
    const hit = await exchange.meili.index("ideas").getDocument(alpha);
    expect(hit.title).toBe("Renamed without the outbox");
  });
});

describe("backup and restore", () => {
  it("writes a complete backup that passes the restore check", async () => {
    const file = path.join(scratch, "backup.sqlite");
    await backupDatabase(exchange.db, file);
    expect(checkBackupFile(file)).toBeNull();
    const copy = new Database(file, { readonly: true });
    expect((copy.prepare("select count(*) as n from ideas").get() as { n: number }).n).toBe(3);
    copy.close();
  });

  it("refuses files that are not exchange backups", () => {
    const notSqlite = path.join(scratch, "notes.txt");
    fs.writeFileSync(notSqlite, "hello");
    expect(checkBackupFile(notSqlite)).toMatch(/not a SQLite database/);
    const otherDb = path.join(scratch, "other.sqlite");
    new Database(otherDb).exec("create table t (x)");
    expect(checkBackupFile(otherDb)).toMatch(/not an exchange backup/);
    expect(checkBackupFile(path.join(scratch, "missing.sqlite"))).toMatch(/does not exist/);
  });

  it("restores into an empty data directory", () => {
    const target = path.join(scratch, "restored");
    restoreDatabaseFile(path.join(scratch, "backup.sqlite"), target);
    const restored = new Database(path.join(target, "exchange.sqlite"), { readonly: true });
    expect((restored.prepare("select count(*) as n from ideas").get() as { n: number }).n).toBe(3);
    restored.close();
  });
});
