// Follows, saved searches and the alerts job that turns them into notifications (through
// notifyUser, so each user's email preference applies). The job compares what each follower
// was last told with what is published now, rather than hooking every place that publishes
// (broker decisions, the CLI import, the editor): it needs no changes there, survives a
// restart, and an import that rewrites rows without changing them announces nothing.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import { filtersFromParams } from "../domain/idea-facets";
import { ideaFacetConditions } from "./fallback-search.server";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, follows, ideas, needs, savedSearches } from "../../db/schema";
import { canonicalSearch, caseStudyKey, describeSearch, parseSeenKeys, unseenKeys, type FollowItemType, type SavedSearchFilters } from "../domain/alerts";
import { placeSlug } from "../domain/places";
import { needToApi } from "./needs.server";
import { notifyUser } from "./notifications.server";

type Reader = Pick<ExchangeDb, "select">;

export class AlertError extends Error {}

// ---------------------------------------------------------------------------------------
// What a follower is shown

function publishedStudies(db: Reader, ideaId: number) {
  return db
    .select({ locality: caseStudies.locality, country: caseStudies.country, year: caseStudies.year, status: caseStudies.status })
    .from(caseStudies)
    .where(and(eq(caseStudies.ideaId, ideaId), eq(caseStudies.reviewStatus, "published")))
    .orderBy(asc(caseStudies.position), asc(caseStudies.id))
    .all()
    .map((study) => ({ ...study, key: caseStudyKey({ placeSlug: placeSlug(study.locality, study.country), year: study.year, status: study.status }) }));
}

function needState(need: typeof needs.$inferSelect): string {
  return createHash("sha256")
    .update(JSON.stringify({ ...needToApi(need), status: need.status }))
    .digest("hex");
}

function findFollowable(db: Reader, itemType: FollowItemType, slug: string) {
  if (itemType === "idea") {
    const idea = db
      .select()
      .from(ideas)
      .where(and(eq(ideas.slug, slug), eq(ideas.status, "published")))
      .get();
    if (!idea) throw new AlertError("There is no published idea at this address.");
    return { itemType, id: idea.id, seen: JSON.stringify(publishedStudies(db, idea.id).map((study) => study.key)) };
  }
  const need = db
    .select()
    .from(needs)
    .where(and(eq(needs.slug, slug), eq(needs.status, "open")))
    .get();
  if (!need) throw new AlertError("There is no open need at this address.");
  return { itemType, id: need.id, seen: needState(need) };
}

/** Following starts from what is published now: only later changes are announced. */
export function followItem(db: ExchangeDb, userId: string, itemType: FollowItemType, slug: string): void {
  db.transaction((tx) => {
    const item = findFollowable(tx, itemType, slug);
    tx.insert(follows)
      .values({ userId, ideaId: itemType === "idea" ? item.id : null, needId: itemType === "need" ? item.id : null, seen: item.seen })
      .onConflictDoNothing()
      .run();
  });
}

/** Each item type that can be followed: its table, and the follows column that points at it. */
const followTargets = { idea: { table: ideas, column: follows.ideaId }, need: { table: needs, column: follows.needId } } as const;

const followOf = (userId: string, itemType: FollowItemType, itemId: number) => and(eq(follows.userId, userId), eq(followTargets[itemType].column, itemId));

export function unfollowItem(db: ExchangeDb, userId: string, itemType: FollowItemType, slug: string): void {
  const { table } = followTargets[itemType];
  const item = db.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get();
  if (item)
    db.delete(follows)
      .where(followOf(userId, itemType, item.id))
      .run();
}

export function isFollowing(db: ExchangeDb, userId: string, itemType: FollowItemType, itemId: number): boolean {
  return !!db
    .select({ id: follows.id })
    .from(follows)
    .where(followOf(userId, itemType, itemId))
    .get();
}

export function listFollows(db: ExchangeDb, userId: string) {
  const followed = (itemType: FollowItemType) => {
    const { table, column } = followTargets[itemType];
    return db
      .select({ slug: table.slug, title: table.title, status: table.status, since: follows.createdAt })
      .from(follows)
      .innerJoin(table, eq(table.id, column))
      .where(eq(follows.userId, userId))
      .orderBy(asc(table.title))
      .all();
  };
  return { ideas: followed("idea"), needs: followed("need") };
}

// ---------------------------------------------------------------------------------------
// Saved searches

export const MAX_SAVED_SEARCHES = 20;

/** Saves the /ideas search in `search` (a query string); new ideas published from now on are announced. */
export function saveSearch(db: ExchangeDb, userId: string, search: string, now = new Date()): { id: number; description: string } {
  const canonical = canonicalSearch(search);
  if (!canonical) throw new AlertError("That search cannot be saved: check its filters.");
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: savedSearches.id })
      .from(savedSearches)
      .where(and(eq(savedSearches.userId, userId), eq(savedSearches.query, canonical.query)))
      .get();
    if (existing) return { id: existing.id, description: describeSearch(canonical.filters) };
    const [{ n }] = tx
      .select({ n: sql<number>`count(*)` })
      .from(savedSearches)
      .where(eq(savedSearches.userId, userId))
      .all();
    if (n >= MAX_SAVED_SEARCHES) throw new AlertError(`You can save up to ${MAX_SAVED_SEARCHES} searches: delete one first.`);
    const row = tx.insert(savedSearches).values({ userId, query: canonical.query, checkedUpTo: now }).returning({ id: savedSearches.id }).get();
    return { id: row.id, description: describeSearch(canonical.filters) };
  });
}

export function deleteSavedSearch(db: ExchangeDb, userId: string, searchId: number): void {
  db.delete(savedSearches)
    .where(and(eq(savedSearches.id, searchId), eq(savedSearches.userId, userId)))
    .run();
}

export function listSavedSearches(db: ExchangeDb, userId: string) {
  return db
    .select()
    .from(savedSearches)
    .where(eq(savedSearches.userId, userId))
    .orderBy(desc(savedSearches.id))
    .all()
    .map((row) => {
      const canonical = canonicalSearch(row.query);
      return { id: row.id, query: row.query, description: canonical ? describeSearch(canonical.filters) : row.query, createdAt: row.createdAt };
    });
}

/** Whether the user has saved this /ideas search already. */
export function findSavedSearch(db: ExchangeDb, userId: string, search: string): number | null {
  const canonical = canonicalSearch(search);
  if (!canonical) return null;
  return (
    db
      .select({ id: savedSearches.id })
      .from(savedSearches)
      .where(and(eq(savedSearches.userId, userId), eq(savedSearches.query, canonical.query)))
      .get()?.id ?? null
  );
}

/** An FTS5 query needing every word (as a prefix), each quoted so user input is never syntax. */
function allWords(q: string): string | null {
  const words = [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 20);
  return words.length ? words.map((word) => `"${word}"*`).join(" AND ") : null;
}

/** Published ideas first published in (after, upTo] that a saved search matches, oldest first. */
export function newIdeasMatching(db: Reader, filters: SavedSearchFilters, after: Date, upTo: Date) {
  const clauses: SQL[] = [eq(ideas.status, "published"), isNotNull(ideas.publishedAt), gt(ideas.publishedAt, after), lte(ideas.publishedAt, upTo)];
  clauses.push(...ideaFacetConditions(filtersFromParams(filters)));
  const match = allWords(filters.q);
  if (match) clauses.push(sql`ideas.id in (select rowid from ideas_fts where ideas_fts match ${match})`);
  return db
    .select({ slug: ideas.slug, title: ideas.title, publishedAt: ideas.publishedAt })
    .from(ideas)
    .where(and(...clauses))
    .orderBy(asc(ideas.publishedAt), asc(ideas.id))
    .all();
}

// ---------------------------------------------------------------------------------------
// The alerts job

/**
 * Ideas are looked for only once they have been published this long: an import in another
 * process stamps publishedAt when its transaction begins, and a long one commits later.
 */
export const PUBLICATION_GRACE_MS = 2 * 60_000;

export type AlertRun = { ideaFollowers: number; needFollowers: number; searches: number };

export function runAlerts(db: ExchangeDb, now = new Date(), options: { graceMs?: number } = {}): AlertRun {
  const run: AlertRun = { ideaFollowers: 0, needFollowers: 0, searches: 0 };
  const upTo = new Date(now.getTime() - (options.graceMs ?? PUBLICATION_GRACE_MS));
  db.transaction((tx) => {
    // Followed ideas: new (or newly adopted) published case studies.
    const ideaFollows = tx.select().from(follows).where(isNotNull(follows.ideaId)).orderBy(asc(follows.ideaId)).all();
    const ideaIds = [...new Set(ideaFollows.map((follow) => follow.ideaId!))];
    const ideaRows = ideaIds.length
      ? tx.select({ id: ideas.id, slug: ideas.slug, title: ideas.title, status: ideas.status }).from(ideas).where(inArray(ideas.id, ideaIds)).all()
      : [];
    const ideaById = new Map(ideaRows.map((row) => [row.id, row]));
    const studiesByIdea = new Map<number, ReturnType<typeof publishedStudies>>();
    for (const follow of ideaFollows) {
      const idea = ideaById.get(follow.ideaId!);
      if (!idea || idea.status !== "published") continue; // told again once it is back
      if (!studiesByIdea.has(idea.id)) studiesByIdea.set(idea.id, publishedStudies(tx, idea.id));
      const studies = studiesByIdea.get(idea.id)!;
      const current = studies.map((study) => study.key);
      const unseen = unseenKeys(parseSeenKeys(follow.seen), current);
      if (unseen.length) {
        const fresh = studies.filter((study) => unseen.includes(study.key));
        const places = fresh.map(
          (study) => `${study.locality}${study.country ? `, ${study.country}` : ""} (${study.status}${study.year ? ` since ${study.year}` : ""})`,
        );
        notifyUser(tx, follow.userId, {
          title: fresh.length === 1 ? `New case study of “${idea.title}”: ${places[0]}` : `${fresh.length} new case studies of “${idea.title}”`,
          body: fresh.length === 1 ? undefined : places.join("\n"),
          link: `/ideas/${idea.slug}#case-studies`,
        });
        run.ideaFollowers++;
      }
      const seen = JSON.stringify(current);
      if (seen !== follow.seen) tx.update(follows).set({ seen }).where(eq(follows.id, follow.id)).run();
    }

    // Followed needs: any change to what the public sees, or closing.
    const needFollows = tx.select().from(follows).where(isNotNull(follows.needId)).orderBy(asc(follows.needId)).all();
    const needIds = [...new Set(needFollows.map((follow) => follow.needId!))];
    const needRows = needIds.length ? tx.select().from(needs).where(inArray(needs.id, needIds)).all() : [];
    const needById = new Map(needRows.map((row) => [row.id, { row, state: needState(row) }]));
    for (const follow of needFollows) {
      const need = needById.get(follow.needId!);
      if (!need || need.state === follow.seen) continue;
      // A need back in review (a draft or resubmitted) is not news until it is open or closed.
      if (need.row.status === "open" || need.row.status === "closed") {
        notifyUser(tx, follow.userId, {
          title: need.row.status === "closed" ? `The need “${need.row.title}” has closed` : `The need “${need.row.title}” has changed`,
          link: need.row.status === "open" ? `/needs/${need.row.slug}` : "/alerts",
        });
        run.needFollowers++;
        tx.update(follows).set({ seen: need.state }).where(eq(follows.id, follow.id)).run();
      }
    }

    // Saved searches: ideas first published since the last check.
    for (const search of tx.select().from(savedSearches).where(lte(savedSearches.checkedUpTo, upTo)).all()) {
      const canonical = canonicalSearch(search.query);
      if (canonical) {
        const found = newIdeasMatching(tx, canonical.filters, search.checkedUpTo, upTo);
        if (found.length) {
          const description = describeSearch(canonical.filters);
          notifyUser(tx, search.userId, {
            title:
              found.length === 1
                ? `A new idea matches your saved search ${description}: “${found[0].title}”`
                : `${found.length} new ideas match your saved search ${description}`,
            body:
              found.length === 1
                ? undefined
                : found
                    .slice(0, 10)
                    .map((idea) => `• ${idea.title}`)
                    .join("\n") + (found.length > 10 ? `\n…and ${found.length - 10} more` : ""),
            link: found.length === 1 ? `/ideas/${found[0].slug}` : `/ideas${search.query ? `?${search.query}` : ""}`,
          });
          run.searches++;
        }
      }
      tx.update(savedSearches).set({ checkedUpTo: upTo }).where(eq(savedSearches.id, search.id)).run();
    }
  });
  return run;
}

export type AlertJobs = { stop: () => Promise<void>; runOnce: () => AlertRun };

/** Runs the alerts job every minute (unref'd timers: they never keep a finished process alive). */
export function startAlertJobs(db: ExchangeDb, options: { intervalMs?: number; log?: (message: string) => void } = {}): AlertJobs {
  const log = options.log ?? ((message: string) => console.warn(message));
  const runOnce = () => runAlerts(db);
  const tick = () => {
    try {
      const run = runOnce();
      const told = run.ideaFollowers + run.needFollowers + run.searches;
      if (told) log(`alerts: ${run.ideaFollowers} idea follower(s), ${run.needFollowers} need follower(s), ${run.searches} saved search(es) notified`);
    } catch (error) {
      log(`alerts: the alerts job failed: ${error instanceof Error ? error.message : error}`);
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    runOnce,
    stop: async () => clearInterval(timer),
  };
}
