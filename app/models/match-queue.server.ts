// The reads and the proposal behind the brokers' match queue (/broker/matches) and the
// proposal forms (a broker's /broker/matches/new, an innovator's on a need's page). The
// workflow itself is match-workflow.server.ts; this turns slugs typed by people into its
// ids, with an error a person can act on for each way the pair can be wrong.
import { and, asc, count, eq, like, or } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideas, matches, needs } from "../../db/schema";
import { byUrgency, inMatchQueueView, MATCH_QUEUE_PAGE_SIZE, matchQueueViews, type MatchQueueParams, type MatchQueueView } from "../domain/match-queue";
import type { MatchStatus } from "../domain/vocabulary";
import { listMatchesForNeed, listMatchQueue, proposeMatch, type MatchActor, type MatchSummary } from "./match-workflow.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";

export type MatchQueuePage = {
  items: MatchSummary[];
  total: number;
  totalPages: number;
  counts: Record<MatchQueueView, number>;
  /** The need the queue is narrowed to (`?need=`), or null. */
  need: { id: number; slug: string; title: string; status: string } | null;
};

/** One page of the queue, most urgent first, with the count of each view (under the same need and status filters). */
export function loadMatchQueue(db: ExchangeDb, params: MatchQueueParams, now: Date, pageSize = MATCH_QUEUE_PAGE_SIZE): MatchQueuePage | null {
  if (params.need) {
    const need = db.select({ id: needs.id, slug: needs.slug, title: needs.title, status: needs.status }).from(needs).where(eq(needs.slug, params.need)).get();
    if (!need) return null;
    // One need has a handful of matches: filtered and sorted here, with the queue's rules.
    const all = listMatchesForNeed(db, need.id, now);
    const counts = Object.fromEntries(
      matchQueueViews.map((view) => [view, all.filter((match) => inMatchQueueView(match, view, params.status, now)).length]),
    ) as Record<MatchQueueView, number>;
    const inView = all.filter((match) => inMatchQueueView(match, params.view, params.status, now)).sort(byUrgency);
    const start = (params.page - 1) * pageSize;
    return { items: inView.slice(start, start + pageSize), total: inView.length, totalPages: Math.max(1, Math.ceil(inView.length / pageSize)), counts, need };
  }
  const filter = { status: params.status ?? undefined };
  const { items, total } = listMatchQueue(db, { ...filter, view: params.view, page: params.page, pageSize }, now);
  const counts = Object.fromEntries(
    matchQueueViews.map((view) => [view, view === params.view ? total : listMatchQueue(db, { ...filter, view, pageSize: 1 }, now).total]),
  ) as Record<MatchQueueView, number>;
  return { items, total, totalPages: Math.max(1, Math.ceil(total / pageSize)), counts, need: null };
}

/** The id of the open need with this slug; null when the need is not open, undefined when there is none. */
export function openNeedIdBySlug(db: ExchangeDb, slug: string): number | null | undefined {
  const need = db.select({ id: needs.id, status: needs.status }).from(needs).where(eq(needs.slug, slug)).get();
  if (!need) return undefined;
  return need.status === "open" ? need.id : null;
}

export const NEED_SELECT_MAX = 300;

/** Open needs for the proposal form's select (null when there are too many for one: a slug field then). */
export function openNeedChoices(db: ExchangeDb): { slug: string; title: string; locality: string | null }[] | null {
  const [{ n }] = db.select({ n: count() }).from(needs).where(eq(needs.status, "open")).all();
  if (n > NEED_SELECT_MAX) return null;
  return db
    .select({ slug: needs.slug, title: needs.title, locality: needs.locality })
    .from(needs)
    .where(eq(needs.status, "open"))
    .orderBy(asc(needs.title))
    .all();
}

/** Published ideas whose title or slug contains the words typed (for the proposal form's finder). */
export function findPublishedIdeas(db: ExchangeDb, query: string, limit = 10): { slug: string; title: string; summary: string }[] {
  const text = query.trim().slice(0, 100);
  if (!text) return [];
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db
    .select({ slug: ideas.slug, title: ideas.title, summary: ideas.summary })
    .from(ideas)
    .where(and(eq(ideas.status, "published"), or(like(ideas.title, pattern), like(ideas.slug, pattern))))
    .orderBy(asc(ideas.title))
    .limit(limit)
    .all();
}

export type ProposalOutcome =
  | { ok: true; matchId: number; needSlug: string }
  | { ok: false; status: 400 | 403 | 409; errors: { need?: string; idea?: string; form?: string }; existingMatchId?: number };

/**
 * Proposes the pair named by slugs: each unknown slug, a need that is not open, an idea that
 * is not published and a pair already matched gets its own message, next to its field.
 */
export function proposeBySlugs(
  db: ExchangeDb,
  actor: MatchActor,
  input: { need: string; idea: string; note?: string | null },
  now = new Date(),
): ProposalOutcome {
  const need = db.select({ id: needs.id, slug: needs.slug, title: needs.title, status: needs.status }).from(needs).where(eq(needs.slug, input.need)).get();
  const idea = db.select({ id: ideas.id, slug: ideas.slug, title: ideas.title, status: ideas.status }).from(ideas).where(eq(ideas.slug, input.idea)).get();
  const errors: { need?: string; idea?: string } = {};
  if (!need) errors.need = `There is no need with the slug “${input.need}”.`;
  else if (need.status !== "open") errors.need = `“${need.title}” is not open (it is ${need.status}): matches can be made only for open needs.`;
  if (!idea) errors.idea = `There is no idea with the slug “${input.idea}”.`;
  else if (idea.status !== "published") errors.idea = `“${idea.title}” is not published (it is ${idea.status}): matches can be made only with published ideas.`;
  if (!need || !idea) return { ok: false, status: 400, errors };
  if (errors.need || errors.idea) return { ok: false, status: 409, errors };
  const existing = db
    .select({ id: matches.id, status: matches.status })
    .from(matches)
    .where(and(eq(matches.needId, need.id), eq(matches.ideaId, idea.id)))
    .get();
  if (existing) return duplicate(actor, existing, idea.title, need.title);
  try {
    const { match, created } = proposeMatch(db, actor, { needId: need.id, ideaId: idea.id, note: input.note ?? null }, now);
    if (!created) return duplicate(actor, match, idea.title, need.title);
    return { ok: true, matchId: match.id, needSlug: need.slug };
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, status: 409, errors: { form: error.message } };
    if (error instanceof NotAllowedError) return { ok: false, status: 403, errors: { idea: error.message } };
    if (error instanceof NotFoundError) return { ok: false, status: 400, errors: { form: error.message } };
    throw error;
  }
}

function duplicate(actor: MatchActor, existing: { id: number; status: MatchStatus }, ideaTitle: string, needTitle: string): ProposalOutcome {
  // Brokers see every match; others only learn that the pair is already being looked at.
  if (actor.role !== "broker" && actor.role !== "admin") {
    return { ok: false, status: 409, errors: { idea: `“${ideaTitle}” is already being considered for “${needTitle}”.` } };
  }
  return {
    ok: false,
    status: 409,
    errors: { idea: `“${ideaTitle}” is already matched with “${needTitle}” (match #${existing.id}, ${existing.status}).` },
    existingMatchId: existing.id,
  };
}

/** An innovator's published ideas, each with whether it is already matched with this need. */
export function ideasToPutForward(db: ExchangeDb, userId: string, needId: number): { slug: string; title: string; matched: boolean }[] {
  const own = db
    .select({ id: ideas.id, slug: ideas.slug, title: ideas.title })
    .from(ideas)
    .where(and(eq(ideas.ownerId, userId), eq(ideas.status, "published")))
    .orderBy(asc(ideas.title))
    .all();
  if (!own.length) return [];
  const matched = new Set(
    db
      .select({ ideaId: matches.ideaId })
      .from(matches)
      .where(eq(matches.needId, needId))
      .all()
      .map((row) => row.ideaId),
  );
  return own.map((idea) => ({ slug: idea.slug, title: idea.title, matched: matched.has(idea.id) }));
}

export type PutForwardOutcome =
  { ok: true; ideaSlug: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: { idea?: string; note?: string; form?: string } };

/** An innovator puts one of their published ideas forward for an open need (source `innovator`). */
export function putForwardIdea(
  db: ExchangeDb,
  actor: MatchActor,
  needSlug: string,
  input: { idea: string; note?: string | null },
  now = new Date(),
): PutForwardOutcome {
  const needId = openNeedIdBySlug(db, needSlug);
  if (needId === undefined) return { ok: false, status: 404, errors: { form: "There is no open need at this address." } };
  if (needId === null) return { ok: false, status: 409, errors: { form: "This need is no longer open." } };
  const idea = db.select({ ownerId: ideas.ownerId, status: ideas.status }).from(ideas).where(eq(ideas.slug, input.idea)).get();
  if (!idea || idea.ownerId !== actor.id || idea.status !== "published")
    return { ok: false, status: 400, errors: { idea: "Choose one of your published ideas." } };
  const outcome = proposeBySlugs(db, actor, { need: needSlug, idea: input.idea, note: input.note }, now);
  if (outcome.ok) return { ok: true, ideaSlug: input.idea };
  return { ok: false, status: outcome.status, errors: { idea: outcome.errors.idea ?? outcome.errors.need, form: outcome.errors.form } };
}
