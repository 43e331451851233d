// Shared setup of the integration tests: every test file gets its own DATA_DIR (a real
// SQLite file and a real Meilisearch server run by search/meili-server.ts), and builds its
// own small fixtures here rather than reading the demo data.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { count, eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ExchangeDb } from "../../db/client";
import { ideas, searchOutbox } from "../../db/schema";
import { ideaFormat, needFormat, validateExchangeFile, formatProblem, type IdeaFormat, type NeedFormat } from "../../app/domain/exchange-format";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { enqueueSearchSync } from "../../app/models/search-outbox.server";
import { openExchange, type ExchangeContext } from "../../app/utils/exchange.server";
import { readEnv } from "../../app/utils/env.server";
import { drainOutbox } from "../../search/outbox-relay";
import type { IdeaSearchParams, NeedSearchParams } from "../../app/domain/search-params";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A fresh, empty DATA_DIR in the system's temp directory. */
export function makeDataDir(label = "exchange-test"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

/** The environment of this process with DATA_DIR set and no external Meilisearch. */
export function testEnvSource(dataDir: string): NodeJS.ProcessEnv {
  // The embedding model is off unless a test turns it on (matching-embeddings.test.ts): it is a
  // 300 MB child process that would otherwise start in every test's exchange.
  const source: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "0", EMBEDDINGS: "0" };
  delete source.MEILI_HOST;
  delete source.MEILI_MASTER_KEY;
  return source;
}

export type TestExchange = ExchangeContext & {
  dataDir: string;
  /** Closes the context (stopping Meilisearch when this was its last user) and deletes DATA_DIR. */
  dispose: () => Promise<void>;
};

/** Opens the exchange on a DATA_DIR of its own, without the background relay. */
export async function openTestExchange(dataDir: string = makeDataDir(), options: { env?: Record<string, string> } = {}): Promise<TestExchange> {
  let context: ExchangeContext;
  try {
    context = await openExchange({
      env: readEnv({ ...testEnvSource(dataDir), MEILI_HOST: undefined, ...options.env }),
      relay: false,
      // openExchange only logs when it could not prepare the indexes: no test can pass then.
      log: (message) => {
        throw new Error(message);
      },
    });
  } catch (error) {
    let log = "";
    try {
      log = fs.readFileSync(path.join(dataDir, "meili", "meilisearch.log"), "utf8");
    } catch {
      // Meilisearch never started.
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`Could not open the exchange in ${dataDir}: ${error instanceof Error ? error.stack : error}${log ? `\nmeilisearch.log:\n${log}` : ""}`);
  }
  let disposed = false;
  return Object.assign(context, {
    dataDir,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await context.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

// ---------------------------------------------------------------------------------------
// Fixtures: items in the exchange format, validated exactly as an import file would be.

type IdeaInput = Partial<IdeaFormat> & { slug: string };
type NeedInput = Partial<NeedFormat> & { slug: string };

export function idea(input: IdeaInput): Record<string, unknown> {
  return {
    title: `Idea ${input.slug}`,
    summary: `A summary of ${input.slug}.`,
    sectors: ["community-neighbourhoods"],
    diffusionModels: ["uncontrolled"],
    ...input,
  };
}

export function need(input: NeedInput): Record<string, unknown> {
  return {
    title: `Need ${input.slug}`,
    problem: `The problem behind ${input.slug}.`,
    sectors: ["community-neighbourhoods"],
    ...input,
  };
}

function valid<T>(result: ReturnType<typeof validateExchangeFile>, what: string): T[] {
  if (!result.ok) throw new Error(`Invalid ${what} fixture:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.items as T[];
}

/** Parses fixtures with the exchange-format validator (so a broken fixture fails loudly). */
export function ideaItems(items: Record<string, unknown>[]): IdeaFormat[] {
  return valid<IdeaFormat>(validateExchangeFile(ideaFormat, items), "idea");
}

export function needItems(items: Record<string, unknown>[]): NeedFormat[] {
  return valid<NeedFormat>(validateExchangeFile(needFormat, items), "need");
}

/** Imports ideas and waits until Meilisearch has applied every outbox row. */
export async function importIdeasAndSync(context: ExchangeContext, items: IdeaFormat[]) {
  const counts = importIdeas(context.db, items);
  await drainOutbox(context.db, context.meili, { timeoutMs: 30_000 });
  return counts;
}

export async function importNeedsAndSync(context: ExchangeContext, items: NeedFormat[]) {
  const counts = importNeeds(context.db, items);
  await drainOutbox(context.db, context.meili, { timeoutMs: 30_000 });
  return counts;
}

/** Writes an idea row with a status other than published, as the editor would (row and outbox together). */
export function insertIdeaWithStatus(
  db: ExchangeDb,
  status: "draft" | "submitted" | "archived",
  input: { slug: string; title: string; summary: string; sectors?: IdeaFormat["sectors"]; diffusionModels?: IdeaFormat["diffusionModels"] },
): number {
  return db.transaction((tx) => {
    const id = tx
      .insert(ideas)
      .values({
        slug: input.slug,
        title: input.title,
        summary: input.summary,
        sectors: input.sectors ?? ["ageing"],
        diffusionModels: input.diffusionModels ?? ["uncontrolled"],
        status,
      })
      .returning({ id: ideas.id })
      .get().id;
    enqueueSearchSync(tx, "ideas", [id]);
    return id;
  });
}

export function ideaIdBySlug(db: ExchangeDb, slug: string): number {
  const row = db.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, slug)).get();
  if (!row) throw new Error(`No idea ${slug}`);
  return row.id;
}

export function countRows(db: ExchangeDb, table: SQLiteTable): number {
  return db.select({ n: count() }).from(table).get()?.n ?? 0;
}

export function outboxRows(db: ExchangeDb) {
  return db.select().from(searchOutbox).orderBy(searchOutbox.id).all();
}

export function ideaParams(overrides: Partial<IdeaSearchParams> = {}): IdeaSearchParams {
  return { q: "", sort: "relevance", sector: [], diffusionModel: [], lifecyclePhase: [], typology: [], evidenceLevel: [], transfer: [], page: 1, ...overrides };
}

export function needParams(overrides: Partial<NeedSearchParams> = {}): NeedSearchParams {
  return { q: "", sector: [], diffusionModel: [], fundingRoute: [], page: 1, ...overrides };
}

export function writeJson(dir: string, name: string, data: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

// ---------------------------------------------------------------------------------------
// The real CLI, as a child process.

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs `tsx scripts/exchange.ts ...args` from the repository root with DATA_DIR set. */
export function runCli(args: string[], dataDir: string, timeoutMs = 45_000, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), ["scripts/exchange.ts", ...args], {
      cwd: repoRoot,
      env: { ...testEnvSource(dataDir), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`exchange ${args.join(" ")} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
