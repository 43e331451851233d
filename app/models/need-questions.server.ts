// Clarification questions on a need (need_questions): a signed-in innovator asks on the need's
// public page, the commissioner who posted the need answers from their need screen (the answer
// is then public), and brokers hide a question with a reason or restore it. Every change is in
// the need's audit log and tells the other side (in the site, and by email as they prefer).
import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ExchangeDb, ExchangeTx } from "../../db/client";
import { needQuestions, needs, organisations, users, type NeedQuestionRow } from "../../db/schema";
import { askerLabel, mayAnswer, restoredStatus, type BrokerQuestionView } from "../domain/need-questions";
import type { NeedQuestionStatus, Role } from "../domain/vocabulary";
import { recordAudit } from "./audit.server";
import { notifyUser } from "./notifications.server";
import { ConflictError, NotAllowedError, NotFoundError } from "./errors.server";
import type { SelectedFields } from "drizzle-orm/sqlite-core";

export type QuestionActor = { id: string; role: Role };

const askers = alias(users, "askers");
const askerOrganisations = alias(organisations, "asker_organisations");
const moderators = alias(users, "moderators");

function excerpt(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

const publicLink = (slug: string) => `/needs/${slug}#questions`;
const ownerLink = (slug: string) => `/my/needs/${slug}#questions`;

/** An innovator asks a question on an open need; its commissioner is told. */
export function askQuestion(db: ExchangeDb, actor: QuestionActor, needSlug: string, input: { question: string; showName?: boolean }): NeedQuestionRow {
  if (actor.role !== "innovator") throw new NotAllowedError("Only innovators can ask questions on a need.");
  return db.transaction((tx) => {
    const need = tx
      .select({ id: needs.id, slug: needs.slug, title: needs.title, status: needs.status, ownerId: needs.ownerId })
      .from(needs)
      .where(eq(needs.slug, needSlug))
      .get();
    // Drafts and needs in triage are not public: as if there were none.
    if (!need || need.status === "draft" || need.status === "submitted") throw new NotFoundError("There is no open need at this address.");
    if (need.status !== "open") throw new ConflictError("This need is no longer open, so it does not take questions.");
    const question = tx
      .insert(needQuestions)
      .values({ needId: need.id, askerId: actor.id, anonymous: !input.showName, question: input.question.trim(), status: "open" })
      .returning()
      .get();
    recordAudit(tx, {
      itemType: "need",
      itemId: need.id,
      actorId: actor.id,
      action: "question-asked",
      after: { questionId: question.id, status: "open", anonymous: question.anonymous },
    });
    notifyUser(tx, need.ownerId, {
      title: `New question on your need “${need.title}”`,
      body: `${excerpt(question.question, 300)}\n\nYour answer will be public on the need's page.`,
      link: ownerLink(need.slug),
    });
    return question;
  });
}

function loadQuestion(tx: Pick<ExchangeDb, "select">, questionId: number) {
  const row = tx
    .select({ question: needQuestions, need: { id: needs.id, slug: needs.slug, title: needs.title, status: needs.status, ownerId: needs.ownerId } })
    .from(needQuestions)
    .innerJoin(needs, eq(needs.id, needQuestions.needId))
    .where(eq(needQuestions.id, questionId))
    .get();
  if (!row) throw new NotFoundError("There is no such question.");
  return row;
}

type LoadedQuestion = ReturnType<typeof loadQuestion>;

/**
 * One status change of a question: the update only if it is still in the status it was read
 * in (a conflict otherwise), an audit entry on the need, and the asker told.
 */
function moveQuestion(
  tx: ExchangeTx,
  { question, need }: LoadedQuestion,
  change: {
    actor: QuestionActor;
    to: NeedQuestionStatus;
    set: Partial<typeof needQuestions.$inferInsert>;
    action: string;
    reason?: string;
    toAsker: { title: string; body: string };
  },
): NeedQuestionRow {
  const updated = tx
    .update(needQuestions)
    .set({ ...change.set, status: change.to })
    .where(and(eq(needQuestions.id, question.id), eq(needQuestions.status, question.status)))
    .returning()
    .get();
  if (!updated) throw new ConflictError("This question has changed since you opened the page: reload it and try again.");
  recordAudit(tx, {
    itemType: "need",
    itemId: need.id,
    actorId: change.actor.id,
    action: change.action,
    before: { questionId: question.id, status: question.status },
    after: { questionId: question.id, status: change.to },
    ...(change.reason ? { reason: change.reason } : {}),
  });
  notifyUser(tx, question.askerId, { ...change.toAsker, link: publicLink(need.slug) });
  return updated;
}

/**
 * The need's commissioner (or an admin) answers an open question; the answer is published on
 * the need's page at once and the asker is told. `needId`, when given, must be the question's
 * need (the commissioner's screen passes the need it is on).
 */
export function answerQuestion(
  db: ExchangeDb,
  actor: QuestionActor,
  questionId: number,
  answer: string,
  options: { needId?: number; now?: Date } = {},
): NeedQuestionRow {
  return db.transaction((tx) => {
    const loaded = loadQuestion(tx, questionId);
    const { question, need } = loaded;
    if (options.needId !== undefined && question.needId !== options.needId) throw new NotFoundError("There is no such question on this need.");
    if (!mayAnswer(actor, need)) throw new NotAllowedError("Only the commissioner who posted this need can answer its questions.");
    if (question.status === "answered") throw new ConflictError("This question has already been answered.");
    if (question.status === "hidden") throw new ConflictError("A broker has hidden this question, so it cannot be answered.");
    const now = options.now ?? new Date();
    return moveQuestion(tx, loaded, {
      actor,
      to: "answered",
      set: { answer: answer.trim(), answeredById: actor.id, answeredAt: now, updatedAt: now },
      action: "question-answered",
      toAsker: {
        title: `Your question on “${need.title}” has been answered`,
        body: `You asked: ${excerpt(question.question)}\n\nThe answer is on the need's page.`,
      },
    });
  });
}

function requireBroker(actor: QuestionActor): void {
  if (actor.role !== "broker" && actor.role !== "admin") throw new NotAllowedError("Only brokers can moderate questions.");
}

/** A broker hides a question (open or answered) from the public page, with a reason the asker is told. */
export function hideQuestion(db: ExchangeDb, actor: QuestionActor, questionId: number, reason: string, now = new Date()): NeedQuestionRow {
  requireBroker(actor);
  return db.transaction((tx) => {
    const loaded = loadQuestion(tx, questionId);
    const { question, need } = loaded;
    if (question.status === "hidden") throw new ConflictError("This question is already hidden.");
    return moveQuestion(tx, loaded, {
      actor,
      to: "hidden",
      set: { moderationReason: reason.trim(), moderatedById: actor.id, updatedAt: now },
      action: "question-hidden",
      reason: reason.trim(),
      toAsker: {
        title: `A broker hid your question on “${need.title}”`,
        body: `You asked: ${excerpt(question.question)}\n\nThe broker's reason: ${reason.trim()}`,
      },
    });
  });
}

/** A broker puts a hidden question back: answered if it had an answer, otherwise waiting for one. */
export function restoreQuestion(db: ExchangeDb, actor: QuestionActor, questionId: number, now = new Date()): NeedQuestionRow {
  requireBroker(actor);
  return db.transaction((tx) => {
    const loaded = loadQuestion(tx, questionId);
    const { question, need } = loaded;
    if (question.status !== "hidden") throw new ConflictError("This question is not hidden.");
    const status = restoredStatus(question);
    const updated = moveQuestion(tx, loaded, {
      actor,
      to: status,
      set: { moderationReason: null, moderatedById: actor.id, updatedAt: now },
      action: "question-restored",
      toAsker: { title: `Your question on “${need.title}” is shown again`, body: `You asked: ${excerpt(question.question)}` },
    });
    if (status === "open") {
      notifyUser(tx, need.ownerId, {
        title: `A question on your need “${need.title}” is waiting for an answer again`,
        body: excerpt(question.question, 300),
        link: ownerLink(need.slug),
      });
    }
    return updated;
  });
}

// ---------------------------------------------------------------------------------------
// Reads

/** Questions with who asked them (the asker's name and organisation); add the list's own joins, conditions and order. */
function selectQuestionsWithAskers<More extends SelectedFields>(db: ExchangeDb, more: More) {
  return db
    .select({
      id: needQuestions.id,
      question: needQuestions.question,
      status: needQuestions.status,
      anonymous: needQuestions.anonymous,
      askerId: needQuestions.askerId,
      name: askers.displayName,
      organisation: askerOrganisations.name,
      createdAt: needQuestions.createdAt,
      answer: needQuestions.answer,
      answeredAt: needQuestions.answeredAt,
      moderationReason: needQuestions.moderationReason,
      ...more,
    })
    .from(needQuestions)
    .leftJoin(askers, eq(askers.id, needQuestions.askerId))
    .leftJoin(askerOrganisations, eq(askerOrganisations.id, askers.organisationId));
}

export type PublicQuestion = { id: number; question: string; answer: string; answeredAt: string | null; asker: string; mine: boolean };

/** Answered questions of a need, oldest first, the asker named only when they chose to be. */
export function listPublicQuestions(db: ExchangeDb, needId: number, viewerId?: string | null): PublicQuestion[] {
  return selectQuestionsWithAskers(db, {})
    .where(and(eq(needQuestions.needId, needId), eq(needQuestions.status, "answered")))
    .orderBy(asc(needQuestions.answeredAt), asc(needQuestions.id))
    .all()
    .map((row) => ({
      id: row.id,
      question: row.question,
      answer: row.answer ?? "",
      answeredAt: row.answeredAt?.toISOString() ?? null,
      asker: askerLabel(row),
      mine: !!viewerId && row.askerId === viewerId,
    }));
}

export type OwnPendingQuestion = { id: number; question: string; status: NeedQuestionStatus; askedAt: string; moderationReason: string | null };

/** The viewer's own questions on a need that are not public: waiting for an answer, or hidden by a broker (with the reason). */
export function listOwnPendingQuestions(db: ExchangeDb, needId: number, userId: string): OwnPendingQuestion[] {
  return db
    .select({
      id: needQuestions.id,
      question: needQuestions.question,
      status: needQuestions.status,
      createdAt: needQuestions.createdAt,
      moderationReason: needQuestions.moderationReason,
    })
    .from(needQuestions)
    .where(and(eq(needQuestions.needId, needId), eq(needQuestions.askerId, userId), inArray(needQuestions.status, ["open", "hidden"])))
    .orderBy(asc(needQuestions.id))
    .all()
    .map((row) => ({ id: row.id, question: row.question, status: row.status, askedAt: row.createdAt.toISOString(), moderationReason: row.moderationReason }));
}

export type OwnerQuestion = {
  id: number;
  question: string;
  status: NeedQuestionStatus;
  /** As the public sees it: the commissioner sees a name only when the asker chose to show it. */
  asker: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
  moderationReason: string | null;
};

/** Every question on the commissioner's need: waiting ones first (oldest first), then answered and hidden ones. */
export function listQuestionsForOwner(db: ExchangeDb, needId: number): OwnerQuestion[] {
  const rank: Record<NeedQuestionStatus, number> = { open: 0, answered: 1, hidden: 2 };
  return selectQuestionsWithAskers(db, {})
    .where(eq(needQuestions.needId, needId))
    .orderBy(asc(needQuestions.id))
    .all()
    .sort((a, b) => rank[a.status] - rank[b.status] || a.id - b.id)
    .map((row) => ({
      id: row.id,
      question: row.question,
      status: row.status,
      asker: askerLabel(row),
      askedAt: row.createdAt.toISOString(),
      answer: row.answer,
      answeredAt: row.answeredAt?.toISOString() ?? null,
      moderationReason: row.moderationReason,
    }));
}

export type BrokerQuestion = {
  id: number;
  question: string;
  status: NeedQuestionStatus;
  anonymous: boolean;
  /** Brokers see who asked, whatever the public sees. */
  askerName: string | null;
  askerOrganisation: string | null;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
  moderationReason: string | null;
  moderatorName: string | null;
  need: { slug: string; title: string; status: string };
};

export const BROKER_QUESTIONS_LIMIT = 200;

/** Questions on every need for the brokers' moderation list, newest first. */
export function listQuestionsForBrokers(db: ExchangeDb, view: BrokerQuestionView, limit = BROKER_QUESTIONS_LIMIT): BrokerQuestion[] {
  const where: SQL | undefined = view === "all" ? undefined : eq(needQuestions.status, view);
  return selectQuestionsWithAskers(db, { moderatorName: moderators.displayName, needSlug: needs.slug, needTitle: needs.title, needStatus: needs.status })
    .innerJoin(needs, eq(needs.id, needQuestions.needId))
    .leftJoin(moderators, eq(moderators.id, needQuestions.moderatedById))
    .where(where)
    .orderBy(desc(needQuestions.id))
    .limit(limit)
    .all()
    .map((row) => ({
      id: row.id,
      question: row.question,
      status: row.status,
      anonymous: row.anonymous,
      askerName: row.name,
      askerOrganisation: row.organisation,
      askedAt: row.createdAt.toISOString(),
      answer: row.answer,
      answeredAt: row.answeredAt?.toISOString() ?? null,
      moderationReason: row.moderationReason,
      moderatorName: row.moderatorName,
      need: { slug: row.needSlug, title: row.needTitle, status: row.needStatus },
    }));
}

/** How many questions are in each state (for the moderation list's views and the review queue's summary). */
export function countQuestionsByStatus(db: ExchangeDb): Record<NeedQuestionStatus, number> {
  const counts: Record<NeedQuestionStatus, number> = { open: 0, answered: 0, hidden: 0 };
  for (const row of db.select({ status: needQuestions.status, n: count() }).from(needQuestions).groupBy(needQuestions.status).all()) counts[row.status] = row.n;
  return counts;
}
