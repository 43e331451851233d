// The site's background writers (search relay, matching corpus indexer) never wait for another
// process's write lock: busy_timeout waits synchronously, so an import holding the lock would
// stall every request. They skip their turn, leave everything as it was, and catch up after.
import path from "node:path";
import Database from "better-sqlite3";
import { isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeIfFree, writeWhenFree } from "../../db/client";
import { searchOutbox } from "../../db/schema";
import { importIdeas } from "../../app/models/exchange-import.server";
import { indexCorpusChanges, pendingCorpusChanges } from "../../search/matching/corpus-index";
import { relayOutboxBatch } from "../../search/outbox-relay";
import { idea, ideaItems, openTestExchange, outboxRows, type TestExchange } from "./helpers";

let exchange: TestExchange;
/** Another process's connection to the same file, as `exchange import` would hold it. */
let importer: Database.Database;

beforeAll(async () => {
  exchange = await openTestExchange();
  importer = new Database(path.join(exchange.dataDir, "exchange.sqlite"));
});

afterEach(() => {
  if (importer.inTransaction) importer.exec("ROLLBACK");
});

afterAll(async () => {
  importer?.close();
  await exchange?.dispose();
});

const holdWriteLock = () => importer.exec("BEGIN IMMEDIATE");
const pendingOutbox = () =>
  exchange.db
    .select()
    .from(searchOutbox)
    .where(isNull(searchOutbox.doneAt))
    .all()
    .map((row) => ({ id: row.id, nextAttemptAt: row.nextAttemptAt?.getTime() ?? null, attempts: row.attempts }));

describe("background writes while another connection holds the write lock", () => {
  it("writeIfFree answers null at once and writes nothing; it writes once the lock is free", () => {
    holdWriteLock();
    expect(writeIfFree(exchange.db, () => exchange.db.$client.exec("CREATE TABLE lock_probe (x)"))).toBeNull();
    importer.exec("COMMIT");
    expect(exchange.db.$client.prepare("SELECT name FROM sqlite_master WHERE name = 'lock_probe'").get()).toBeUndefined();
    writeIfFree(exchange.db, () => exchange.db.$client.exec("CREATE TABLE lock_probe (x)"));
    expect(exchange.db.$client.prepare("SELECT name FROM sqlite_master WHERE name = 'lock_probe'").get()).toEqual({ name: "lock_probe" });
    // The connection's own patience is back for everything else.
    expect(exchange.db.$client.pragma("busy_timeout", { simple: true })).toBe(10_000);
  });

  it("writeWhenFree waits without blocking the event loop, and writes when the lock is released", async () => {
    holdWriteLock();
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    const written = writeWhenFree(
      exchange.db,
      () => {
        exchange.db.$client.exec("INSERT INTO lock_probe VALUES (1)");
        return "written";
      },
      { delayMs: 10, timeoutMs: 10_000 },
    );
    setTimeout(() => importer.exec("COMMIT"), 200);
    await expect(written).resolves.toBe("written");
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    expect(exchange.db.$client.prepare("SELECT count(*) AS n FROM lock_probe").get()).toEqual({ n: 1 });
  });

  it("the relay's background batch claims nothing, and relays the rows once the lock is free", async () => {
    importIdeas(exchange.db, ideaItems([idea({ slug: "lock-one", title: "Lock one" }), idea({ slug: "lock-two", title: "Lock two" })]));
    const before = pendingOutbox();
    expect(before.length).toBeGreaterThan(0);
    holdWriteLock();
    expect(await relayOutboxBatch(exchange.db, exchange.meili, 100, "never-block")).toEqual({ applied: 0, failed: 0 });
    expect(pendingOutbox()).toEqual(before);
    importer.exec("COMMIT");
    expect((await relayOutboxBatch(exchange.db, exchange.meili, 100, "never-block")).applied).toBe(before.length);
    expect(outboxRows(exchange.db).filter((row) => row.doneAt === null)).toEqual([]);
  });

  it("the corpus indexer takes nothing, and indexes the pending ideas once the lock is free", () => {
    importIdeas(exchange.db, ideaItems([idea({ slug: "lock-three", title: "Lock three" })]));
    const pending = pendingCorpusChanges(exchange.db);
    expect(pending).toBeGreaterThan(0);
    holdWriteLock();
    expect(indexCorpusChanges(exchange.db, 100, "never-block")).toBeNull();
    expect(pendingCorpusChanges(exchange.db)).toBe(pending);
    importer.exec("COMMIT");
    expect(indexCorpusChanges(exchange.db, 100, "never-block")).toBe(pending);
    expect(pendingCorpusChanges(exchange.db)).toBe(0);
  });
});
