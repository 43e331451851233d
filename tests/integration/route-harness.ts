// Calls the app's route modules in-process, as Remix would: a real Request (with a real lucia
// session cookie for a user of the test database), the route's params, and the exchange
// context set where getExchange() finds it. Shared by the authorisation matrix and the fuzz
// test of the actions.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ActionFunction, LoaderFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { UserRow } from "../../db/schema";
import { ideaFormSchema } from "../../app/domain/idea-form";
import { needFormSchema } from "../../app/domain/need-form";
import { createNeedDraft } from "../../app/models/need-editor.server";
import type { Role } from "../../app/domain/vocabulary";
import { createIdeaDraft } from "../../app/models/idea-editor.server";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { createUser } from "../../app/models/users.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { ideaItems, needItems, openTestExchange, repoRoot, type TestExchange, idea, need } from "./helpers";

export type Visitor = "public" | Role;
export type Params = LoaderFunctionArgs["params"];
export const visitors: Visitor[] = ["public", "innovator", "commissioner", "broker", "admin"];

export const routesDir = path.join(repoRoot, "app/routes");

export type RouteModule = { loader?: LoaderFunction; action?: ActionFunction; default?: unknown };

/** Every route module file in app/routes, as a path below it (`broker+/matches.tsx`): the files remix-flat-routes turns into routes. */
export function routeFiles(): string[] {
  return fs
    .readdirSync(routesDir, { recursive: true, encoding: "utf8" })
    .map((name) => name.split(path.sep).join("/"))
    .filter((name) => /\.(tsx?|jsx?)$/.test(name) && !/(^|\/)\./.test(name) && !/\.test\.(tsx?)$/.test(name))
    .sort();
}

export async function importRoute(file: string): Promise<RouteModule> {
  return (await import(pathToFileURL(path.join(routesDir, file)).href)) as RouteModule;
}

/** The fixtures every route needs to answer with something other than "not found". */
export type Fixtures = {
  users: Record<Role | "otherInnovator" | "otherCommissioner", UserRow>;
  /** Draft ideas: one of the innovator's, one of another innovator's. */
  ownIdeaSlug: string;
  otherIdeaSlug: string;
  /** Draft needs: one of the commissioner's, one of another commissioner's. */
  ownNeedSlug: string;
  otherNeedSlug: string;
  /** An idea waiting in the broker queue. */
  submittedIdeaId: number;
  publishedIdeaSlug: string;
  /** A place the published idea began in. */
  placeSlug: string;
  openNeedSlug: string;
  organisationSlug: string;
  /** Matches, once addMatchFixtures (match-fixtures.ts) has run: the commissioner's need with the innovator's idea, and another pair's. */
  ownMatchId?: number;
  otherMatchId?: number;
};

export type Harness = {
  exchange: TestExchange;
  fixtures: Fixtures;
  /** A new session for the visitor's user, as a Cookie header value ("" for the public). */
  cookieFor: (visitor: Visitor) => Promise<string>;
  dispose: () => Promise<void>;
};

const globalForExchange = globalThis as unknown as { __exchangeReady?: ExchangeContext };

export const fixturePassword = "correct horse battery staple";

export function ideaFormValues(title: string) {
  return ideaFormSchema.parse({
    title,
    summary: `What ${title} does, in a paragraph.`,
    sectors: ["ageing"],
    diffusionModels: ["uncontrolled"],
    uncontrolledLicence: "CC BY 4.0",
  });
}

export function needFormValues(title: string) {
  return needFormSchema.parse({ title, problem: `The problem behind ${title}.`, sectors: ["ageing"] });
}

export async function openHarness(): Promise<Harness> {
  const exchange = await openTestExchange();
  globalForExchange.__exchangeReady = exchange;
  const { db } = exchange;
  const make = (role: Role, name: string, organisationName?: string) =>
    createUser(db, { email: `${name}@matrix.example`, password: fixturePassword, displayName: name, role, organisationName });
  const users = {
    innovator: await make("innovator", "innovator", "Shed Network"),
    otherInnovator: await make("innovator", "other-innovator"),
    commissioner: await make("commissioner", "commissioner", "Northshire Council"),
    otherCommissioner: await make("commissioner", "other-commissioner"),
    broker: await make("broker", "broker"),
    admin: await make("admin", "admin"),
  };
  const own = createIdeaDraft(db, { id: users.innovator.id, organisationId: users.innovator.organisationId }, ideaFormValues("Own draft idea"), false);
  const other = createIdeaDraft(db, { id: users.otherInnovator.id, organisationId: null }, ideaFormValues("Someone else's draft"), false);
  const ownNeed = createNeedDraft(
    db,
    { id: users.commissioner.id, organisationId: users.commissioner.organisationId },
    needFormValues("Own draft need"),
    false,
  );
  const otherNeed = createNeedDraft(db, { id: users.otherCommissioner.id, organisationId: null }, needFormValues("Someone else's need"), false);
  const submitted = createIdeaDraft(db, { id: users.otherInnovator.id, organisationId: null }, ideaFormValues("Waiting for review"), true);
  // Its origin gives the place pages (/places/kirklees-gb) something to show.
  importIdeas(db, ideaItems([idea({ slug: "published-idea", title: "A published idea", origin: { locality: "Kirklees", country: "GB" } })]));
  importNeeds(db, needItems([need({ slug: "open-need", title: "An open need" })]));
  const fixtures: Fixtures = {
    users,
    ownIdeaSlug: own.slug,
    otherIdeaSlug: other.slug,
    ownNeedSlug: ownNeed.slug,
    otherNeedSlug: otherNeed.slug,
    submittedIdeaId: submitted.id,
    publishedIdeaSlug: "published-idea",
    placeSlug: "kirklees-gb",
    openNeedSlug: "open-need",
    organisationSlug: "shed-network",
  };
  return {
    exchange,
    fixtures,
    cookieFor: async (visitor) => {
      if (visitor === "public") return "";
      const session = await exchange.lucia.createSession(users[visitor].id, { createdAt: new Date() });
      return exchange.lucia.createSessionCookie(session.id).serialize().split(";")[0];
    },
    dispose: async () => {
      if (globalForExchange.__exchangeReady === exchange) delete globalForExchange.__exchangeReady;
      await exchange.dispose();
    },
  };
}

export type FormValue = string | string[];

export function buildRequest(
  method: "GET" | "POST",
  pathWithQuery: string,
  options: { cookie?: string; form?: Record<string, FormValue> | URLSearchParams } = {},
): Request {
  const headers = new Headers({ Origin: "http://exchange.test" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | undefined;
  if (method === "POST") {
    if (options.form instanceof URLSearchParams) body = options.form;
    else {
      body = new URLSearchParams();
      for (const [name, value] of Object.entries(options.form ?? {})) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(new URL(pathWithQuery, "http://exchange.test"), { method, headers, body });
}

export type Outcome =
  | { verdict: "allow"; status: number; location: string | null }
  | { verdict: "deny"; status: number; location: string | null }
  | { verdict: "error"; status: number; detail: string };

/**
 * Denied: a Response (thrown or returned) with 401, 403 or 404, or a redirect to /signin.
 * Errors: any 5xx, and any thrown value that is not a Response (Remix would answer 500).
 * Allowed: anything else (data, a 2xx, a 400 from validation, another redirect…).
 */
export async function classify(call: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await call();
  } catch (thrown) {
    if (!(thrown instanceof Response))
      return { verdict: "error", status: 500, detail: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown) };
    value = thrown;
  }
  if (!(value instanceof Response)) return { verdict: "allow", status: 200, location: null };
  const location = value.headers.get("Location");
  if (value.status >= 500) return { verdict: "error", status: value.status, detail: await value.text().catch(() => "") };
  if ([401, 403, 404].includes(value.status)) return { verdict: "deny", status: value.status, location };
  if (value.status >= 300 && value.status < 400 && location && new URL(location, "http://exchange.test").pathname === "/signin") {
    return { verdict: "deny", status: value.status, location };
  }
  return { verdict: "allow", status: value.status, location };
}

export function callLoader(mod: RouteModule, request: Request, params: Params) {
  return classify(() => Promise.resolve(mod.loader!({ request, params, context: { clientAddress: "192.0.2.10" } })));
}

export function callAction(mod: RouteModule, request: Request, params: Params) {
  return classify(() => Promise.resolve(mod.action!({ request, params, context: { clientAddress: "192.0.2.10" } })));
}
