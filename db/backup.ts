// Online backup and restore of the SQLite file. A backup is a complete, consistent SQLite
// database written with SQLite's backup API while the site keeps serving.
import fs from "node:fs";
import Database from "better-sqlite3";
import { databaseFile, type ExchangeDb } from "./client";

export async function backupDatabase(db: ExchangeDb, file: string): Promise<void> {
  await db.$client.backup(file);
}

/** Returns why a file cannot be restored, or null when it is a sound exchange database. */
export function checkBackupFile(file: string): string | null {
  if (!fs.existsSync(file)) return `${file} does not exist`;
  let backup: Database.Database | null = null;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
    const check = backup.pragma("quick_check", { simple: true });
    if (check !== "ok") return `${file} is damaged: ${check}`;
    const tables = new Set((backup.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((row) => row.name));
    for (const table of ["ideas", "needs", "users", "__drizzle_migrations"]) {
      if (!tables.has(table)) return `${file} is not an exchange backup (no ${table} table)`;
    }
    return null;
  } catch (error) {
    return `${file} is not a SQLite database: ${error instanceof Error ? error.message : error}`;
  } finally {
    backup?.close();
  }
}

/** Swaps the backup in for DATA_DIR's database; the caller makes sure nothing else has it open. */
export function restoreDatabaseFile(file: string, dataDir: string): void {
  const target = databaseFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const staging = `${target}.restoring`;
  fs.copyFileSync(file, staging);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(staging, target);
}
