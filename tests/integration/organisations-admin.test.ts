// Organisations and accounts on a real SQLite file: the public organisation page's content,
// admins' create and rename, role and organisation changes, each audited.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { ideas, needs, notifications, organisations, users, type UserRow } from "../../db/schema";
import { getUserWithOrganisation, listUsers, updateUserAccount } from "../../app/models/accounts.server";
import { listAdminAudit } from "../../app/models/audit.server";
import {
  createOrganisation,
  getOrganisationBySlug,
  listOrganisationIdeas,
  listOrganisationNeeds,
  listOrganisations,
  OrganisationExistsError,
  renameOrganisation,
} from "../../app/models/organisations.server";
import { createUser, findOrCreateOrganisation } from "../../app/models/users.server";
import { openTestExchange, type TestExchange } from "./helpers";
import { NotAllowedError, NotFoundError } from "../../app/models/errors.server";

let exchange: TestExchange;
let db: ExchangeDb;
let admin: UserRow;
let innovator: UserRow;
let commissioner: UserRow;

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
  admin = await createUser(db, { email: "ada@test.example", password: "correct-horse-1", displayName: "Ada", role: "admin" });
  innovator = await createUser(db, {
    email: "ines@test.example",
    password: "correct-horse-1",
    displayName: "Ines",
    role: "innovator",
    organisationName: "Bromley by Bow Centre",
  });
  commissioner = await createUser(db, {
    email: "colin@test.example",
    password: "correct-horse-1",
    displayName: "Colin",
    role: "commissioner",
    organisationName: "Northshire County Council",
  });
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("organisations", () => {
  it("creates an organisation once per name, audited", () => {
    const created = createOrganisation(db, admin.id, "  Kirklees Council ");
    expect(created).toMatchObject({ name: "Kirklees Council", slug: "kirklees-council" });
    expect(() => createOrganisation(db, admin.id, "KIRKLEES council")).toThrow(OrganisationExistsError);
    // Sign-up with the same name joins it rather than creating a second one.
    expect(findOrCreateOrganisation(db, "Kirklees Council")).toBe(created.id);
    expect(listAdminAudit(db, { limit: 1 })[0]).toMatchObject({
      subjectType: "organisation",
      subjectId: String(created.id),
      subjectName: "Kirklees Council",
      action: "organisation created",
      actorName: "Ada",
    });
  });

  it("renames an organisation, moving its address with the name, audited; refuses a name taken by another", () => {
    const organisation = createOrganisation(db, admin.id, "Calderdale Council");
    const renamed = renameOrganisation(db, admin.id, organisation.id, "Calderdale Metropolitan Borough Council");
    expect(renamed).toMatchObject({ id: organisation.id, slug: "calderdale-metropolitan-borough-council" });
    expect(getOrganisationBySlug(db, "calderdale-council")).toBeNull();
    expect(listAdminAudit(db, { limit: 1 })[0]).toMatchObject({
      action: "organisation renamed",
      before: { name: "Calderdale Council", slug: "calderdale-council" },
      after: { name: "Calderdale Metropolitan Borough Council" },
    });
    expect(() => renameOrganisation(db, admin.id, organisation.id, "Kirklees Council")).toThrow(OrganisationExistsError);
    expect(() => renameOrganisation(db, admin.id, 999_999, "Nowhere")).toThrow(NotFoundError);
    // Renaming to the same name changes nothing and records nothing.
    const audits = listAdminAudit(db).length;
    renameOrganisation(db, admin.id, organisation.id, "Calderdale Metropolitan Borough Council");
    expect(listAdminAudit(db).length).toBe(audits);
  });

  it("lists an organisation's published ideas and open needs, by the organisation or its members", () => {
    const bromley = getOrganisationBySlug(db, "bromley-by-bow-centre")!;
    const northshire = getOrganisationBySlug(db, "northshire-county-council")!;
    const idea = (slug: string, values: Partial<typeof ideas.$inferInsert>) =>
      db
        .insert(ideas)
        .values({ slug, title: slug, summary: "s", sectors: ["health"], diffusionModels: ["growth"], status: "published", ...values })
        .run();
    idea("by-organisation", { organisationId: bromley.id });
    idea("by-member", { ownerId: innovator.id });
    idea("draft-by-member", { ownerId: innovator.id, status: "draft" });
    idea("submitted-by-organisation", { organisationId: bromley.id, status: "submitted" });
    idea("elsewhere", { organisationId: northshire.id });
    const need = (slug: string, values: Partial<typeof needs.$inferInsert>) =>
      db
        .insert(needs)
        .values({ slug, title: slug, problem: "p", sectors: ["health"], status: "open", ...values })
        .run();
    need("open-need", { organisationId: northshire.id });
    need("member-need", { ownerId: commissioner.id });
    need("closed-need", { organisationId: northshire.id, status: "closed" });
    need("submitted-need", { ownerId: commissioner.id, status: "submitted" });

    expect(
      listOrganisationIdeas(db, bromley.id)
        .map((row) => row.slug)
        .sort(),
    ).toEqual(["by-member", "by-organisation"]);
    expect(listOrganisationNeeds(db, bromley.id)).toEqual([]);
    expect(
      listOrganisationNeeds(db, northshire.id)
        .map((row) => row.slug)
        .sort(),
    ).toEqual(["member-need", "open-need"]);
    expect(listOrganisationIdeas(db, northshire.id).map((row) => row.slug)).toEqual(["elsewhere"]);
    expect(listOrganisations(db).find((row) => row.id === bromley.id)?.members).toBe(1);
  });
});

describe("accounts", () => {
  it("changes a role: audited, and the person is told", () => {
    const user = db.select().from(users).where(eq(users.id, commissioner.id)).get()!;
    expect(updateUserAccount(db, admin.id, user.id, { role: "broker", organisationId: user.organisationId })).toEqual(["role"]);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.role).toBe("broker");
    expect(listAdminAudit(db, { limit: 1 })[0]).toMatchObject({
      subjectType: "user",
      subjectId: user.id,
      subjectName: "Colin",
      action: "role changed",
      before: { role: "commissioner" },
      after: { role: "broker" },
      actorName: "Ada",
    });
    const told = db.select().from(notifications).where(eq(notifications.userId, user.id)).all();
    expect(told.map((notification) => notification.title)).toContain("Your role on the exchange is now broker");
  });

  it("moves a person to another organisation or none, audited by name", () => {
    const kirklees = getOrganisationBySlug(db, "kirklees-council")!;
    expect(updateUserAccount(db, admin.id, innovator.id, { role: "innovator", organisationId: kirklees.id })).toEqual(["organisation"]);
    expect(getUserWithOrganisation(db, innovator.id)).toMatchObject({ organisationName: "Kirklees Council", organisationSlug: "kirklees-council" });
    expect(listAdminAudit(db, { limit: 1 })[0]).toMatchObject({
      action: "organisation changed",
      before: { organisation: "Bromley by Bow Centre" },
      after: { organisation: "Kirklees Council" },
    });
    updateUserAccount(db, admin.id, innovator.id, { role: "innovator", organisationId: null });
    expect(getUserWithOrganisation(db, innovator.id)?.organisationName).toBeNull();
    expect(listAdminAudit(db, { limit: 1 })[0]).toMatchObject({ before: { organisation: "Kirklees Council" }, after: { organisation: null } });
    // No change, no entry.
    const audits = listAdminAudit(db).length;
    expect(updateUserAccount(db, admin.id, innovator.id, { role: "innovator", organisationId: null })).toEqual([]);
    expect(listAdminAudit(db).length).toBe(audits);
  });

  it("refuses an admin's change to their own role, an unknown organisation and an unknown user, changing nothing", () => {
    expect(() => updateUserAccount(db, admin.id, admin.id, { role: "innovator", organisationId: null })).toThrow(NotAllowedError);
    expect(db.select().from(users).where(eq(users.id, admin.id)).get()!.role).toBe("admin");
    expect(() => updateUserAccount(db, admin.id, innovator.id, { role: "admin", organisationId: 999_999 })).toThrow(NotFoundError);
    // The whole change is one transaction: the role did not change either.
    expect(db.select().from(users).where(eq(users.id, innovator.id)).get()!.role).toBe("innovator");
    expect(() => updateUserAccount(db, admin.id, "no-such-user", { role: "admin", organisationId: null })).toThrow(NotFoundError);
    // An admin may still set their own organisation.
    const org = db.select().from(organisations).limit(1).get()!;
    expect(updateUserAccount(db, admin.id, admin.id, { role: "admin", organisationId: org.id })).toEqual(["organisation"]);
  });

  it("lists and searches users with their organisations, a page at a time", () => {
    const all = listUsers(db, { perPage: 2 });
    expect(all.total).toBe(3);
    expect(all.totalPages).toBe(2);
    expect(all.users.map((user) => user.displayName)).toEqual(["Ada", "Colin"]);
    expect(listUsers(db, { perPage: 2, page: 2 }).users.map((user) => user.displayName)).toEqual(["Ines"]);
    expect(listUsers(db, { q: "colin@", perPage: 50 }).users).toMatchObject([{ displayName: "Colin", organisationName: "Northshire County Council" }]);
    // LIKE wildcards in a search are taken literally.
    expect(listUsers(db, { q: "%", perPage: 50 }).total).toBe(0);
    expect(listUsers(db, { q: "_", perPage: 50 }).total).toBe(0);
  });
});
