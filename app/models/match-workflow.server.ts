// Matches from suggestion to adoption: proposals, the engine's suggestions, each party's
// actions (app/domain/match-workflow.ts holds the rules), consent-based introductions with a
// message thread, and what each party may see. Every change is audited and announced.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { ExchangeDb, ExchangeTx } from "../../db/client";
import { ideas, matches, matchMessages, needs, organisations, users, type IdeaRow, type MatchRow, type NeedRow } from "../../db/schema";
import {
  availableMatchActions,
  innovatorCanSee,
  introductionAgreed,
  isMatchOverdue,
  matchActionBlocker,
  matchActionNeedsText,
  matchDueAt,
  matchPartyOf,
  statusAfterAction,
  type MatchAction,
  type MatchParty,
} from "../domain/match-workflow";
import { MATCH_MESSAGE_MAX, missingMatchText } from "../domain/match-forms";
import { MATCH_TEXT_MAX } from "../domain/match-queue";
import { procurementRouteHint, type ProcurementHint } from "../domain/procurement-hint";
import type { MatchSource, MatchStatus, Role } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { draftLivingCaseStudy } from "./living-case-studies.server";
import { notifyUser } from "./notifications.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";

export type MatchActor = { id: string; role: Role };

function partyFor(actor: MatchActor, need: Pick<NeedRow, "ownerId">, idea: Pick<IdeaRow, "ownerId">): MatchParty | null {
  return matchPartyOf(actor.role, need.ownerId === actor.id, idea.ownerId === actor.id);
}

/** Whether this party may see the match at all (innovators only once a broker has confirmed it). */
function canSee(party: MatchParty | null, match: MatchRow): party is MatchParty {
  if (!party) return false;
  return party !== "innovator" || innovatorCanSee(match);
}

const matchLink = (matchId: number) => `/matches/${matchId}`;

// ---------------------------------------------------------------------------------------
// Creating matches

export type ProposalInput = { needId: number; ideaId: number; score?: number | null; reasons?: string[]; note?: string | null };

/**
 * Puts a need and an idea forward as a match (status `suggested`), or returns the existing
 * match of the pair. Commissioners propose for their own needs, innovators their own ideas,
 * brokers anything; the need must be open and the idea published.
 */
export function proposeMatch(db: ExchangeDb, actor: MatchActor | null, input: ProposalInput, now = new Date()): { match: MatchRow; created: boolean } {
  return db.transaction((tx) => proposeInTx(tx, actor, input, now));
}

function proposeInTx(tx: ExchangeTx, actor: MatchActor | null, input: ProposalInput, now: Date): { match: MatchRow; created: boolean } {
  const need = tx.select().from(needs).where(eq(needs.id, input.needId)).get();
  const idea = tx.select().from(ideas).where(eq(ideas.id, input.ideaId)).get();
  if (!need || !idea) throw new NotFoundError("There is no such need or idea.");
  if (need.status !== "open") throw new ConflictError("Matches can be made only for open needs.");
  if (idea.status !== "published") throw new ConflictError("Matches can be made only with published ideas.");
  const source: MatchSource = actor ? sourceOf(actor, need, idea) : "engine";
  const existing = tx
    .select()
    .from(matches)
    .where(and(eq(matches.needId, need.id), eq(matches.ideaId, idea.id)))
    .get();
  if (existing) return { match: existing, created: false };
  const match = tx
    .insert(matches)
    .values({
      needId: need.id,
      ideaId: idea.id,
      status: "suggested",
      source,
      score: input.score ?? null,
      reasons: input.reasons ?? [],
      proposedById: actor?.id ?? null,
      statusChangedAt: now,
      dueAt: matchDueAt("suggested", now),
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  recordAudit(tx, {
    itemType: "match",
    itemId: match.id,
    actorId: actor?.id ?? null,
    action: "propose",
    after: { status: "suggested", source },
    reason: input.note?.trim() || null,
  });
  if (source === "innovator") {
    notifyUser(tx, need.ownerId, {
      title: `An innovator put “${idea.title}” forward for your need “${need.title}”`,
      body: "A broker will look at it first.",
      link: matchLink(match.id),
    });
  }
  return { match, created: true };
}

function sourceOf(actor: MatchActor, need: NeedRow, idea: IdeaRow): MatchSource {
  if (actor.role === "broker" || actor.role === "admin") return "broker";
  if (actor.role === "commissioner" && need.ownerId === actor.id) return "commissioner";
  if (actor.role === "innovator" && idea.ownerId === actor.id) return "innovator";
  throw new NotAllowedError(
    actor.role === "innovator"
      ? "You can put forward only your own ideas."
      : actor.role === "commissioner"
        ? "You can add ideas only to your own needs."
        : "You can't propose matches.",
  );
}

/** Records the engine's top matches for a need as suggestions (existing pairs are left as they are). */
export function recordEngineSuggestions(
  db: ExchangeDb,
  needId: number,
  suggestions: readonly { ideaId: number; score: number; reasons: string[] }[],
  now = new Date(),
): number {
  return db.transaction((tx) => {
    let created = 0;
    for (const suggestion of suggestions) {
      const result = proposeInTx(tx, null, { needId, ideaId: suggestion.ideaId, score: suggestion.score, reasons: suggestion.reasons }, now);
      if (result.created) created++;
    }
    return created;
  });
}

// ---------------------------------------------------------------------------------------
// Acting on a match

export type MatchActionInput = { action: MatchAction; text?: string | null };

export function applyMatchAction(db: ExchangeDb, actor: MatchActor, matchId: number, input: MatchActionInput, now = new Date()): MatchRow {
  const text = input.text?.trim() ?? "";
  const needsText = matchActionNeedsText(input.action);
  if (needsText && !text) throw new ConflictError(missingMatchText[needsText]);
  if (text.length > MATCH_TEXT_MAX) throw new ConflictError(`Keep it under ${MATCH_TEXT_MAX} characters.`);
  return db.transaction((tx) => {
    const { match, need, idea } = loadMatch(tx, matchId);
    const party = partyFor(actor, need, idea);
    if (!canSee(party, match)) throw new NotAllowedError("You can't act on this match.");
    const blocker = matchActionBlocker(input.action, party, match);
    if (blocker) throw new ConflictError(blocker);

    const status = statusAfterAction(input.action, match);
    const changes: Partial<MatchRow> = { updatedAt: now };
    if (input.action === "confirm") Object.assign(changes, { confirmedAt: now, confirmedById: actor.id, rationale: text });
    if (input.action === "request-introduction") changes.commissionerConsentAt = now;
    if (input.action === "opt-in") changes.innovatorConsentAt = now;
    if (input.action === "decline") Object.assign(changes, { declineReason: text, declinedFrom: match.status, declinedById: actor.id });
    if (status !== match.status) Object.assign(changes, { status, statusChangedAt: now, dueAt: matchDueAt(status, now) });
    const updated = tx.update(matches).set(changes).where(eq(matches.id, match.id)).returning().get();

    recordAudit(tx, {
      itemType: "match",
      itemId: match.id,
      actorId: actor.id,
      action: input.action,
      before: { status: match.status },
      after: { status },
      reason: text || null,
    });
    announce(tx, input.action, party, updated, need, idea, text);
    if (status === "adopted") draftLivingCaseStudy(tx, updated, need, idea, now);
    return updated;
  });
}

function loadMatch(tx: Pick<ExchangeDb, "select">, matchId: number) {
  const match = tx.select().from(matches).where(eq(matches.id, matchId)).get();
  if (!match) throw new NotFoundError("There is no such match.");
  const need = tx.select().from(needs).where(eq(needs.id, match.needId)).get();
  const idea = tx.select().from(ideas).where(eq(ideas.id, match.ideaId)).get();
  if (!need || !idea) throw new NotFoundError("There is no such match.");
  return { match, need, idea };
}

function announce(tx: ExchangeTx, action: MatchAction, party: MatchParty, match: MatchRow, need: NeedRow, idea: IdeaRow, text: string): void {
  const link = matchLink(match.id);
  const pair = `“${idea.title}” for “${need.title}”`;
  const both = (title: string, body?: string) => {
    if (party !== "commissioner") notifyUser(tx, need.ownerId, { title, body, link });
    if (party !== "innovator" && innovatorCanSee(match)) notifyUser(tx, idea.ownerId, { title, body, link });
  };
  switch (action) {
    case "confirm":
      notifyUser(tx, need.ownerId, { title: `A broker confirmed the match ${pair}`, body: text, link });
      notifyUser(tx, idea.ownerId, {
        title: `A commissioner's need matches your idea “${idea.title}”`,
        body: `${text}\n\nOpen the match to agree to an introduction; your contact details are shared only once both sides agree.`,
        link,
      });
      return;
    case "request-introduction":
      if (match.status === "introduced") both(`Introduction made: ${pair}`, "Both sides agreed: contact details and the message thread are open.");
      else if (match.confirmedAt)
        notifyUser(tx, idea.ownerId, { title: `The commissioner asked for an introduction: ${pair}`, body: "Agree to it to share contact details.", link });
      return;
    case "opt-in":
      if (match.status === "introduced") both(`Introduction made: ${pair}`, "Both sides agreed: contact details and the message thread are open.");
      else
        notifyUser(tx, need.ownerId, {
          title: `The innovator agreed to an introduction: ${pair}`,
          body: "Ask for an introduction to share contact details.",
          link,
        });
      return;
    case "start-pilot":
      both(`Pilot started: ${pair}`);
      return;
    case "adopt":
      both(`Adopted: ${pair}`, "A case study draft has been made from the match; the commissioner will be asked for outcomes at 6, 12 and 24 months.");
      return;
    case "decline":
      both(`Match declined: ${pair}`, text);
      return;
    case "shortlist":
      return;
  }
}

// ---------------------------------------------------------------------------------------
// Messages

export function postMatchMessage(db: ExchangeDb, actor: MatchActor, matchId: number, body: string, now = new Date()): void {
  const text = body.trim();
  if (!text) throw new ConflictError("Write a message first.");
  if (text.length > MATCH_MESSAGE_MAX) throw new ConflictError(`Keep messages under ${MATCH_MESSAGE_MAX} characters.`);
  db.transaction((tx) => {
    const { match, need, idea } = loadMatch(tx, matchId);
    const party = partyFor(actor, need, idea);
    if (!canSee(party, match)) throw new NotAllowedError("You can't write on this match.");
    if (!introductionAgreed(match)) throw new ConflictError("The message thread opens once both sides have agreed to an introduction.");
    tx.insert(matchMessages).values({ matchId: match.id, authorId: actor.id, body: text, createdAt: now }).run();
    const title = `New message on ${idea.title} for ${need.title}`;
    for (const userId of [need.ownerId, idea.ownerId])
      if (userId && userId !== actor.id) notifyUser(tx, userId, { title, body: text.slice(0, 300), link: matchLink(match.id) });
  });
}

// ---------------------------------------------------------------------------------------
// Reading

export type MatchSummary = {
  id: number;
  status: MatchStatus;
  source: MatchSource;
  score: number | null;
  reasons: string[];
  confirmed: boolean;
  commissionerAgreed: boolean;
  innovatorAgreed: boolean;
  dueAt: Date | null;
  overdue: boolean;
  statusChangedAt: Date;
  need: { id: number; slug: string; title: string; locality: string | null };
  idea: { id: number; slug: string; title: string };
};

const summaryColumns = {
  match: matches,
  need: { id: needs.id, slug: needs.slug, title: needs.title, locality: needs.locality },
  idea: { id: ideas.id, slug: ideas.slug, title: ideas.title },
};

function toSummary(row: { match: MatchRow; need: MatchSummary["need"]; idea: MatchSummary["idea"] }, now: Date): MatchSummary {
  const { match } = row;
  return {
    id: match.id,
    status: match.status,
    source: match.source,
    score: match.score,
    reasons: match.reasons,
    confirmed: match.confirmedAt !== null,
    commissionerAgreed: match.commissionerConsentAt !== null,
    innovatorAgreed: match.innovatorConsentAt !== null,
    dueAt: match.dueAt,
    overdue: isMatchOverdue(match, now),
    statusChangedAt: match.statusChangedAt ?? match.createdAt,
    need: row.need,
    idea: row.idea,
  };
}

function listSummaries(db: ExchangeDb, where: SQL | undefined, now: Date): MatchSummary[] {
  return db
    .select(summaryColumns)
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(ideas, eq(ideas.id, matches.ideaId))
    .where(where)
    .orderBy(desc(matches.updatedAt), desc(matches.id))
    .all()
    .map((row) => toSummary(row, now));
}

/** The matches of one need, for its commissioner or a broker. */
export function listMatchesForNeed(db: ExchangeDb, needId: number, now = new Date()): MatchSummary[] {
  return listSummaries(db, eq(matches.needId, needId), now);
}

/** Matches on an innovator's ideas that they may see. */
export function listMatchesForInnovator(db: ExchangeDb, userId: string, now = new Date()): MatchSummary[] {
  return listSummaries(db, and(eq(ideas.ownerId, userId), or(isNotNull(matches.confirmedAt), eq(matches.source, "innovator"))), now);
}

/** Matches on a commissioner's needs. */
export function listMatchesForCommissioner(db: ExchangeDb, userId: string, now = new Date()): MatchSummary[] {
  return listSummaries(db, eq(needs.ownerId, userId), now);
}

export type MatchQueueFilter = {
  /** `awaiting`: suggested or shortlisted and not yet confirmed; `open`: any open status. */
  view?: "awaiting" | "open" | "overdue" | "all";
  status?: MatchStatus;
  page?: number;
  pageSize?: number;
};

/** The brokers' match queue, most urgent first. */
export function listMatchQueue(db: ExchangeDb, filter: MatchQueueFilter, now = new Date()): { items: MatchSummary[]; total: number } {
  const conditions = [];
  const view = filter.view ?? "awaiting";
  if (view === "awaiting") conditions.push(inArray(matches.status, ["suggested", "shortlisted"]), isNull(matches.confirmedAt));
  if (view === "open") conditions.push(inArray(matches.status, ["suggested", "shortlisted", "introduced", "piloting"]));
  if (view === "overdue") conditions.push(inArray(matches.status, ["suggested", "shortlisted", "introduced", "piloting"]), lt(matches.dueAt, now));
  if (filter.status) conditions.push(eq(matches.status, filter.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const pageSize = filter.pageSize ?? 25;
  const page = Math.max(1, filter.page ?? 1);
  const [{ total }] = db
    .select({ total: sql<number>`count(*)` })
    .from(matches)
    .where(where)
    .all();
  const items = db
    .select(summaryColumns)
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(ideas, eq(ideas.id, matches.ideaId))
    .where(where)
    .orderBy(sql`${matches.dueAt} is null`, asc(matches.dueAt), asc(matches.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map((row) => toSummary(row, now));
  return { items, total };
}

export type MatchContact = { name: string; email: string; organisation: string | null };

export type MatchView = MatchSummary & {
  party: MatchParty;
  rationale: string | null;
  declineReason: string | null;
  declinedFrom: MatchStatus | null;
  actions: MatchAction[];
  procurementHint: ProcurementHint;
  need: MatchSummary["need"] & Pick<NeedRow, "problem" | "budgetMin" | "budgetMax" | "fundingRoutes" | "diffusionModels">;
  idea: MatchSummary["idea"] & Pick<IdeaRow, "summary" | "diffusionModels">;
  /** Both sides' contact details, once both have agreed to an introduction. */
  contacts: { commissioner: MatchContact | null; innovator: MatchContact | null } | null;
  messages: { id: number; authorName: string | null; body: string; createdAt: Date }[];
};

function contactOf(db: Pick<ExchangeDb, "select">, userId: string | null): MatchContact | null {
  if (!userId) return null;
  const row = db
    .select({ name: users.displayName, email: users.email, organisation: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId))
    .get();
  return row ?? null;
}

/** The match as this actor may see it; NotFoundError / NotAllowedError otherwise. */
export function getMatchView(db: ExchangeDb, actor: MatchActor, matchId: number, now = new Date()): MatchView {
  const { match, need, idea } = loadMatch(db, matchId);
  const party = partyFor(actor, need, idea);
  if (!canSee(party, match)) throw new NotAllowedError("You can't see this match.");
  const agreed = introductionAgreed(match);
  const messages = agreed
    ? db
        .select({ id: matchMessages.id, authorName: users.displayName, body: matchMessages.body, createdAt: matchMessages.createdAt })
        .from(matchMessages)
        .leftJoin(users, eq(users.id, matchMessages.authorId))
        .where(eq(matchMessages.matchId, match.id))
        .orderBy(asc(matchMessages.id))
        .all()
    : [];
  return {
    ...toSummary(
      { match, need: { id: need.id, slug: need.slug, title: need.title, locality: need.locality }, idea: { id: idea.id, slug: idea.slug, title: idea.title } },
      now,
    ),
    party,
    rationale: match.rationale,
    declineReason: match.declineReason,
    declinedFrom: match.declinedFrom,
    actions: availableMatchActions(party, match),
    procurementHint: procurementRouteHint({
      ideaModels: idea.diffusionModels,
      needModels: need.diffusionModels,
      fundingRoutes: need.fundingRoutes,
      budgetMin: need.budgetMin,
      budgetMax: need.budgetMax,
    }),
    need: {
      id: need.id,
      slug: need.slug,
      title: need.title,
      locality: need.locality,
      problem: need.problem,
      budgetMin: need.budgetMin,
      budgetMax: need.budgetMax,
      fundingRoutes: need.fundingRoutes,
      diffusionModels: need.diffusionModels,
    },
    idea: { id: idea.id, slug: idea.slug, title: idea.title, summary: idea.summary, diffusionModels: idea.diffusionModels },
    contacts: agreed ? { commissioner: contactOf(db, need.ownerId), innovator: contactOf(db, idea.ownerId) } : null,
    messages,
  };
}

/** The match of this need and idea, if any (for the commissioner's ranked list). */
export function matchesByIdeaForNeed(db: ExchangeDb, needId: number): Map<number, MatchRow> {
  return new Map(
    db
      .select()
      .from(matches)
      .where(eq(matches.needId, needId))
      .all()
      .map((row) => [row.ideaId, row]),
  );
}
