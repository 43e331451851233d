import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type ExchangeDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a `db.transaction` callback gets. */
export type ExchangeTx = Parameters<Parameters<ExchangeDb["transaction"]>[0]>[0];
export type OpenedDatabase = { db: ExchangeDb; file: string; close: () => void };

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, "exchange.sqlite");
}

/** Opens (creating if needed) the exchange database in DATA_DIR and applies pending migrations. */
export function openDatabase(dataDir: string): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = databaseFile(dataDir);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // The app and the CLI may write at the same time; wait for the lock rather than fail.
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, file, close: () => sqlite.close() };
}

/** Whether a write may wait for another connection's write lock (busy_timeout), or must never block the event loop on it. */
export type LockWaiting = "wait" | "never-block";

/** SQLite's answer when another connection holds the write lock. */
export function isWriteLockBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_BUSY_SNAPSHOT");
}

/**
 * Runs `write` now if no other connection holds the write lock, else returns null at once.
 * For background work in the site: busy_timeout waits synchronously, so a write queued behind
 * another process's import would hold the event loop (and every request) for as long.
 */
export function writeIfFree<T>(db: ExchangeDb, write: () => T): T | null {
  const sqlite = db.$client;
  const wait = Number(sqlite.pragma("busy_timeout", { simple: true }));
  sqlite.pragma("busy_timeout = 0");
  try {
    return write();
  } catch (error) {
    if (isWriteLockBusy(error)) return null;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${wait}`);
  }
}

/** `writeIfFree`, tried again every `delayMs` without blocking until the lock is free or `timeoutMs` has passed (then null). */
export async function writeWhenFree<T>(db: ExchangeDb, write: () => T, { delayMs = 100, timeoutMs = 30_000 } = {}): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = writeIfFree(db, () => ({ value: write() }));
    if (result) return result.value;
    if (Date.now() + delayMs > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
