// The exchange CLI: `npm run exchange -- <command>`. It shares the DATA_DIR's database and
// Meilisearch server with a running app, and never loads demo data.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { Command, InvalidArgumentError, Option } from "commander";
import cliProgress from "cli-progress";
import { ideaFormat, needFormat, validateExchangeFile, formatProblem } from "../app/domain/exchange-format";
import { roles, type Role } from "../app/domain/vocabulary";
import { importIdeas, importNeeds } from "../app/models/exchange-import.server";
import { exportIdeas, exportNeeds } from "../app/models/exchange-export.server";
import { createUser, EmailTakenError } from "../app/models/users.server";
import { buildDailyDigests } from "../app/models/digest.server";
import { createMailTransport, pendingEmailCount, sendPendingEmails } from "../app/models/email-sender.server";
import { openExchange, type ExchangeContext } from "../app/utils/exchange.server";
import { drainOutbox, outboxLag } from "../search/outbox-relay";
import { indexAllCorpusChanges, pendingCorpusChanges } from "../search/matching/corpus-index";
import { reindex } from "../search/reindex";
import { registerMatchCommand } from "./lib/match-command";
import { registerRemindersCommand } from "./lib/reminders-command";
import { registerSuggestCommand } from "./lib/suggest-command";
import { driftCount, findDrift, reconcile } from "../search/reconcile";
import { otherProcessesUsing } from "../search/meili-server";
import { backupDatabase, checkBackupFile, restoreDatabaseFile } from "../db/backup";
import { readEnv } from "../app/utils/env.server";
import { commonPasswordMessage, isCommonPassword } from "../app/utils/password-policy.server";

class CliError extends Error {}

function progressBar(label: string) {
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

async function withExchange<T>(work: (context: ExchangeContext) => Promise<T>): Promise<T> {
  const context = await openExchange({ relay: false, log: (message) => console.error(message) });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

async function waitUntilSearchable(context: ExchangeContext): Promise<void> {
  const pending = outboxLag(context.db).pending;
  if (!pending) return;
  const bar = progressBar("Indexing ");
  bar.start(pending, 0);
  await drainOutbox(context.db, context.meili, { onProgress: (applied) => bar.update(Math.min(applied, pending)) });
  bar.update(pending);
  bar.stop();
}

/** The matching engine's word statistics for the ideas just imported (the site would do it in the background). */
async function indexMatchingStatistics(context: ExchangeContext): Promise<void> {
  const pending = pendingCorpusChanges(context.db);
  if (!pending) return;
  const bar = progressBar("Matching statistics");
  bar.start(pending, 0);
  await indexAllCorpusChanges(context.db, { onProgress: (done) => bar.update(Math.min(done, pending)) });
  bar.update(pending);
  bar.stop();
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const program = new Command()
  .name("exchange")
  .description("Command-line tools of the Innovation Exchange (uses DATA_DIR, MEILI_HOST, MEILI_MASTER_KEY)")
  .showHelpAfterError();

function parseNiceness(value: string): number {
  const niceness = Number(value);
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new InvalidArgumentError("a whole number from 0 to 19");
  return niceness;
}

/** Runs this process at a lower CPU priority (where the system allows it). */
function lowerPriority(niceness: number): void {
  try {
    os.setPriority(Math.max(os.getPriority(), niceness));
  } catch {
    // Not permitted here: run at normal priority.
  }
}

program
  .command("import")
  .description("Validate a JSON file in the exchange format and upsert its items by slug (ideas are published, needs open)")
  .addArgument(new Command().createArgument("kind", "ideas or needs").choices(["ideas", "needs"]))
  .argument("<file>", "a JSON array of items")
  .option("--priority <n>", "CPU niceness of the import (0 to 19; a bulk import gives way to the site's searches)", parseNiceness, 10)
  .action(async (kind: "ideas" | "needs", file: string, options: { priority: number }) => {
    lowerPriority(options.priority);
    const data = readJsonFile(file);
    const result = kind === "ideas" ? validateExchangeFile(ideaFormat, data) : validateExchangeFile(needFormat, data);
    if (!result.ok) {
      console.error(`${file}: ${result.problems.length} problem(s); nothing was imported.`);
      for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
      process.exitCode = 1;
      return;
    }
    await withExchange(async (context) => {
      const bar = progressBar("Importing");
      bar.start(result.items.length, 0);
      const onProgress = (done: number) => bar.update(done);
      const counts = kind === "ideas" ? importIdeas(context.db, result.items as never, onProgress) : importNeeds(context.db, result.items as never, onProgress);
      bar.stop();
      await waitUntilSearchable(context);
      if (kind === "ideas") await indexMatchingStatistics(context);
      console.log(`Imported ${result.items.length} ${kind}: ${counts.inserted} new, ${counts.updated} updated; all searchable.`);
    });
  });

program
  .command("export")
  .description("Write published ideas or open needs in the exchange format")
  .addArgument(new Command().createArgument("kind", "ideas or needs").choices(["ideas", "needs"]))
  .option("--out <file>", "write to this file instead of standard output")
  .action(async (kind: "ideas" | "needs", options: { out?: string }) => {
    await withExchange(async (context) => {
      const items = kind === "ideas" ? exportIdeas(context.db) : exportNeeds(context.db);
      const json = `${JSON.stringify(items, null, 2)}\n`;
      if (options.out) {
        fs.writeFileSync(options.out, json);
        console.error(`Exported ${items.length} ${kind} to ${options.out}`);
      } else {
        process.stdout.write(json);
      }
    });
  });

program
  .command("reindex")
  .description("Rebuild the search indexes from SQLite (into a fresh index, then swapped in)")
  .addArgument(new Command().createArgument("[index]", "ideas or needs (default: both)").choices(["ideas", "needs"]))
  .action(async (only?: "ideas" | "needs") => {
    await withExchange(async (context) => {
      for (const indexName of only ? [only] : (["ideas", "needs"] as const)) {
        const bar = progressBar(`Reindexing ${indexName}`);
        bar.start(0, 0);
        const total = await reindex(context.db, context.meili, indexName, (done) => {
          bar.setTotal(done);
          bar.update(done);
        });
        bar.stop();
        console.log(`Reindexed ${total} ${indexName}.`);
      }
    });
  });

program
  .command("create-user")
  .description("Create an account (prints a generated password when none is given)")
  .requiredOption("--email <email>", "email address")
  .addOption(new Option("--role <role>", "role").choices(roles).makeOptionMandatory())
  .option("--password <password>", "8 to 128 characters")
  .option("--name <name>", "display name (default: the part of the email before @)")
  .option("--organisation <name>", "organisation the user belongs to")
  .action(async (options: { email: string; role: Role; password?: string; name?: string; organisation?: string }) => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.email)) throw new CliError(`--email: "${options.email}" is not an email address`);
    const password = options.password ?? crypto.randomBytes(12).toString("base64url");
    if (password.length < 8 || password.length > 128) throw new CliError("--password must be 8 to 128 characters");
    if (isCommonPassword(password)) throw new CliError(`--password: ${commonPasswordMessage}`);
    await withExchange(async (context) => {
      try {
        const user = await createUser(context.db, {
          email: options.email,
          password,
          role: options.role,
          displayName: options.name ?? options.email.split("@")[0],
          organisationName: options.organisation,
        });
        console.log(`Created ${user.role} ${user.email}${options.password ? "" : ` with password ${password}`}`);
      } catch (error) {
        if (error instanceof EmailTakenError) throw new CliError(error.message);
        throw error;
      }
    });
  });

program
  .command("digest")
  .description("Build the daily digest email of every user who chose one and has not had today's (the app also does this hourly)")
  .option("--send", "also send the pending emails now (needs SMTP_URL)")
  .action(async (options: { send?: boolean }) => {
    await withExchange(async (context) => {
      const run = buildDailyDigests(context.db, new Date(), { ignoreHour: true });
      console.log(`Daily digest: ${run.usersChecked} user(s) due, ${run.digestsQueued} digest email(s) queued.`);
      if (!options.send) return;
      const transport = createMailTransport(context.env);
      if (!transport) throw new CliError("--send needs SMTP_URL; without it emails stay in the dev mailbox (/admin/mailbox)");
      try {
        const result = await sendPendingEmails(context.db, transport, { from: context.env.MAIL_FROM, publicUrl: context.env.PUBLIC_URL, limit: 1000 });
        console.log(`Sent ${result.sent} email(s); ${result.failed} failed; ${pendingEmailCount(context.db)} still pending.`);
        if (result.failed) process.exitCode = 1;
      } finally {
        transport.close();
      }
    });
  });

program
  .command("doctor")
  .description("Report search drift (count and per-document content hash against SQLite) and outbox lag; exits 1 on drift")
  .action(async () => {
    await withExchange(async (context) => {
      const lag = outboxLag(context.db);
      console.log(`Outbox: ${lag.pending} pending${lag.oldestCreatedAt ? `, oldest from ${lag.oldestCreatedAt.toISOString()}` : ""}`);
      let drifted = 0;
      for (const indexName of ["ideas", "needs"] as const) {
        const drift = await findDrift(context.db, context.meili, indexName);
        drifted += driftCount(drift);
        console.log(
          `${indexName}: ${drift.databaseCount} in SQLite, ${drift.indexCount} in Meilisearch; ` +
            `${drift.missing.length} missing, ${drift.stale.length} stale, ${drift.extra.length} extra`,
        );
      }
      if (drifted) {
        console.log("Drift found: run `npm run exchange -- reconcile` (or it is repaired on the next scheduled reconcile).");
        process.exitCode = 1;
      }
    });
  });

program
  .command("reconcile")
  .description("Repair drift between SQLite and the search indexes, and wait until it is applied")
  .action(async () => {
    await withExchange(async (context) => {
      const drifts = await reconcile(context.db, context.meili);
      for (const drift of drifts) console.log(`${drift.indexName}: ${driftCount(drift)} document(s) to repair`);
      await waitUntilSearchable(context);
      console.log("Indexes match the database.");
    });
  });

program
  .command("backup")
  .description("Write an online backup of the SQLite database (safe while the site runs)")
  .argument("<file>", "where to write the backup")
  .action(async (file: string) => {
    if (fs.existsSync(file)) throw new CliError(`${file} already exists; choose a new file name`);
    await withExchange(async (context) => {
      await backupDatabase(context.db, file);
      console.log(`Backed up the database to ${file}.`);
    });
  });

program
  .command("restore")
  .description("Replace the database with a backup, then rebuild the search indexes (stop the site first)")
  .argument("<file>", "a file written by `backup`")
  .action(async (file: string) => {
    const env = readEnv();
    const problem = checkBackupFile(file);
    if (problem) throw new CliError(problem);
    const others = otherProcessesUsing(env.dataDir);
    if (others.length) throw new CliError(`The exchange is running on ${env.dataDir} (process ${others.join(", ")}); stop it before restoring`);
    restoreDatabaseFile(file, env.dataDir);
    await withExchange(async (context) => {
      for (const indexName of ["ideas", "needs"] as const) {
        const total = await reindex(context.db, context.meili, indexName);
        console.log(`Reindexed ${total} ${indexName}.`);
      }
    });
    console.log(`Restored the database from ${file}.`);
  });

registerMatchCommand(program, { withExchange, fail: (message) => new CliError(message) });
registerRemindersCommand(program, { withExchange });
registerSuggestCommand(program, { withExchange, fail: (message) => new CliError(message) });

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof CliError ? `error: ${error.message}` : error);
  process.exitCode = 1;
}
