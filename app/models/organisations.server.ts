// Organisations: the public organisation page and the admins' list, create and rename.
import { and, asc, count, eq, inArray, ne, or } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, matches, needs, organisations, users, type OrganisationRow } from "../../db/schema";
import { organisationSlug } from "../domain/admin-forms";
import { organisationSlugOf } from "../domain/case-studies";
import { recordAdminAudit } from "./audit.server";
import { NotFoundError } from "./errors.server";
import { ideaListColumns } from "./ideas.server";
import { isPublicCaseStudy, selectCaseStudiesWithIdea } from "./public-case-studies.server";

export class OrganisationExistsError extends Error {
  constructor(public readonly existing: OrganisationRow) {
    super(`An organisation called “${existing.name}” already exists`);
  }
}

export function getOrganisationBySlug(db: ExchangeDb, slug: string): OrganisationRow | null {
  return db.select().from(organisations).where(eq(organisations.slug, slug)).get() ?? null;
}

export function getOrganisation(db: ExchangeDb, id: number): OrganisationRow | null {
  return db.select().from(organisations).where(eq(organisations.id, id)).get() ?? null;
}

function memberIds(db: ExchangeDb, organisationId: number) {
  return db.select({ id: users.id }).from(users).where(eq(users.organisationId, organisationId));
}

/**
 * The organisation named on each published idea: the name written on the idea, else the
 * registered organisation it was recorded against (the name the idea page shows).
 */
function publishedIdeaOrganisations(db: ExchangeDb) {
  return db
    .select({ id: ideas.id, text: ideas.organisation, registered: organisations.name })
    .from(ideas)
    .leftJoin(organisations, eq(organisations.id, ideas.organisationId))
    .where(eq(ideas.status, "published"))
    .all()
    .flatMap((row) => {
      const name = row.text?.trim() || row.registered;
      return name ? [{ id: row.id, name, slug: organisationSlugOf(name) }] : [];
    });
}

export type OrganisationProfile = {
  name: string;
  slug: string;
  /** The registered organisation (with accounts), or null for one only named on published ideas. */
  organisationId: number | null;
  /** Published ideas that name this organisation. */
  namedIdeaIds: number[];
};

/**
 * Every organisation with published items has a profile: a registered organisation (whose
 * members post needs and ideas) by its slug, or an organisation named on published ideas by
 * the slug of that name. Null when neither exists.
 */
export function getOrganisationProfile(db: ExchangeDb, slug: string): OrganisationProfile | null {
  const registered = getOrganisationBySlug(db, slug);
  const named = publishedIdeaOrganisations(db).filter((row) => row.slug === slug);
  if (registered) return { name: registered.name, slug: registered.slug, organisationId: registered.id, namedIdeaIds: named.map((row) => row.id) };
  if (!named.length) return null;
  return { name: named[0].name, slug, organisationId: null, namedIdeaIds: named.map((row) => row.id) };
}

/** The public list of organisations: the registered ones and those named on published ideas, by name. */
export function listPublicOrganisations(db: ExchangeDb): { slug: string; name: string }[] {
  const bySlug = new Map<string, string>();
  for (const row of db.select({ slug: organisations.slug, name: organisations.name }).from(organisations).all()) bySlug.set(row.slug, row.name);
  for (const row of publishedIdeaOrganisations(db)) if (!bySlug.has(row.slug)) bySlug.set(row.slug, row.name);
  return [...bySlug].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

/**
 * Published case studies of published ideas that a registered organisation adopted: drafted
 * from a match with one of its needs (living case studies).
 */
export function listOrganisationCaseStudies(db: ExchangeDb, organisationId: number) {
  return selectCaseStudiesWithIdea(db, {})
    .innerJoin(matches, eq(matches.id, caseStudies.matchId))
    .innerJoin(needs, eq(needs.id, matches.needId))
    .where(and(isPublicCaseStudy(), eq(needs.organisationId, organisationId)))
    .orderBy(asc(ideas.title), asc(caseStudies.id))
    .all();
}

/**
 * Published ideas of an organisation: recorded against it, owned by one of its members, or
 * (namedIdeaIds, from its profile) naming it.
 */
export function listOrganisationIdeas(db: ExchangeDb, organisationId: number | null, namedIdeaIds: number[] = []) {
  const conditions = [
    ...(organisationId !== null ? [eq(ideas.organisationId, organisationId), inArray(ideas.ownerId, memberIds(db, organisationId))] : []),
    ...(namedIdeaIds.length ? [inArray(ideas.id, namedIdeaIds)] : []),
  ];
  if (!conditions.length) return [];
  return db
    .select(ideaListColumns)
    .from(ideas)
    .where(and(eq(ideas.status, "published"), or(...conditions)))
    .orderBy(asc(ideas.title))
    .all();
}

/** The organisation a need is from (recorded against it, else its poster's), for a link to its profile. */
export function needOrganisation(db: ExchangeDb, need: { organisationId: number | null; ownerId: string | null }): { name: string; slug: string } | null {
  const organisationId =
    need.organisationId ?? (need.ownerId ? (db.select({ id: users.organisationId }).from(users).where(eq(users.id, need.ownerId)).get()?.id ?? null) : null);
  const organisation = organisationId ? getOrganisation(db, organisationId) : null;
  return organisation ? { name: organisation.name, slug: organisation.slug } : null;
}

/** Open needs of an organisation: recorded against it, or posted by one of its members. */
export function listOrganisationNeeds(db: ExchangeDb, organisationId: number) {
  return db
    .select({
      id: needs.id,
      slug: needs.slug,
      title: needs.title,
      problem: needs.problem,
      locality: needs.locality,
      deadline: needs.deadline,
      budgetMin: needs.budgetMin,
      budgetMax: needs.budgetMax,
    })
    .from(needs)
    .where(and(eq(needs.status, "open"), or(eq(needs.organisationId, organisationId), inArray(needs.ownerId, memberIds(db, organisationId)))))
    .orderBy(asc(needs.title))
    .all();
}

export function listOrganisations(db: ExchangeDb) {
  const members = db.select({ organisationId: users.organisationId, n: count() }).from(users).groupBy(users.organisationId).all();
  const memberCount = new Map(members.map((row) => [row.organisationId, row.n]));
  return db
    .select()
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all()
    .map((organisation) => ({ ...organisation, members: memberCount.get(organisation.id) ?? 0 }));
}

export function createOrganisation(db: ExchangeDb, actorId: string, name: string): OrganisationRow {
  return db.transaction((tx) => {
    const slug = organisationSlug(name);
    const existing = tx.select().from(organisations).where(eq(organisations.slug, slug)).get();
    if (existing) throw new OrganisationExistsError(existing);
    const organisation = tx.insert(organisations).values({ slug, name: name.trim() }).returning().get();
    recordAdminAudit(tx, {
      subjectType: "organisation",
      subjectId: organisation.id,
      actorId,
      action: "organisation created",
      after: { name: organisation.name, slug },
    });
    return organisation;
  });
}

/**
 * Renames an organisation. Its web address follows the name: sign-up finds organisations by
 * the slug of the name typed, so a stale slug would let a second organisation of the same
 * name be created.
 */
export function renameOrganisation(db: ExchangeDb, actorId: string, organisationId: number, name: string): OrganisationRow {
  return db.transaction((tx) => {
    const organisation = tx.select().from(organisations).where(eq(organisations.id, organisationId)).get();
    if (!organisation) throw new NotFoundError("No such organisation");
    const trimmed = name.trim();
    if (trimmed === organisation.name) return organisation;
    const slug = organisationSlug(trimmed);
    const clash = tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.slug, slug), ne(organisations.id, organisationId)))
      .get();
    if (clash) throw new OrganisationExistsError(clash);
    const renamed = tx.update(organisations).set({ name: trimmed, slug }).where(eq(organisations.id, organisationId)).returning().get();
    recordAdminAudit(tx, {
      subjectType: "organisation",
      subjectId: organisationId,
      actorId,
      action: "organisation renamed",
      before: { name: organisation.name, slug: organisation.slug },
      after: { name: trimmed, slug },
    });
    return renamed;
  });
}

export function listOrganisationOptions(db: ExchangeDb) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).all();
}
