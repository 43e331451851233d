// The authorisation matrix (issue 6, item 5): every route module in app/routes, each of its
// loader and action, called as each kind of visitor (and, for owned items, on the visitor's own
// item and on someone else's) must be allowed or denied exactly as this table says. A route
// module with no row here fails the test: a new route is not done until someone has decided
// who may use it. Guards live in each loader and action (app/utils/session.server.ts): a
// layout route is not a security boundary in Remix, so every module is checked on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../app/domain/vocabulary";
import {
  buildRequest,
  callAction,
  callLoader,
  importRoute,
  openHarness,
  routeFiles,
  visitors,
  type Fixtures,
  type Harness,
  type Outcome,
  type Params,
  type RouteModule,
  type Visitor,
} from "./route-harness";
import { addOutcomeFixtures, outcomeFixtures } from "./outcome-fixtures";
import { addMatchFixtures } from "./match-fixtures";
import { caseStudies } from "../../db/schema";
import { ideaIdBySlug } from "./helpers";

type Expect = "allow" | "deny";
type Item = "own" | "other";
/** Who may call a loader or action, for a visitor and (on owned routes) whose item it is. */
type Rule = { describe: string; decide: (visitor: Visitor, item: Item) => Expect };

const anyone: Rule = { describe: "anyone", decide: () => "allow" };
/** The catch-all not-found route: every address it catches is not found, for everyone. */
const nobody: Rule = { describe: "nobody (not found)", decide: () => "deny" };
const signedIn: Rule = { describe: "any signed-in user", decide: (visitor) => (visitor === "public" ? "deny" : "allow") };
const only = (...roles: Role[]): Rule => ({
  describe: roles.join(" or "),
  decide: (visitor) => (visitor !== "public" && roles.includes(visitor) ? "allow" : "deny"),
});
/** Only the role's own user, on their own item: another user's item is denied even to the same role. */
const owner = (role: Role): Rule => ({
  describe: `the ${role} who owns the item`,
  decide: (visitor, item) => (visitor === role && item === "own" ? "allow" : "deny"),
});

/** A match's page: brokers and admins, and the commissioner and innovator of their own match. */
const matchParty: Rule = {
  describe: "a broker or admin, or the match's own commissioner or innovator",
  decide: (visitor, item) =>
    visitor === "broker" || visitor === "admin" ? "allow" : (visitor === "commissioner" || visitor === "innovator") && item === "own" ? "allow" : "deny",
};

type Target = { path: string; params: Params };
type Entry = {
  /** The URL and params the route is called with; `item` is "own" or "other" on owned routes. */
  target: (fixtures: Fixtures, item: Item) => Target;
  owned?: boolean;
  loader?: Rule;
  action?: Rule;
};

const at =
  (path: string, params: Params = {}) =>
  () => ({ path, params });

// One row per file in app/routes. `loader`/`action` must be present exactly when the module
// exports one. (A row whose module is not in the tree is ignored: routes being written in
// parallel may get their row before their file lands.)
const matrix: Record<string, Entry> = {
  "_index.tsx": { target: at("/"), loader: anyone },
  "$.tsx": { target: at("/no-such-page"), loader: nobody, action: nobody },
  "accessibility.tsx": { target: at("/accessibility"), loader: anyone },
  "account.tsx": { target: at("/account"), loader: signedIn },
  "account_.password.tsx": { target: at("/account/password"), loader: signedIn, action: signedIn },
  "account_.settings.tsx": { target: at("/account/settings"), loader: signedIn, action: signedIn },
  "admin+/_layout.tsx": { target: at("/admin"), loader: only("admin") },
  "admin+/_index.tsx": { target: at("/admin"), loader: only("admin"), action: only("admin") },
  "admin+/mailbox.tsx": { target: at("/admin/mailbox"), loader: only("admin") },
  "admin+/organisations.tsx": { target: at("/admin/organisations"), loader: only("admin"), action: only("admin") },
  // Follows and saved searches (issue 7): every kind of account, never the public.
  "alerts.tsx": { target: at("/alerts"), loader: signedIn, action: signedIn },
  "api.ideas.ts": { target: at("/api/ideas?q=idea"), loader: anyone },
  "api.ideas.$slug.ts": { target: (fx) => ({ path: `/api/ideas/${fx.publishedIdeaSlug}`, params: { slug: fx.publishedIdeaSlug } }), loader: anyone },
  "api.ideas.similar.ts": { target: at("/api/ideas/similar?title=published"), loader: anyone },
  "api.needs.ts": { target: at("/api/needs?q=need"), loader: anyone },
  "api.needs.$slug.matches.ts": {
    target: (fx) => ({ path: `/api/needs/${fx.openNeedSlug}/matches`, params: { slug: fx.openNeedSlug } }),
    loader: anyone,
  },
  "api.needs.$slug.ts": { target: (fx) => ({ path: `/api/needs/${fx.openNeedSlug}`, params: { slug: fx.openNeedSlug } }), loader: anyone },
  "broker+/_index.tsx": { target: at("/broker"), loader: only("broker", "admin"), action: only("broker", "admin") },
  // The brokers' match queue (confirm, decline, refresh suggestions) and their proposal form.
  "broker+/matches.tsx": { target: at("/broker/matches"), loader: only("broker", "admin"), action: only("broker", "admin") },
  "broker+/matches_.new.tsx": { target: at("/broker/matches/new"), loader: only("broker", "admin"), action: only("broker", "admin") },
  // Clarification questions on needs: brokers moderate (hide with a reason, restore).
  "broker+/questions.tsx": { target: at("/broker/questions"), loader: only("broker", "admin"), action: only("broker", "admin") },
  "broker+/$itemType.$itemId.tsx": {
    target: (fx) => ({ path: `/broker/idea/${fx.submittedIdeaId}`, params: { itemType: "idea", itemId: String(fx.submittedIdeaId) } }),
    loader: only("broker", "admin"),
    action: only("broker", "admin"),
  },
  // Reject confirmation (issue 13): its own page; and assigning a match to a broker.
  "broker+/$itemType.$itemId_.confirm-reject.tsx": {
    target: (fx) => ({
      path: `/broker/idea/${fx.submittedIdeaId}/confirm-reject?reason=Not+public-service`,
      params: { itemType: "idea", itemId: String(fx.submittedIdeaId) },
    }),
    loader: only("broker", "admin"),
    action: only("broker", "admin"),
  },
  "broker+/matches_.$id.assign.tsx": {
    target: (fx) => ({ path: `/broker/matches/${fx.ownMatchId}/assign`, params: { id: String(fx.ownMatchId) } }),
    loader: only("broker", "admin"),
    action: only("broker", "admin"),
  },
  // Open data (issue 7): public downloads and the feed.
  "data._index.tsx": { target: at("/data"), loader: anyone },
  "data.ideas[.]csv.ts": { target: at("/data/ideas.csv"), loader: anyone },
  "data.ideas[.]json.ts": { target: at("/data/ideas.json"), loader: anyone },
  "data.needs[.]csv.ts": { target: at("/data/needs.csv"), loader: anyone },
  "data.needs[.]json.ts": { target: at("/data/needs.json"), loader: anyone },
  "data.case-studies[.]csv.ts": { target: at("/data/case-studies.csv"), loader: anyone },
  "feed[.]atom.ts": { target: at("/feed.atom"), loader: anyone },
  "healthz.ts": { target: at("/healthz"), loader: anyone },
  "ideas._index.tsx": { target: at("/ideas?q=idea"), loader: anyone },
  "ideas.$slug.tsx": { target: (fx) => ({ path: `/ideas/${fx.publishedIdeaSlug}`, params: { slug: fx.publishedIdeaSlug } }), loader: anyone },
  // A published case study's own page (added to the published idea in beforeAll).
  "ideas.$slug_.case-studies.$id.tsx": {
    target: (fx) => ({
      path: `/ideas/${fx.publishedIdeaSlug}/case-studies/${publishedCaseStudyId}`,
      params: { slug: fx.publishedIdeaSlug, id: String(publishedCaseStudyId) },
    }),
    loader: anyone,
  },
  "insights._index.tsx": { target: at("/insights"), loader: anyone },
  "insights.brokers.tsx": { target: at("/insights/brokers"), loader: only("broker", "admin") },
  "my+/ideas._index.tsx": { target: at("/my/ideas"), loader: only("innovator") },
  "my+/ideas.new.tsx": { target: at("/my/ideas/new"), loader: only("innovator"), action: only("innovator") },
  "my+/ideas.$slug.tsx": {
    owned: true,
    target: (fx, item) => {
      const slug = item === "own" ? fx.ownIdeaSlug : fx.otherIdeaSlug;
      return { path: `/my/ideas/${slug}`, params: { slug } };
    },
    loader: owner("innovator"),
    action: owner("innovator"),
  },
  // Matches (issue 4): the match page for its parties and brokers; each side's list of their matches.
  "matches.$id.tsx": {
    owned: true,
    target: (fx, item) => {
      const id = String(item === "own" ? fx.ownMatchId : fx.otherMatchId);
      return { path: `/matches/${id}`, params: { id } };
    },
    loader: matchParty,
    action: matchParty,
  },
  // Recording adoption and declining are confirmed on a page of their own (issue 13, item 6).
  "matches.$id_.confirm.$action.tsx": {
    owned: true,
    target: (fx, item) => {
      const id = String(item === "own" ? fx.ownMatchId : fx.otherMatchId);
      return { path: `/matches/${id}/confirm/decline`, params: { id, action: "decline" } };
    },
    loader: matchParty,
    action: matchParty,
  },
  "my+/matches.tsx": { target: at("/my/matches"), loader: only("innovator", "commissioner") },
  "my+/needs._index.tsx": { target: at("/my/needs"), loader: only("commissioner") },
  // Living case studies (issue 4): outcome updates, by the commissioner of the adopted match only.
  "my+/outcomes._index.tsx": { target: at("/my/outcomes"), loader: only("commissioner") },
  "my+/outcomes.$matchId.tsx": {
    owned: true,
    target: (_fx, item) => {
      const matchId = String(item === "own" ? outcomeFixtures.ownAdoptedMatchId : outcomeFixtures.otherAdoptedMatchId);
      return { path: `/my/outcomes/${matchId}`, params: { matchId } };
    },
    loader: owner("commissioner"),
    action: owner("commissioner"),
  },
  "my+/needs.new.tsx": { target: at("/my/needs/new"), loader: only("commissioner"), action: only("commissioner") },
  "my+/needs.$slug.tsx": {
    owned: true,
    target: (fx, item) => {
      const slug = item === "own" ? fx.ownNeedSlug : fx.otherNeedSlug;
      return { path: `/my/needs/${slug}`, params: { slug } };
    },
    loader: owner("commissioner"),
    action: owner("commissioner"),
  },
  "network.tsx": { target: at("/network"), loader: anyone },
  "places.$slug.tsx": { target: (fx) => ({ path: `/places/${fx.placeSlug}`, params: { slug: fx.placeSlug } }), loader: anyone },
  "needs._index.tsx": { target: at("/needs?q=need"), loader: anyone },
  // Anyone reads an open need; only innovators put one of their ideas forward for it, or ask its commissioner a question.
  "needs.$slug.tsx": { target: (fx) => ({ path: `/needs/${fx.openNeedSlug}`, params: { slug: fx.openNeedSlug } }), loader: anyone, action: only("innovator") },
  "notifications.tsx": { target: at("/notifications"), loader: signedIn, action: signedIn },
  "organisations._index.tsx": { target: at("/organisations"), loader: anyone },
  "organisations.$slug.tsx": {
    target: (fx) => ({ path: `/organisations/${fx.organisationSlug}`, params: { slug: fx.organisationSlug } }),
    loader: anyone,
  },
  // Signed-in users are sent on to /account (allowed: not a denial).
  "signin.tsx": { target: at("/signin"), loader: anyone, action: anyone },
  "signout.tsx": { target: at("/signout"), loader: anyone, action: anyone },
  "signup.tsx": { target: at("/signup"), loader: anyone, action: anyone },
};

let harness: Harness;
let publishedCaseStudyId = 0;
const modules = new Map<string, RouteModule>();
const files = routeFiles();

beforeAll(async () => {
  harness = await openHarness();
  addOutcomeFixtures(harness);
  addMatchFixtures(harness);
  publishedCaseStudyId = harness.exchange.db
    .insert(caseStudies)
    .values({
      ideaId: ideaIdBySlug(harness.exchange.db, harness.fixtures.publishedIdeaSlug),
      locality: "Kirklees",
      country: "GB",
      status: "adopted",
      reviewStatus: "published",
    })
    .returning({ id: caseStudies.id })
    .get().id;
  for (const file of files) modules.set(file, await importRoute(file));
});

afterAll(async () => {
  await harness?.dispose();
});

function describeOutcome(outcome: Outcome): string {
  if (outcome.verdict === "error") return `error ${outcome.status}: ${outcome.detail.split("\n").slice(0, 3).join(" | ")}`;
  return `${outcome.verdict} (${outcome.status}${outcome.location ? ` → ${outcome.location}` : ""})`;
}

describe("the authorisation matrix", () => {
  it("has a row for every route module, and each row names exactly the module's loader and action", () => {
    const problems: string[] = [];
    for (const file of files) {
      const entry = matrix[file];
      const mod = modules.get(file)!;
      if (!entry) {
        problems.push(
          `${file}: no row in the authorisation matrix (tests/integration/authorization-matrix.test.ts): add one saying who may call its loader and action`,
        );
        continue;
      }
      for (const kind of ["loader", "action"] as const) {
        if (typeof mod[kind] === "function" && !entry[kind]) problems.push(`${file}: exports a ${kind} but its row has no rule for it`);
        if (typeof mod[kind] !== "function" && entry[kind]) problems.push(`${file}: its row has a ${kind} rule but the module exports no ${kind}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("allows and denies every loader and action exactly as the table says, for every visitor and item", async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const file of files) {
      const entry = matrix[file];
      const mod = modules.get(file)!;
      if (!entry) continue;
      for (const kind of ["loader", "action"] as const) {
        const rule = entry[kind];
        if (!rule || typeof mod[kind] !== "function") continue;
        for (const item of entry.owned ? (["own", "other"] as const) : (["own"] as const)) {
          const { path, params } = entry.target(harness.fixtures, item);
          for (const visitor of visitors) {
            // A fresh session for every call: an action (sign-out) may end the one it came with.
            const cookie = await harness.cookieFor(visitor);
            // Actions get an empty form: a guard answers before any validation does.
            const request = buildRequest(kind === "loader" ? "GET" : "POST", path, { cookie, form: {} });
            const outcome = kind === "loader" ? await callLoader(mod, request, params) : await callAction(mod, request, params);
            const expected = rule.decide(visitor, item);
            cells++;
            if (outcome.verdict !== expected) {
              const who = entry.owned ? `${visitor} on ${item === "own" ? "their own" : "another user's"} item` : visitor;
              mismatches.push(`${file} ${kind} as ${who}: expected ${expected} (${rule.describe}), got ${describeOutcome(outcome)}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThan(100);
  });

  it("lets the root loader (the layout of every page) answer anyone", async () => {
    const root = (await import("../../app/root")) as RouteModule;
    for (const visitor of visitors) {
      const outcome = await callLoader(root, buildRequest("GET", "/", { cookie: await harness.cookieFor(visitor) }), {});
      expect(outcome.verdict, visitor).toBe("allow");
    }
  });

  it("denies an owned route on an item that does not exist, for every role", async () => {
    const mod = modules.get("my+/ideas.$slug.tsx")!;
    for (const visitor of visitors) {
      const request = buildRequest("GET", "/my/ideas/no-such-idea", { cookie: await harness.cookieFor(visitor) });
      expect((await callLoader(mod, request, { slug: "no-such-idea" })).verdict, visitor).toBe("deny");
    }
  });
});
