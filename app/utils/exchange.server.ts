// The process-wide exchange context: the database, the Meilisearch client and the outbox
// relay. Created once by boot (called by the server before it listens) and kept on
// globalThis so it survives module reloads.
import { Lucia, TimeSpan } from "lucia";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import type { Meilisearch } from "meilisearch";
import { openDatabase, type ExchangeDb } from "../../db/client";
import { sessions, users, type UserRow } from "../../db/schema";
import { createMeiliClient } from "../../search/client";
import { ensureMeiliServer } from "../../search/meili-server";
import { startOutboxRelay, type OutboxRelay } from "../../search/outbox-relay";
import { startReconcileSchedule } from "../../search/reconcile";
import { ensureIndexes } from "../../search/settings";
import { reindex } from "../../search/reindex";
import type { Embedder } from "../../search/embeddings/embedder";
import { startIdeaEmbedding, type IdeaEmbeddingSchedule } from "../../search/embeddings/idea-vectors";
import { createProcessEmbedder } from "../../search/embeddings/process-embedder";
import { registerEmbedderForMatching, startCorpusIndexing } from "../models/matching.server";
import { readEnv, type ExchangeEnv } from "./env.server";

export type ExchangeContext = {
  env: ExchangeEnv;
  db: ExchangeDb;
  meili: Meilisearch;
  lucia: ReturnType<typeof createLucia>;
  relay: OutboxRelay | null;
  /** The sentence-embedding model (a child process started on first use), or null with EMBEDDINGS=0. */
  embedder: Embedder | null;
  /** The background pass that embeds published ideas (with the relay only). */
  ideaEmbedding: IdeaEmbeddingSchedule | null;
  close: () => Promise<void>;
};

/** The session cookie's name: with Secure cookies the `__Host-` prefix (no Domain, Path=/, HTTPS only). */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-exchange_session" : "exchange_session";
}

export function createLucia(db: ExchangeDb, secure: boolean) {
  return new Lucia(new DrizzleSQLiteAdapter(db, sessions, users), {
    // The idle timeout: lucia moves the expiry 2 hours ahead once half of it has passed, so a
    // session ends after at most 2 hours without a request. The absolute timeout (12 hours
    // from sign-in) is checked in session.server.ts against the session's createdAt.
    sessionExpiresIn: new TimeSpan(2, "h"),
    // HttpOnly and Path=/ are lucia's defaults.
    sessionCookie: { name: sessionCookieName(secure), attributes: { secure, sameSite: "lax" } },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      role: attributes.role,
      organisationId: attributes.organisationId,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: Omit<UserRow, "id">;
    DatabaseSessionAttributes: { createdAt: Date | null };
  }
}

/** Connects to MEILI_HOST, or runs (or attaches to) the DATA_DIR's own Meilisearch server. */
export async function connectMeili(
  env: ExchangeEnv,
): Promise<{ client: Meilisearch; host: string; release: () => Promise<void>; revive: () => Promise<boolean> }> {
  if (env.MEILI_HOST) {
    // An external server is its operators' to restart; we only wait for it.
    return { client: createMeiliClient(env.MEILI_HOST, env.MEILI_MASTER_KEY), host: env.MEILI_HOST, release: async () => {}, revive: async () => false };
  }
  const server = await ensureMeiliServer(env.dataDir);
  return { client: createMeiliClient(server.host, server.apiKey), host: server.host, release: server.release, revive: server.revive };
}

const globalForExchange = globalThis as unknown as { __exchange?: Promise<ExchangeContext>; __exchangeReady?: ExchangeContext };

export async function openExchange(options: { env?: ExchangeEnv; relay?: boolean; log?: (message: string) => void } = {}): Promise<ExchangeContext> {
  const env = options.env ?? readEnv();
  const log = options.log ?? ((message: string) => console.warn(message));
  const database = openDatabase(env.dataDir);
  const meili = await connectMeili(env);
  let staleIndexes: Awaited<ReturnType<typeof ensureIndexes>> = [];
  try {
    staleIndexes = await ensureIndexes(meili.client);
  } catch (error) {
    // Writes still succeed without Meilisearch; the relay catches up once it answers.
    log(`search: could not prepare indexes at ${meili.host}: ${error instanceof Error ? error.message : error}`);
  }
  const relay = options.relay === false ? null : startOutboxRelay(database.db, meili.client, { intervalMs: env.OUTBOX_INTERVAL_MS, log });
  // An index built before a new setting it cannot take in place (the embedder) is rebuilt
  // beside the live one and swapped in; search carries on meanwhile.
  const rebuilt = Promise.all(
    staleIndexes.map((name) =>
      reindex(database.db, meili.client, name).then(
        (count) => log(`search: rebuilt index ${name} (${count} documents) to apply its new settings`),
        (error) => log(`search: could not rebuild index ${name}: ${error instanceof Error ? error.message : error}`),
      ),
    ),
  );
  const embedder = env.EMBEDDINGS === "1" ? createProcessEmbedder() : null;
  registerEmbedderForMatching(database.db, embedder);
  const ideaEmbedding = embedder && relay ? startIdeaEmbedding(database.db, embedder, { log, onEmbedded: relay.kick }) : null;
  const corpusIndexing = relay ? startCorpusIndexing(database.db, { log }) : null;
  const reconciler = relay ? startReconcileSchedule(database.db, meili.client, { intervalMs: env.RECONCILE_INTERVAL_MS, log, onRepair: relay.kick }) : null;
  // If the bundled Meilisearch dies, start it again on the same port; the outbox catches up.
  let reviving = false;
  const watchdog = setInterval(async () => {
    if (reviving) return;
    reviving = true;
    try {
      if (await meili.revive()) {
        log("search: Meilisearch had stopped and was started again");
        relay?.kick();
      }
    } catch (error) {
      try {
        log(`search: could not restart Meilisearch: ${error instanceof Error ? error.message : error}`);
      } catch {
        // a logger that throws must not take the process down
      }
    } finally {
      reviving = false;
    }
  }, env.MEILI_WATCHDOG_MS);
  watchdog.unref();
  return {
    env,
    db: database.db,
    meili: meili.client,
    lucia: createLucia(database.db, env.cookieSecure),
    relay,
    embedder,
    ideaEmbedding,
    close: async () => {
      clearInterval(watchdog);
      reconciler?.stop();
      await corpusIndexing?.stop();
      await ideaEmbedding?.stop();
      await embedder?.close();
      await rebuilt;
      await relay?.stop();
      await meili.release();
      database.close();
    },
  };
}

/** Boots the web app's context once per process. */
export function bootExchange(setup?: (context: ExchangeContext) => Promise<void>): Promise<ExchangeContext> {
  globalForExchange.__exchange ??= (async () => {
    const context = await openExchange();
    await setup?.(context);
    globalForExchange.__exchangeReady = context;
    return context;
  })();
  return globalForExchange.__exchange;
}

export function getExchange(): ExchangeContext {
  const context = globalForExchange.__exchangeReady;
  if (!context) throw new Error("The exchange has not been booted: start it with `npm start`");
  return context;
}
