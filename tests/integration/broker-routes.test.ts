// The broker, notification, settings, admin and organisation routes called in-process as
// Remix calls them: a real Request with a real lucia session cookie, on a real database.
// What a route answers (status, redirect, field errors) and what it changed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { brokerNotes, ideas, organisations, users, type UserRow } from "../../db/schema";
import type { Role } from "../../app/domain/vocabulary";
import { getClaim } from "../../app/models/review.server";
import { createUser } from "../../app/models/users.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { startSession } from "../../app/utils/session.server";
import * as accountSettings from "../../app/routes/account_.settings";
import * as adminIndex from "../../app/routes/admin+/_index";
import * as adminLayout from "../../app/routes/admin+/_layout";
import * as adminMailbox from "../../app/routes/admin+/mailbox";
import * as adminOrganisations from "../../app/routes/admin+/organisations";
import * as brokerItem from "../../app/routes/broker+/$itemType.$itemId";
import * as brokerQueue from "../../app/routes/broker+/_index";
import * as notificationsRoute from "../../app/routes/notifications";
import * as organisationPage from "../../app/routes/organisations.$slug";
import { openTestExchange, type TestExchange } from "./helpers";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response> | Response;

let exchange: TestExchange;
let db: ExchangeDb;
const people = {} as Record<"innovator" | "commissioner" | "broker" | "otherBroker" | "admin", UserRow>;
const cookies = {} as Record<keyof typeof people, string>;

/** Calls a loader or action; a thrown Response (redirect, 403, 404) is returned like any other. */
async function call(
  handler: unknown,
  path: string,
  options: { as?: keyof typeof people; form?: Record<string, string>; params?: Record<string, string> } = {},
) {
  const headers = new Headers();
  if (options.as) headers.set("Cookie", cookies[options.as]);
  const request = new Request(`http://localhost${path}`, options.form ? { method: "POST", headers, body: new URLSearchParams(options.form) } : { headers });
  try {
    return await (handler as Handler)({ request, params: options.params ?? {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

function submitIdea(title: string): number {
  return db
    .insert(ideas)
    .values({
      slug: title.toLowerCase().replace(/\W+/g, "-"),
      title,
      summary: "s",
      sectors: ["ageing"],
      diffusionModels: ["franchise"],
      status: "submitted",
      submittedAt: new Date(),
      ownerId: people.innovator.id,
    })
    .returning({ id: ideas.id })
    .get().id;
}

function item(id: number) {
  return { params: { itemType: "idea", itemId: String(id) } };
}

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
  // Where getExchange() finds the booted context, as boot() leaves it.
  (globalThis as unknown as { __exchangeReady?: ExchangeContext }).__exchangeReady = exchange;
  const make = async (key: keyof typeof people, role: Role, organisationName?: string) => {
    people[key] = await createUser(db, { email: `${key}@routes.example`, password: "correct-horse-1", displayName: key, role, organisationName });
    // A session made as sign-in makes it; the request carries its cookie back.
    const setCookie = (await startSession(people[key].id)).get("Set-Cookie")!;
    cookies[key] = setCookie.split(";")[0];
  };
  await make("innovator", "innovator", "Shed Network");
  await make("commissioner", "commissioner");
  await make("broker", "broker");
  await make("otherBroker", "broker");
  await make("admin", "admin");
});

afterAll(async () => {
  await exchange?.dispose();
});

describe("who may use the broker pages", () => {
  it("sends a signed-out visitor to sign in, and back afterwards", async () => {
    const response = await call(brokerQueue.loader, "/broker?claim=mine");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/signin?${new URLSearchParams({ redirectTo: "/broker?claim=mine" })}`);
  });

  it("refuses innovators and commissioners with 403, on loaders and actions, and changes nothing", async () => {
    const ideaId = submitIdea("Forbidden fruit");
    for (const as of ["innovator", "commissioner"] as const) {
      expect((await call(brokerQueue.loader, "/broker", { as })).status).toBe(403);
      expect((await call(brokerQueue.action, "/broker?index", { as, form: { intent: "claim", itemType: "idea", itemId: String(ideaId) } })).status).toBe(403);
      expect((await call(brokerItem.loader, `/broker/idea/${ideaId}`, { as, ...item(ideaId) })).status).toBe(403);
      const decided = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
        as,
        ...item(ideaId),
        form: { intent: "decide", decision: "publish", evidenceLevel: "5", evidenceJustification: "I say so" },
      });
      expect(decided.status).toBe(403);
    }
    expect(getClaim(db, "idea", ideaId)).toBeNull();
    expect(db.select().from(ideas).where(eq(ideas.id, ideaId)).get()!.status).toBe("submitted");
  });

  it("lets brokers and admins in", async () => {
    for (const as of ["broker", "admin"] as const) expect((await call(brokerQueue.loader, "/broker", { as })).status).toBe(200);
  });

  it("answers 404 for an address that names no review item", async () => {
    for (const params of [
      { itemType: "match", itemId: "1" },
      { itemType: "idea", itemId: "abc" },
      { itemType: "idea", itemId: "999999" },
    ]) {
      expect((await call(brokerItem.loader, `/broker/${params.itemType}/${params.itemId}`, { as: "broker", params })).status).toBe(404);
    }
  });
});

describe("the queue page", () => {
  it("lists items with deadlines and claims, filtered by the query string", async () => {
    const ideaId = submitIdea("Queue listing");
    const response = await call(brokerQueue.loader, "/broker?type=idea&sort=newest", { as: "broker" });
    const data = await body<{
      params: { type: string; sort: string };
      items: { itemId: number; deadlineWords: string; overdue: boolean; claimedBy: unknown }[];
      serviceLevelDays: number;
    }>(response);
    expect(data.params).toMatchObject({ type: "idea", sort: "newest" });
    expect(data.serviceLevelDays).toBe(5);
    expect(data.items[0]).toMatchObject({ itemId: ideaId, overdue: false, claimedBy: null });
    expect(data.items[0].deadlineWords).toMatch(/^due in \d days$/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("claims and releases with POST forms, back to the same filtered view; another broker's claim is refused with 409", async () => {
    const ideaId = submitIdea("Claim me");
    const form = { intent: "claim", itemType: "idea", itemId: String(ideaId) };
    const claimed = await call(brokerQueue.action, "/broker?index&claim=unclaimed&sort=newest", { as: "broker", form });
    expect(claimed.status).toBe(302);
    expect(claimed.headers.get("Location")).toBe("/broker?claim=unclaimed&sort=newest");
    expect(getClaim(db, "idea", ideaId)?.brokerId).toBe(people.broker.id);

    const refused = await call(brokerQueue.action, "/broker?index", { as: "otherBroker", form });
    expect(refused.status).toBe(409);
    expect(await body(refused)).toEqual({ error: "Another broker has already claimed this item" });
    const notReleased = await call(brokerQueue.action, "/broker?index", { as: "otherBroker", form: { ...form, intent: "release" } });
    expect(notReleased.status).toBe(409);
    expect(getClaim(db, "idea", ideaId)?.brokerId).toBe(people.broker.id);

    const mine = await body<{ items: { itemId: number }[] }>(await call(brokerQueue.loader, "/broker?claim=mine", { as: "broker" }));
    expect(mine.items.map((entry) => entry.itemId)).toContain(ideaId);

    // An admin may release a broker's claim (a broker away on leave).
    expect((await call(brokerQueue.action, "/broker?index", { as: "admin", form: { ...form, intent: "release" } })).status).toBe(302);
    expect(getClaim(db, "idea", ideaId)).toBeNull();
  });

  it("answers 400 to a malformed claim", async () => {
    const response = await call(brokerQueue.action, "/broker?index", { as: "broker", form: { intent: "claim", itemType: "idea", itemId: "-4" } });
    expect(response.status).toBe(400);
  });
});

describe("the review item page", () => {
  it("shows the item with its claim, notes and audit log", async () => {
    const ideaId = submitIdea("Show me");
    await call(brokerItem.action, `/broker/idea/${ideaId}`, { as: "broker", ...item(ideaId), form: { intent: "claim" } });
    const data = await body<{
      heading: string;
      awaiting: boolean;
      claim: { name: string };
      audit: { action: string; actor: string }[];
      timing: { overdue: boolean };
    }>(await call(brokerItem.loader, `/broker/idea/${ideaId}`, { as: "otherBroker", ...item(ideaId) }));
    expect(data).toMatchObject({ heading: "Show me", awaiting: true, claim: { name: "broker" }, timing: { overdue: false } });
    expect(data.audit).toMatchObject([{ action: "claimed", actor: "broker" }]);
  });

  it("answers 400 with field errors to a decision without its reason or evidence, and changes nothing", async () => {
    const ideaId = submitIdea("Invalid decisions");
    const reject = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
      as: "broker",
      ...item(ideaId),
      form: { intent: "decide", decision: "reject", reason: "" },
    });
    expect(reject.status).toBe(400);
    const rejectBody = await body<{ intent: string; result: { error: Record<string, string[]> } }>(reject);
    expect(rejectBody.intent).toBe("decide");
    expect(rejectBody.result.error.reason).toEqual(["Say why this is rejected: the submitter will see it"]);

    const publish = await call(brokerItem.action, `/broker/idea/${ideaId}`, { as: "broker", ...item(ideaId), form: { intent: "decide", decision: "publish" } });
    expect(publish.status).toBe(400);
    const publishErrors = (await body<{ result: { error: Record<string, string[]> } }>(publish)).result.error;
    expect(Object.keys(publishErrors).sort()).toEqual(["evidenceJustification", "evidenceLevel"]);

    const unknown = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
      as: "broker",
      ...item(ideaId),
      form: { intent: "decide", decision: "shelve", reason: "x" },
    });
    expect(unknown.status).toBe(400);
    expect(db.select().from(ideas).where(eq(ideas.id, ideaId)).get()).toMatchObject({ status: "submitted", reviewOutcome: null, evidenceLevel: null });
  });

  it("records a decision and tells the submitter; a second broker cannot decide a claimed item", async () => {
    const ideaId = submitIdea("Decide me");
    await call(brokerItem.action, `/broker/idea/${ideaId}`, { as: "broker", ...item(ideaId), form: { intent: "claim" } });
    const blocked = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
      as: "otherBroker",
      ...item(ideaId),
      form: { intent: "decide", decision: "reject", reason: "Mine now" },
    });
    expect(blocked.status).toBe(409);

    const decided = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
      as: "broker",
      ...item(ideaId),
      form: { intent: "decide", decision: "request-changes", reason: "Add the costs per participant." },
    });
    expect(decided.status).toBe(302);
    expect(decided.headers.get("Location")).toBe(`/broker/idea/${ideaId}?decided=request-changes`);
    expect(db.select().from(ideas).where(eq(ideas.id, ideaId)).get()).toMatchObject({ status: "draft", reviewReason: "Add the costs per participant." });

    const list = await body<{ notifications: { title: string; body: string; link: string; unread: boolean }[] }>(
      await call(notificationsRoute.loader, "/notifications", { as: "innovator" }),
    );
    expect(list.notifications[0]).toMatchObject({ title: "Your idea “Decide me” needs changes", body: "Add the costs per participant.", unread: true });
    expect(list.notifications[0].link).toBe("/my/ideas/decide-me");

    // Decided: the form gives way to the history.
    const after = await body<{ awaiting: boolean; audit: { action: string }[] }>(
      await call(brokerItem.loader, `/broker/idea/${ideaId}`, { as: "broker", ...item(ideaId) }),
    );
    expect(after.awaiting).toBe(false);
    expect(after.audit[0].action).toBe("request-changes");
  });

  it("publishes an idea with its evidence level", async () => {
    const ideaId = submitIdea("Publish me");
    const response = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
      as: "admin",
      ...item(ideaId),
      form: { intent: "decide", decision: "publish", evidenceLevel: "3", evidenceJustification: "Comparison with matched areas" },
    });
    expect(response.status).toBe(302);
    expect(db.select().from(ideas).where(eq(ideas.id, ideaId)).get()).toMatchObject({
      status: "published",
      evidenceLevel: 3,
      evidenceJustification: "Comparison with matched areas",
    });
  });

  it("keeps private notes: 400 for an empty one, added otherwise", async () => {
    const ideaId = submitIdea("Note me");
    const empty = await call(brokerItem.action, `/broker/idea/${ideaId}`, { as: "broker", ...item(ideaId), form: { intent: "note", body: "   " } });
    expect(empty.status).toBe(400);
    expect((await body<{ intent: string }>(empty)).intent).toBe("note");
    const added = await call(brokerItem.action, `/broker/idea/${ideaId}`, {
      as: "broker",
      ...item(ideaId),
      form: { intent: "note", body: "Spoke to the pilot lead." },
    });
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`/broker/idea/${ideaId}#notes`);
    expect(
      db
        .select()
        .from(brokerNotes)
        .where(eq(brokerNotes.itemId, ideaId))
        .all()
        .map((note) => note.body),
    ).toEqual(["Spoke to the pilot lead."]);
    const unknownIntent = await call(brokerItem.action, `/broker/idea/${ideaId}`, { as: "broker", ...item(ideaId), form: { intent: "delete" } });
    expect(unknownIntent.status).toBe(400);
  });
});

describe("notifications and settings", () => {
  it("marks all notifications read", async () => {
    const response = await call(notificationsRoute.action, "/notifications", { as: "innovator", form: { intent: "mark-all-read" } });
    expect(response.status).toBe(302);
    const list = await body<{ notifications: { unread: boolean }[] }>(await call(notificationsRoute.loader, "/notifications", { as: "innovator" }));
    expect(list.notifications.length).toBeGreaterThan(0);
    expect(list.notifications.every((notification) => !notification.unread)).toBe(true);
    expect((await call(notificationsRoute.action, "/notifications", { as: "innovator", form: { intent: "delete-all" } })).status).toBe(400);
    expect((await call(notificationsRoute.loader, "/notifications")).status).toBe(302);
  });

  it("saves the email preference; 400 and no change for an unknown one", async () => {
    const invalid = await call(accountSettings.action, "/account/settings", { as: "commissioner", form: { notificationPreference: "hourly" } });
    expect(invalid.status).toBe(400);
    expect(db.select().from(users).where(eq(users.id, people.commissioner.id)).get()!.notificationPreference).toBe("immediately");
    const saved = await call(accountSettings.action, "/account/settings", { as: "commissioner", form: { notificationPreference: "daily" } });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/account/settings?saved=1");
    expect((await body<{ preference: string }>(await call(accountSettings.loader, "/account/settings", { as: "commissioner" }))).preference).toBe("daily");
  });
});

describe("admin pages", () => {
  it("are for admins only", async () => {
    for (const as of ["broker", "innovator"] as const) {
      for (const handler of [adminLayout.loader, adminIndex.loader, adminOrganisations.loader, adminMailbox.loader])
        expect((await call(handler, "/admin", { as })).status).toBe(403);
      const change = await call(adminIndex.action, "/admin?index", {
        as,
        form: { intent: "update-user", userId: people[as].id, role: "admin", organisationId: "" },
      });
      expect(change.status).toBe(403);
    }
    expect(db.select().from(users).where(eq(users.id, people.broker.id)).get()!.role).toBe("broker");
    expect((await call(adminMailbox.loader, "/admin/mailbox", { as: "admin" })).status).toBe(200);
  });

  it("changes a user's role and organisation, and refuses an admin's own role change with a form error", async () => {
    const shed = db.select().from(organisations).where(eq(organisations.slug, "shed-network")).get()!;
    const response = await call(adminIndex.action, "/admin?index&q=commissioner", {
      as: "admin",
      form: { intent: "update-user", userId: people.commissioner.id, role: "broker", organisationId: String(shed.id) },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin?q=commissioner&saved=${people.commissioner.id}`);
    expect(db.select().from(users).where(eq(users.id, people.commissioner.id)).get()).toMatchObject({ role: "broker", organisationId: shed.id });

    const own = await call(adminIndex.action, "/admin?index", {
      as: "admin",
      form: { intent: "update-user", userId: people.admin.id, role: "innovator", organisationId: "" },
    });
    expect(own.status).toBe(400);
    const ownBody = await body<{ formId: string; result: { error: Record<string, string[]> } }>(own);
    expect(ownBody.formId).toBe(`user-${people.admin.id}`);
    expect(ownBody.result.error[""]).toEqual(["You cannot change your own role; ask another admin"]);

    const page = await body<{ audit: { action: string; subject: string }[] }>(await call(adminIndex.loader, "/admin", { as: "admin" }));
    expect(
      page.audit
        .slice(0, 2)
        .map((entry) => `${entry.action}: ${entry.subject}`)
        .sort(),
    ).toEqual(["organisation changed: commissioner", "role changed: commissioner"]);
  });

  it("creates and renames organisations, with field errors for a taken name", async () => {
    const created = await call(adminOrganisations.action, "/admin/organisations", { as: "admin", form: { intent: "create", name: "Leeds City Council" } });
    expect(created.status).toBe(302);
    const leeds = db.select().from(organisations).where(eq(organisations.slug, "leeds-city-council")).get()!;
    const taken = await call(adminOrganisations.action, "/admin/organisations", { as: "admin", form: { intent: "create", name: "Leeds city council" } });
    expect(taken.status).toBe(400);
    expect((await body<{ result: { error: Record<string, string[]> } }>(taken)).result.error.name).toEqual([
      "An organisation called “Leeds City Council” already exists",
    ]);
    const renamed = await call(adminOrganisations.action, "/admin/organisations", {
      as: "admin",
      form: { intent: "rename", organisationId: String(leeds.id), name: "Leeds City Council (Adults and Health)" },
    });
    expect(renamed.status).toBe(302);
    expect(db.select().from(organisations).where(eq(organisations.id, leeds.id)).get()!.slug).toBe("leeds-city-council-adults-and-health");
    const blank = await call(adminOrganisations.action, "/admin/organisations", {
      as: "admin",
      form: { intent: "rename", organisationId: String(leeds.id), name: "" },
    });
    expect(blank.status).toBe(400);
  });
});

describe("the public organisation page", () => {
  it("lists the organisation's published ideas, and answers 404 for an unknown organisation", async () => {
    db.insert(ideas)
      .values({
        slug: "shed-idea",
        title: "Shed idea",
        summary: "s",
        sectors: ["ageing"],
        diffusionModels: ["growth"],
        status: "published",
        ownerId: people.innovator.id,
      })
      .run();
    const page = await call(organisationPage.loader, "/organisations/shed-network", { params: { slug: "shed-network" } });
    expect(page.status).toBe(200);
    const data = await body<{ organisation: { name: string }; ideas: { slug: string }[]; needs: unknown[] }>(page);
    expect(data.organisation.name).toBe("Shed Network");
    expect(data.ideas.map((idea) => idea.slug)).toContain("shed-idea");
    expect(data.ideas.map((idea) => idea.slug)).not.toContain("decide-me"); // a draft
    expect((await call(organisationPage.loader, "/organisations/nowhere", { params: { slug: "nowhere" } })).status).toBe(404);
  });
});
