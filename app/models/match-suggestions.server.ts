// The matching engine's suggestions in the brokers' match queue: its top few ideas for an open
// need, recorded as `suggested` matches with their score and reasons. Recorded when a broker
// opens a need (best effort, after the decision is committed), on a schedule for open needs
// that have fewer than that many engine suggestions, from the CLI and from the queue's
// "Refresh suggestions" button. Meilisearch may be down: a need that failed is retried by the
// next scheduled pass.
import { and, count, eq } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ExchangeDb } from "../../db/client";
import { matches, needs } from "../../db/schema";
import { recordEngineSuggestions } from "./match-workflow.server";
import { rankIdeasForNeed } from "./matching.server";
import { getPublishedIdeasBySlug } from "./ideas.server";

/** How many of the engine's best ideas each open need gets as suggestions. */
export const DEFAULT_SUGGESTIONS_PER_NEED = 5;

export type SuggestionResult = { needId: number; slug: string; created: number; ranked: number };

/**
 * Records the engine's top `limit` ideas for an open need as suggested matches (pairs that
 * already have a match, in any status, are left as they are). Null when the need is not
 * open. Throws SearchUnavailableError when Meilisearch does not answer.
 */
export async function suggestMatchesForNeed(
  db: ExchangeDb,
  meili: Meilisearch,
  needId: number,
  options: { limit?: number; now?: Date } = {},
): Promise<SuggestionResult | null> {
  const need = db.select().from(needs).where(eq(needs.id, needId)).get();
  if (!need || need.status !== "open") return null;
  const { ranked } = await rankIdeasForNeed(db, meili, need, { limit: options.limit ?? DEFAULT_SUGGESTIONS_PER_NEED });
  if (!ranked.length) return { needId: need.id, slug: need.slug, created: 0, ranked: 0 };
  const publishedBySlug = getPublishedIdeasBySlug(
    db,
    ranked.map((match) => match.idea),
  );
  const suggestions = ranked.flatMap((match) => {
    const ideaId = publishedBySlug.get(match.idea)?.id;
    return ideaId === undefined ? [] : [{ ideaId, score: match.score, reasons: match.reasons }];
  });
  // The need may have closed while Meilisearch answered: recordEngineSuggestions re-checks it
  // inside its transaction (and refuses), which we read as "nothing to do".
  const stillOpen = db.select({ status: needs.status }).from(needs).where(eq(needs.id, need.id)).get()?.status === "open";
  const created = stillOpen ? recordEngineSuggestions(db, need.id, suggestions, options.now) : 0;
  return { needId: need.id, slug: need.slug, created, ranked: suggestions.length };
}

/**
 * After a broker opens a need: suggestions, best effort. Never throws; waits at most
 * `timeoutMs` (the work goes on in the background after that), so a slow or dead Meilisearch
 * neither loses nor holds up the broker's decision. The scheduled pass retries failures.
 */
export async function suggestAfterOpening(
  db: ExchangeDb,
  meili: Meilisearch,
  needId: number,
  options: { limit?: number; timeoutMs?: number; log?: (message: string) => void } = {},
): Promise<SuggestionResult | null> {
  const log = options.log ?? ((message: string) => console.warn(message));
  const work = suggestMatchesForNeed(db, meili, needId, { limit: options.limit }).catch((error: unknown) => {
    log(`matches: no engine suggestions for need ${needId} yet (the scheduled pass will retry): ${error instanceof Error ? error.message : error}`);
    return null;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), options.timeoutMs ?? 3000);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Open needs with fewer than `limit` engine suggestions (in any status), fewest first. */
export function needsWantingSuggestions(db: ExchangeDb, limit = DEFAULT_SUGGESTIONS_PER_NEED): { id: number; slug: string; suggestions: number }[] {
  const open = db.select({ id: needs.id, slug: needs.slug }).from(needs).where(eq(needs.status, "open")).all();
  if (!open.length) return [];
  const counts = new Map(
    db
      .select({ needId: matches.needId, n: count() })
      .from(matches)
      .innerJoin(needs, eq(needs.id, matches.needId))
      .where(and(eq(needs.status, "open"), eq(matches.source, "engine")))
      .groupBy(matches.needId)
      .all()
      .map((row) => [row.needId, row.n]),
  );
  return open
    .map((need) => ({ ...need, suggestions: counts.get(need.id) ?? 0 }))
    .filter((need) => need.suggestions < limit)
    .sort((a, b) => a.suggestions - b.suggestions || a.id - b.id);
}

export type SuggestionPass = { needs: number; created: number; failed: number; results: SuggestionResult[]; errors: string[] };

/**
 * One pass over the needs (by default every open need wanting suggestions). A need that fails
 * is reported and the pass goes on; when search is down every need fails fast.
 */
export async function runSuggestionPass(
  db: ExchangeDb,
  meili: Meilisearch,
  options: { limit?: number; needIds?: number[]; batch?: number; skip?: (needId: number) => boolean; onDone?: (needId: number) => void; now?: Date } = {},
): Promise<SuggestionPass> {
  const limit = options.limit ?? DEFAULT_SUGGESTIONS_PER_NEED;
  const candidates = options.needIds ?? needsWantingSuggestions(db, limit).map((need) => need.id);
  const pass: SuggestionPass = { needs: 0, created: 0, failed: 0, results: [], errors: [] };
  for (const needId of candidates) {
    if (options.skip?.(needId)) continue;
    if (options.batch !== undefined && pass.needs >= options.batch) break;
    pass.needs++;
    try {
      const result = await suggestMatchesForNeed(db, meili, needId, { limit, now: options.now });
      if (!result) continue;
      pass.results.push(result);
      pass.created += result.created;
      options.onDone?.(needId);
    } catch (error) {
      pass.failed++;
      pass.errors.push(`need ${needId}: ${error instanceof Error ? error.message : error}`);
    }
  }
  return pass;
}

export type SuggestionJobs = { stop: () => Promise<void>; runOnce: () => Promise<SuggestionPass> };

/**
 * The scheduled pass of the web server: open needs with fewer than `limit` engine suggestions
 * get the engine's top ideas. A need done successfully is left alone for `recheckMs` (the
 * engine may find fewer than `limit` ideas for it, or its best ideas may already be matched
 * by people); a failed one is tried again on the next tick.
 */
export function startSuggestionJobs(
  context: { db: ExchangeDb; meili: Meilisearch },
  options: { intervalMs?: number; firstPassMs?: number; recheckMs?: number; batch?: number; limit?: number; log?: (message: string) => void } = {},
): SuggestionJobs {
  const log = options.log ?? ((message: string) => console.warn(message));
  const recheckMs = options.recheckMs ?? 24 * 60 * 60 * 1000;
  const doneAt = new Map<number, number>();
  let running: Promise<SuggestionPass> | null = null;
  let stopped = false;

  const runOnce = () =>
    (running ??= runSuggestionPass(context.db, context.meili, {
      limit: options.limit,
      batch: options.batch ?? 25,
      skip: (needId) => Date.now() - (doneAt.get(needId) ?? -Infinity) < recheckMs,
      onDone: (needId) => doneAt.set(needId, Date.now()),
    })
      .then((pass) => {
        if (pass.created) log(`matches: recorded ${pass.created} engine suggestion(s) for ${pass.results.length} open need(s)`);
        if (pass.failed) log(`matches: engine suggestions failed for ${pass.failed} need(s), retried on the next pass: ${pass.errors[0]}`);
        return pass;
      })
      .catch((error: unknown) => {
        log(`matches: the suggestion pass failed: ${error instanceof Error ? error.message : error}`);
        return { needs: 0, created: 0, failed: 0, results: [], errors: [String(error)] };
      })
      .finally(() => {
        running = null;
      }));

  const tick = () => {
    if (!stopped) void runOnce();
  };
  const timer = setInterval(tick, options.intervalMs ?? 30 * 60 * 1000);
  timer.unref();
  const firstPass = setTimeout(tick, options.firstPassMs ?? 5000);
  firstPass.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(firstPass);
      await running;
    },
  };
}
