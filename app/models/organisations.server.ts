// Organisations: the public organisation page and the admins' list, create and rename.
import { and, asc, count, eq, inArray, ne, or } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideas, needs, organisations, users, type OrganisationRow } from "../../db/schema";
import { organisationSlug } from "../domain/admin-forms";
import { recordAdminAudit } from "./audit.server";
import { NotFoundError } from "./idea-editor.server";

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

/** Published ideas of an organisation: recorded against it, or owned by one of its members. */
export function listOrganisationIdeas(db: ExchangeDb, organisationId: number) {
  return db
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      summary: ideas.summary,
      sectors: ideas.sectors,
      diffusionModels: ideas.diffusionModels,
      lifecyclePhase: ideas.lifecyclePhase,
      evidenceLevel: ideas.evidenceLevel,
    })
    .from(ideas)
    .where(and(eq(ideas.status, "published"), or(eq(ideas.organisationId, organisationId), inArray(ideas.ownerId, memberIds(db, organisationId)))))
    .orderBy(asc(ideas.title))
    .all();
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
  const members = db
    .select({ organisationId: users.organisationId, n: count() })
    .from(users)
    .groupBy(users.organisationId)
    .all();
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
    recordAdminAudit(tx, { subjectType: "organisation", subjectId: organisation.id, actorId, action: "organisation created", after: { name: organisation.name, slug } });
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
    const clash = tx.select().from(organisations).where(and(eq(organisations.slug, slug), ne(organisations.id, organisationId))).get();
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
