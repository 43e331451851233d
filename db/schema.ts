import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  auditItemTypes,
  caseStudyStatuses,
  ideaStatuses,
  lifecyclePhases,
  matchSources,
  matchStatuses,
  needQuestionStatuses,
  needStatuses,
  notificationPreferences,
  reviewItemTypes,
  reviewOutcomes,
  roles,
  type DiffusionDetails,
  type DiffusionModel,
  type FundingRoute,
  type Sector,
  type Typology,
} from "../app/domain/vocabulary";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: roles }).notNull(),
  organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  notificationPreference: text("notification_preference", { enum: notificationPreferences }).notNull().default("immediately"),
  /** When the last daily digest was built for this user (or they chose the digest): the next one starts here. */
  lastDigestAt: integer("last_digest_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

// Shape required by @lucia-auth/adapter-drizzle: expires_at in seconds.
export const sessions = sqliteTable("sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at").notNull(),
  /** When the session began: it ends 12 hours later however active it is (absolute timeout). Null only for sessions older than this column, which count as expired. */
  createdAt: integer("created_at", { mode: "timestamp_ms" }),
});

/**
 * Failed sign-ins, by account (normalised email) and by client address: the window the
 * sign-in throttle counts. Rows older than the window are deleted as new ones arrive.
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope", { enum: ["account", "address"] }).notNull(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("sign_in_failures_key_idx").on(table.scope, table.key, table.createdAt)],
);

export const ideas = sqliteTable(
  "ideas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    problem: text("problem"),
    solution: text("solution"),
    evidence: text("evidence"),
    evidenceLevel: integer("evidence_level"),
    sectors: text("sectors", { mode: "json" }).$type<Sector[]>().notNull(),
    typology: text("typology", { mode: "json" })
      .$type<Typology[]>()
      .notNull()
      .default(sql`'[]'`),
    diffusionModels: text("diffusion_models", { mode: "json" }).$type<DiffusionModel[]>().notNull(),
    lifecyclePhase: text("lifecycle_phase", { enum: lifecyclePhases }),
    originLocality: text("origin_locality"),
    originCountry: text("origin_country"),
    organisation: text("organisation"),
    costs: text("costs"),
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Route-specific detail for each diffusion model the idea offers. */
    diffusionDetails: text("diffusion_details", { mode: "json" })
      .$type<DiffusionDetails>()
      .notNull()
      .default(sql`'{}'`),
    evidenceJustification: text("evidence_justification"),
    status: text("status", { enum: ideaStatuses }).notNull().default("draft"),
    /** The last broker decision and its reason, shown to the owner. */
    reviewOutcome: text("review_outcome", { enum: reviewOutcomes }),
    reviewReason: text("review_reason"),
    /** Edits to a published idea that need review (diffusion, evidence, case studies): the idea stays live meanwhile. */
    pendingChanges: text("pending_changes", { mode: "json" }).$type<Record<string, unknown>>(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("ideas_status_idx").on(table.status, table.updatedAt)],
);

export const caseStudies = sqliteTable(
  "case_studies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    locality: text("locality").notNull(),
    country: text("country"),
    year: integer("year"),
    status: text("status", { enum: caseStudyStatuses }).notNull(),
    outcomes: text("outcomes"),
    lessons: text("lessons"),
    /** Case studies added to a published idea are reviewed before they are shown. */
    reviewStatus: text("review_status", { enum: ["submitted", "published", "changes-requested", "rejected"] })
      .notNull()
      .default("published"),
    reviewReason: text("review_reason"),
    submittedById: text("submitted_by_id").references(() => users.id, { onDelete: "set null" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    /** Set when the case study was drafted from an adopted match (a living case study). */
    matchId: integer("match_id"),
    createdAt: createdAt(),
  },
  (table) => [index("case_studies_idea_idx").on(table.ideaId, table.position)],
);

export const needs = sqliteTable(
  "needs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    problem: text("problem").notNull(),
    outcomes: text("outcomes"),
    sectors: text("sectors", { mode: "json" }).$type<Sector[]>().notNull(),
    locality: text("locality"),
    country: text("country"),
    budgetMin: integer("budget_min"),
    budgetMax: integer("budget_max"),
    fundingRoutes: text("funding_routes", { mode: "json" })
      .$type<FundingRoute[]>()
      .notNull()
      .default(sql`'[]'`),
    diffusionModels: text("diffusion_models", { mode: "json" })
      .$type<DiffusionModel[]>()
      .notNull()
      .default(sql`'[]'`),
    deadline: text("deadline"),
    /** Who is affected by the problem, the stage it has reached, and the commissioner's constraints. */
    whoIsAffected: text("who_is_affected"),
    lifecyclePhase: text("lifecycle_phase", { enum: lifecyclePhases }),
    constraints: text("constraints"),
    status: text("status", { enum: needStatuses }).notNull().default("draft"),
    reviewOutcome: text("review_outcome", { enum: reviewOutcomes }),
    reviewReason: text("review_reason"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("needs_status_idx").on(table.status, table.updatedAt)],
);

export const matches = sqliteTable(
  "matches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    status: text("status", { enum: matchStatuses }).notNull().default("suggested"),
    /** Who put the match forward: the matching engine, or a person in one of these roles. */
    source: text("source", { enum: matchSources }).notNull().default("engine"),
    score: real("score"),
    /** The engine's reasons when the match was suggested (the live page recomputes them). */
    reasons: text("reasons", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** The broker's rationale on confirming; both sides see it. */
    rationale: text("rationale"),
    declineReason: text("decline_reason"),
    /** The status the match had when it was declined. */
    declinedFrom: text("declined_from", { enum: matchStatuses }),
    declinedById: text("declined_by_id").references(() => users.id, { onDelete: "set null" }),
    proposedById: text("proposed_by_id").references(() => users.id, { onDelete: "set null" }),
    confirmedById: text("confirmed_by_id").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    /** Consent to an introduction: contact details are shared only once both are set. */
    commissionerConsentAt: integer("commissioner_consent_at", { mode: "timestamp_ms" }),
    innovatorConsentAt: integer("innovator_consent_at", { mode: "timestamp_ms" }),
    /** Null on rows older than the match workflow: read as createdAt. */
    statusChangedAt: integer("status_changed_at", { mode: "timestamp_ms" }),
    /** When the current status is due to move on (null for adopted and declined). */
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("matches_need_idea_idx").on(table.needId, table.ideaId),
    index("matches_idea_idx").on(table.ideaId),
    index("matches_status_due_idx").on(table.status, table.dueAt),
  ],
);

/** The message thread on a match, open once both sides have agreed to an introduction. */
export const matchMessages = sqliteTable(
  "match_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    matchId: integer("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("match_messages_match_idx").on(table.matchId, table.id)],
);

/** Living case studies: when an adopted match is due an outcome update from its commissioner. */
export const outcomeReminders = sqliteTable(
  "outcome_reminders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    matchId: integer("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    caseStudyId: integer("case_study_id")
      .notNull()
      .references(() => caseStudies.id, { onDelete: "cascade" }),
    monthsAfterAdoption: integer("months_after_adoption").notNull(),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("outcome_reminders_match_months_idx").on(table.matchId, table.monthsAfterAdoption),
    index("outcome_reminders_due_idx").on(table.sentAt, table.dueAt),
  ],
);

/** An outcome update on a case study from an adopted match; published after broker review. */
export const outcomeUpdates = sqliteTable(
  "outcome_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseStudyId: integer("case_study_id")
      .notNull()
      .references(() => caseStudies.id, { onDelete: "cascade" }),
    matchId: integer("match_id").references(() => matches.id, { onDelete: "set null" }),
    monthsAfterAdoption: integer("months_after_adoption"),
    outcomes: text("outcomes").notNull(),
    reviewStatus: text("review_status", { enum: ["submitted", "published", "changes-requested", "rejected"] })
      .notNull()
      .default("submitted"),
    reviewReason: text("review_reason"),
    submittedById: text("submitted_by_id").references(() => users.id, { onDelete: "set null" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [
    index("outcome_updates_case_study_idx").on(table.caseStudyId, table.id),
    index("outcome_updates_review_idx").on(table.reviewStatus, table.submittedAt),
  ],
);

/** A broker's claim on a queue item; one claim per item. */
export const reviewClaims = sqliteTable(
  "review_claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemType: text("item_type", { enum: reviewItemTypes }).notNull(),
    itemId: integer("item_id").notNull(),
    brokerId: text("broker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    claimedAt: createdAt(),
  },
  (table) => [uniqueIndex("review_claims_item_idx").on(table.itemType, table.itemId)],
);

/** Every state change: who, what, before/after, why. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemType: text("item_type", { enum: auditItemTypes }).notNull(),
    itemId: integer("item_id").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (table) => [index("audit_log_item_idx").on(table.itemType, table.itemId, table.id)],
);

/** Field-level history of a published idea. */
export const ideaRevisions = sqliteTable(
  "idea_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    changes: text("changes", { mode: "json" }).$type<{ field: string; before: unknown; after: unknown }[]>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("idea_revisions_idea_idx").on(table.ideaId, table.id)],
);

/** Private notes brokers keep on queue items; other brokers see them, submitters never do. */
export const brokerNotes = sqliteTable(
  "broker_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemType: text("item_type", { enum: auditItemTypes }).notNull(),
    itemId: integer("item_id").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("broker_notes_item_idx").on(table.itemType, table.itemId)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body"),
    link: text("link"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.readAt, table.id)],
);

/** Emails to send (immediately or in a daily digest); a sender marks them sent. */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    kind: text("kind", { enum: ["immediate", "digest"] })
      .notNull()
      .default("immediate"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [index("email_outbox_pending_idx").on(table.sentAt, table.id)],
);

/** Admins' changes to accounts and organisations (review items have auditLog). */
export const adminAuditLog = sqliteTable(
  "admin_audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subjectType: text("subject_type", { enum: ["user", "organisation"] }).notNull(),
    /** A user id, or an organisation id as text. */
    subjectId: text("subject_id").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
    createdAt: createdAt(),
  },
  (table) => [index("admin_audit_log_subject_idx").on(table.subjectType, table.subjectId, table.id)],
);

/**
 * A user following a published idea (told of its new case studies) or an open need (told when
 * it changes). `seen` is what the alerts job last told them about: the idea's case-study keys
 * (JSON) or a hash of the need, so only real changes are announced, however often rows are
 * rewritten (an import replaces case studies wholesale).
 */
export const follows = sqliteTable(
  "follows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    needId: integer("need_id").references(() => needs.id, { onDelete: "cascade" }),
    seen: text("seen").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("follows_user_idea_idx").on(table.userId, table.ideaId),
    uniqueIndex("follows_user_need_idx").on(table.userId, table.needId),
    index("follows_idea_idx").on(table.ideaId),
    index("follows_need_idx").on(table.needId),
  ],
);

/** A saved idea search (the /ideas query string); the alerts job tells its owner of new published ideas it matches. */
export const savedSearches = sqliteTable(
  "saved_searches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Canonical query string of /ideas, e.g. `diffusionModel=franchise&sector=ageing`. */
    query: text("query").notNull(),
    /** Ideas first published up to this instant have been considered. */
    checkedUpTo: integer("checked_up_to", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("saved_searches_user_query_idx").on(table.userId, table.query)],
);

export const searchIndexNames = ["ideas", "needs"] as const;
export type SearchIndexName = (typeof searchIndexNames)[number];

/**
 * Transactional outbox: every write to searchable data adds a row here in the same
 * SQLite transaction; the relay applies it to Meilisearch and sets done_at only once
 * Meilisearch reports the task succeeded.
 */
export const searchOutbox = sqliteTable(
  "search_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    indexName: text("index_name", { enum: searchIndexNames }).notNull(),
    documentId: integer("document_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [index("search_outbox_pending_idx").on(table.doneAt, table.id)],
);

export type UserRow = typeof users.$inferSelect;
export type IdeaRow = typeof ideas.$inferSelect;
export type IdeaInsert = typeof ideas.$inferInsert;
export type CaseStudyRow = typeof caseStudies.$inferSelect;
export type NeedRow = typeof needs.$inferSelect;
export type NeedInsert = typeof needs.$inferInsert;
export type OrganisationRow = typeof organisations.$inferSelect;
export type OutboxRow = typeof searchOutbox.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
export type AdminAuditRow = typeof adminAuditLog.$inferSelect;
export type FollowRow = typeof follows.$inferSelect;
export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type MatchRow = typeof matches.$inferSelect;
export type MatchMessageRow = typeof matchMessages.$inferSelect;
export type OutcomeReminderRow = typeof outcomeReminders.$inferSelect;
export type OutcomeUpdateRow = typeof outcomeUpdates.$inferSelect;

/**
 * Sentence embeddings, addressed by the model and a hash of the text embedded (an idea's or a
 * need's, search/embeddings/texts.ts), so unchanged text is never embedded twice and an edit
 * simply misses. Derived data like the search indexes: it can be dropped and recomputed.
 */
export const embeddings = sqliteTable(
  "embeddings",
  {
    model: text("model").notNull(),
    textHash: text("text_hash").notNull(),
    /** Float32 little-endian, `dimensions` values. */
    vector: blob("vector", { mode: "buffer" }).notNull(),
    dimensions: integer("dimensions").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.model, table.textHash] })],
);
export type EmbeddingRow = typeof embeddings.$inferSelect;

// The matching engine's corpus statistics (search/matching/corpus-index.ts), kept in SQLite so
// a large catalogue's word counts stay out of the JS heap. Triggers on ideas and case_studies
// (migration 0011) list the ideas whose text may have changed; the index is brought up to date
// from that list. The word and word-pair counts are FTS5 tables the migration creates.
export const matchingCorpusPending = sqliteTable("matching_corpus_pending", {
  ideaId: integer("idea_id").primaryKey(),
});

/** The published ideas the corpus counts, with their sectors (read by the engine's first pass). */
export const matchingCorpusIdeas = sqliteTable("matching_corpus_ideas", {
  ideaId: integer("idea_id").primaryKey(),
  sectors: text("sectors", { mode: "json" }).$type<string[]>().notNull(),
});

/** Clarification questions innovators ask on an open need; the answer is public, the asker may stay anonymous. */
export const needQuestions = sqliteTable(
  "need_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    askerId: text("asker_id").references(() => users.id, { onDelete: "set null" }),
    /** When set, the public sees "An innovator" instead of the asker's name and organisation. */
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(true),
    question: text("question").notNull(),
    answer: text("answer"),
    answeredById: text("answered_by_id").references(() => users.id, { onDelete: "set null" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: needQuestionStatuses }).notNull().default("open"),
    /** A broker's reason for hiding the question, shown to the asker and the commissioner. */
    moderationReason: text("moderation_reason"),
    moderatedById: text("moderated_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("need_questions_need_idx").on(table.needId, table.status, table.id)],
);
export type NeedQuestionRow = typeof needQuestions.$inferSelect;

/** A broker's rubric scores for one review of a queue item (criteria per item type in app/domain/review-rubric.ts). */
export const reviewScores = sqliteTable(
  "review_scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemType: text("item_type", { enum: reviewItemTypes }).notNull(),
    itemId: integer("item_id").notNull(),
    brokerId: text("broker_id").references(() => users.id, { onDelete: "set null" }),
    /** Criterion key -> score. */
    scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull(),
    total: integer("total").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("review_scores_item_idx").on(table.itemType, table.itemId, table.id)],
);
export type ReviewScoreRow = typeof reviewScores.$inferSelect;

/** Who is responsible for a queue item or a match: one assignee per item, set by a broker. */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemType: text("item_type", { enum: auditItemTypes }).notNull(),
    itemId: integer("item_id").notNull(),
    assigneeId: text("assignee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedById: text("assigned_by_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    assignedAt: createdAt(),
  },
  (table) => [uniqueIndex("assignments_item_idx").on(table.itemType, table.itemId), index("assignments_assignee_idx").on(table.assigneeId)],
);
export type AssignmentRow = typeof assignments.$inferSelect;
