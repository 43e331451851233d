import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type ExchangeDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
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
