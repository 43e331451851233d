// The match pages' loaders and actions on a real database and a real Meilisearch: the
// commissioner's need page (ranked ideas with reasons, marked terms, hints and filters;
// shortlisting and asking for an introduction; Meilisearch down), a match page through
// confirmation, consent, contacts, messages and a pilot, and each side's list of matches.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, ideas, matches, matchMessages, needs } from "../../db/schema";
import { createMeiliClient } from "../../search/client";
import { idea, ideaIdBySlug, ideaItems, importIdeasAndSync, importNeedsAndSync, need, needItems } from "./helpers";
import { buildRequest, importRoute, openHarness, type Harness, type RouteModule, type Visitor } from "./route-harness";

let harness: Harness;
let needPage: RouteModule;
let matchPage: RouteModule;
let myMatches: RouteModule;
let confirmPage: RouteModule;

const needSlug = "lonely-older-men-in-dale";

beforeAll(async () => {
  harness = await openHarness();
  [needPage, matchPage, myMatches, confirmPage] = await Promise.all([
    importRoute("my+/needs.$slug.tsx"),
    importRoute("matches.$id.tsx"),
    importRoute("my+/matches.tsx"),
    importRoute("matches.$id_.confirm.$action.tsx"),
  ]);
  const { exchange, fixtures } = harness;
  await importIdeasAndSync(
    exchange,
    ideaItems([
      idea({
        slug: "men-in-sheds",
        title: "Men in sheds",
        summary: "Community workshops where older men who are lonely or isolated share tools, skills and company.",
        sectors: ["ageing", "mental-health"],
        diffusionModels: ["franchise"],
        evidenceLevel: 3,
        lifecyclePhase: "mainstream",
      }),
      idea({
        slug: "befriending-calls",
        title: "Telephone befriending",
        summary: "Volunteers ring lonely older people every week for a chat.",
        sectors: ["ageing"],
        diffusionModels: ["uncontrolled"],
        evidenceLevel: 2,
      }),
      idea({
        slug: "bike-repair",
        title: "Bike repair cafés",
        summary: "Volunteers fix bicycles for free.",
        sectors: ["transport"],
        diffusionModels: ["uncontrolled"],
      }),
    ]),
  );
  await importNeedsAndSync(
    exchange,
    needItems([
      need({
        slug: needSlug,
        title: "Lonely older men in Dale",
        problem: "Older men living alone in our villages are lonely and isolated; they rarely join the lunch clubs that women use.",
        sectors: ["ageing"],
        diffusionModels: ["franchise"],
        fundingRoutes: ["procurement"],
        budgetMax: 80000,
      }),
    ]),
  );
  exchange.db.update(needs).set({ ownerId: fixtures.users.commissioner.id }).where(eq(needs.slug, needSlug)).run();
  exchange.db.update(ideas).set({ ownerId: fixtures.users.innovator.id }).where(eq(ideas.slug, "men-in-sheds")).run();
});

afterAll(async () => {
  await harness?.dispose();
});

async function call(
  kind: "loader" | "action",
  mod: RouteModule,
  visitor: Visitor,
  path: string,
  params: Record<string, string>,
  form?: Record<string, string>,
): Promise<Response> {
  const request = buildRequest(kind === "loader" ? "GET" : "POST", path, { cookie: await harness.cookieFor(visitor), form });
  try {
    return (await mod[kind]!({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type Json = any;

const openNeed = (query = "") => call("loader", needPage, "commissioner", `/my/needs/${needSlug}${query}`, { slug: needSlug });
const actOnIdea = (form: Record<string, string>, query = "") =>
  call("action", needPage, "commissioner", `/my/needs/${needSlug}${query}`, { slug: needSlug }, form);
const viewMatch = (visitor: Visitor, id: number | string) => call("loader", matchPage, visitor, `/matches/${id}`, { id: String(id) });
const postMatch = (visitor: Visitor, id: number, form: Record<string, string>) =>
  call("action", matchPage, visitor, `/matches/${id}`, { id: String(id) }, form);

const confirmStep = (visitor: Visitor, id: number, step: string, form: Record<string, string>) =>
  call("action", confirmPage, visitor, `/matches/${id}/confirm/${step}`, { id: String(id), action: step }, form);

const matchCount = () => harness.exchange.db.select({ n: count() }).from(matches).get()!.n;
function matchOf(ideaSlug: string) {
  const needId = harness.exchange.db.select({ id: needs.id }).from(needs).where(eq(needs.slug, needSlug)).get()!.id;
  return harness.exchange.db
    .select()
    .from(matches)
    .where(and(eq(matches.needId, needId), eq(matches.ideaId, ideaIdBySlug(harness.exchange.db, ideaSlug))))
    .get();
}

describe("the commissioner's need page", () => {
  it("ranks matching ideas with score, reasons, matched terms and a procurement route hint", async () => {
    const response = await openNeed();
    expect(response.status).toBe(200);
    const data: Json = await response.json();
    expect(data.searchUnavailable).toBe(false);
    const slugs = data.ranked.ideas.map((item: Json) => item.slug);
    expect(slugs[0]).toBe("men-in-sheds");
    expect(slugs).not.toContain("bike-repair");
    const sheds = data.ranked.ideas[0];
    expect(sheds.score).toBeGreaterThan(50);
    expect(sheds.fits).toBe(true);
    expect(sheds.matchedTerms.length).toBeGreaterThan(0);
    expect(sheds.reasons.some((reason: string) => reason.startsWith("matched terms:"))).toBe(true);
    expect(sheds.hint.route).toBe("Licence or call-off");
    expect(sheds.actions).toEqual(["shortlist", "request-introduction"]);
    expect(sheds.match).toBeNull();
    const befriending = data.ranked.ideas.find((item: Json) => item.slug === "befriending-calls");
    expect(befriending?.fits).toBe(false);
    expect(befriending?.hint.route).toBe("No route you accept");
    expect(data.matches).toEqual([]);
  });

  it("filters by accepted route, evidence level and sector from the query string, and ignores junk values", async () => {
    const accepted: Json = await (await openNeed("?acceptedOnly=1")).json();
    expect(accepted.ranked.ideas.map((item: Json) => item.slug)).toEqual(["men-in-sheds"]);
    const evidence: Json = await (await openNeed("?evidenceLevel=3")).json();
    expect(evidence.ranked.ideas.map((item: Json) => item.slug)).toEqual(["men-in-sheds"]);
    const sector: Json = await (await openNeed("?sector=mental-health")).json();
    expect(sector.ranked.ideas.map((item: Json) => item.slug)).toEqual(["men-in-sheds"]);
    const none: Json = await (await openNeed("?sector=transport&evidenceLevel=5")).json();
    expect(none.ranked.ideas).toEqual([]);
    expect(none.ranked.pool).toBeGreaterThan(0);
    const junk = await openNeed("?sector=%3Cscript%3E&evidenceLevel=99&acceptedOnly=yes");
    expect(junk.status).toBe(200);
    expect(((await junk.json()) as Json).filters).toEqual({ sector: null, acceptedOnly: false, evidenceLevel: null });
  });

  it("shortlists an idea, making the match as the commissioner, and keeps the filters on the way back", async () => {
    const response = await actOnIdea({ intent: "shortlist", idea: "men-in-sheds" }, "?acceptedOnly=1");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/my/needs/${needSlug}?acceptedOnly=1&done=shortlist&idea=men-in-sheds#idea-men-in-sheds`);
    const match = matchOf("men-in-sheds")!;
    expect(match).toMatchObject({ status: "shortlisted", source: "commissioner", commissionerConsentAt: null });
    const data: Json = await (await openNeed()).json();
    expect(data.matches.map((item: Json) => [item.idea.slug, item.status])).toEqual([["men-in-sheds", "shortlisted"]]);
    const sheds = data.ranked.ideas.find((item: Json) => item.slug === "men-in-sheds");
    expect(sheds.match).toEqual({ id: match.id, status: "shortlisted" });
    expect(sheds.actions).toEqual(["request-introduction"]);
  });

  it("refuses a second shortlist (409), an unknown idea (400) and a missing one (400), writing nothing", async () => {
    const before = matchCount();
    const again = await actOnIdea({ intent: "shortlist", idea: "men-in-sheds" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).ideaError).toEqual({ slug: "men-in-sheds", message: "This match is already past the shortlist." });
    expect((await actOnIdea({ intent: "shortlist", idea: "no-such-idea" })).status).toBe(400);
    expect((await actOnIdea({ intent: "request-introduction" })).status).toBe(400);
    expect(matchCount()).toBe(before);
  });

  it("asks for an introduction to an idea with no match yet in one step", async () => {
    const response = await actOnIdea({ intent: "request-introduction", idea: "befriending-calls" });
    expect(response.status).toBe(302);
    const match = matchOf("befriending-calls")!;
    expect(match.status).toBe("shortlisted");
    expect(match.commissionerConsentAt).not.toBeNull();
  });

  it("lets only the need's commissioner act on it", async () => {
    const other = await call(
      "action",
      needPage,
      "commissioner",
      `/my/needs/${harness.fixtures.otherNeedSlug}`,
      { slug: harness.fixtures.otherNeedSlug },
      { intent: "shortlist", idea: "bike-repair" },
    );
    expect(other.status).toBe(403);
    const innovator = await call("action", needPage, "innovator", `/my/needs/${needSlug}`, { slug: needSlug }, { intent: "shortlist", idea: "bike-repair" });
    expect(innovator.status).toBe(403);
    expect(matchOf("bike-repair")).toBeUndefined();
  });

  it("says matching is unavailable when Meilisearch is down, and still lists the matches", async () => {
    const original = harness.exchange.meili;
    harness.exchange.meili = createMeiliClient("http://127.0.0.1:9", "no-key");
    try {
      const response = await openNeed();
      expect(response.status).toBe(200);
      const data: Json = await response.json();
      expect(data.searchUnavailable).toBe(true);
      expect(data.ranked).toBeNull();
      expect(data.matches.map((item: Json) => item.idea.slug).sort()).toEqual(["befriending-calls", "men-in-sheds"]);
    } finally {
      harness.exchange.meili = original;
    }
  });
});

describe("a match from shortlist to pilot", () => {
  let matchId: number;

  beforeAll(() => {
    matchId = matchOf("men-in-sheds")!.id;
  });

  it("answers 404 for unknown or malformed ids and 403 to anyone not party to the match", async () => {
    expect((await viewMatch("broker", 999_999)).status).toBe(404);
    expect((await viewMatch("broker", "1e3")).status).toBe(404);
    expect((await viewMatch("broker", "abc")).status).toBe(404);
    expect((await viewMatch("otherCommissioner" as Visitor, matchId)).status).toBe(403);
    expect((await viewMatch("otherInnovator" as Visitor, matchId)).status).toBe(403);
    expect((await postMatch("otherCommissioner" as Visitor, matchId, { intent: "decline", reason: "Not mine" })).status).toBe(403);
    // The innovator sees the match only once a broker has confirmed it.
    expect((await viewMatch("innovator", matchId)).status).toBe(403);
    expect((await postMatch("innovator", matchId, { intent: "opt-in" })).status).toBe(403);
    const publicView = await viewMatch("public", matchId);
    expect(publicView.status).toBe(302);
    expect(publicView.headers.get("Location")).toMatch(/^\/signin/);
  });

  it("shows the commissioner the status, deadline, hint and consent state, and their actions", async () => {
    const data: Json = await (await viewMatch("commissioner", matchId)).json();
    expect(data.match.status).toBe("shortlisted");
    expect(data.match.party).toBe("commissioner");
    expect(data.match.deadline).toMatchObject({ overdue: false });
    expect(data.match.deadline.words).toMatch(/^due in 14 days$/);
    expect(data.match.hint.route).toBe("Licence or call-off");
    expect(data.match.actions).toEqual(["request-introduction", "decline"]);
    expect(data.match.contacts).toBeNull();
    expect(data.history.map((entry: Json) => entry.label)).toEqual(["Shortlisted", "Proposed"]);
  });

  it("requires a rationale to confirm (400, nothing written) and lets only a broker confirm", async () => {
    const audits = harness.exchange.db.select({ n: count() }).from(auditLog).get()!.n;
    const empty = await postMatch("broker", matchId, { intent: "confirm", rationale: "   " });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Json).error).toEqual({ intent: "confirm", field: "rationale", message: "Give a rationale: both sides will see it." });
    const byCommissioner = await postMatch("commissioner", matchId, { intent: "confirm", rationale: "I like it" });
    expect(byCommissioner.status).toBe(409);
    expect((await postMatch("broker", matchId, { intent: "fly" })).status).toBe(400);
    expect(harness.exchange.db.select({ n: count() }).from(auditLog).get()!.n).toBe(audits);
    expect(matchOf("men-in-sheds")!.confirmedAt).toBeNull();
  });

  it("goes through confirmation, both consents, contacts and messages to a pilot", async () => {
    const confirmed = await postMatch("broker", matchId, { intent: "confirm", rationale: "Sheds reach exactly the men who avoid lunch clubs." });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`/matches/${matchId}?done=confirm`);

    let innovatorView: Json = await (await viewMatch("innovator", matchId)).json();
    expect(innovatorView.match.rationale).toBe("Sheds reach exactly the men who avoid lunch clubs.");
    expect(innovatorView.match.actions).toEqual(["opt-in", "decline"]);
    expect(innovatorView.match.contacts).toBeNull();

    // The thread is closed until both agree.
    const early = await postMatch("commissioner", matchId, { intent: "message", body: "Hello?" });
    expect(early.status).toBe(409);

    expect((await postMatch("commissioner", matchId, { intent: "request-introduction" })).status).toBe(302);
    expect(matchOf("men-in-sheds")!.status).toBe("shortlisted");
    expect((await postMatch("innovator", matchId, { intent: "opt-in" })).status).toBe(302);
    expect(matchOf("men-in-sheds")!.status).toBe("introduced");

    innovatorView = await (await viewMatch("innovator", matchId)).json();
    expect(innovatorView.match.contacts.commissioner).toMatchObject({ email: "commissioner@matrix.example", organisation: "Northshire Council" });
    expect(innovatorView.match.contacts.innovator).toMatchObject({ email: "innovator@matrix.example" });

    expect((await postMatch("innovator", matchId, { intent: "message", body: "  " })).status).toBe(400);
    expect((await postMatch("innovator", matchId, { intent: "message", body: "Happy to talk: when suits you?" })).status).toBe(302);
    const commissionerView: Json = await (await viewMatch("commissioner", matchId)).json();
    expect(commissionerView.match.messages.map((message: Json) => [message.author, message.body])).toEqual([["innovator", "Happy to talk: when suits you?"]]);
    expect(harness.exchange.db.select({ n: count() }).from(matchMessages).get()!.n).toBe(1);
    expect(commissionerView.match.actions).toEqual(["start-pilot", "decline"]);

    expect((await postMatch("innovator", matchId, { intent: "start-pilot" })).status).toBe(409);
    expect((await postMatch("commissioner", matchId, { intent: "start-pilot" })).status).toBe(302);
    const piloting: Json = await (await viewMatch("broker", matchId)).json();
    expect(piloting.match.status).toBe("piloting");
    expect(piloting.match.deadline.words).toMatch(/^due in 18[23] days$/);
    expect(piloting.history.map((entry: Json) => entry.label)).toEqual([
      "Pilot started",
      "Innovator agreed to an introduction",
      "Asked for an introduction",
      "Confirmed by a broker",
      "Shortlisted",
      "Proposed",
    ]);
    expect(piloting.history[0].change).toBe("Introduced → Piloting");
  });

  it("declines only on the confirmation page, which requires a reason, then shows it", async () => {
    const otherId = matchOf("befriending-calls")!.id;
    const statusNow = () => matchOf("befriending-calls")!.status;
    // Straight to the match: sent to confirm, nothing changes.
    const direct = await postMatch("commissioner", otherId, { intent: "decline", reason: "We can only buy a licensed model." });
    expect(direct.status).toBe(303);
    expect(direct.headers.get("Location")).toBe(`/matches/${otherId}/confirm/decline`);
    expect(statusNow()).toBe("shortlisted");
    // The match page's form brings the reason to the confirmation page: shown again, nothing changes.
    const asked = await confirmStep("commissioner", otherId, "decline", { reason: "We can only buy a licensed model.", returnTo: "https://evil.example/" });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toEqual({ reason: "We can only buy a licensed model.", error: null, returnTo: `/matches/${otherId}` });
    expect(statusNow()).toBe("shortlisted");
    const page: Json = await (
      await call("loader", confirmPage, "commissioner", `/matches/${otherId}/confirm/decline`, { id: String(otherId), action: "decline" })
    ).json();
    expect(page).toMatchObject({ action: "decline", match: { id: otherId, status: "shortlisted", idea: { title: "Telephone befriending" } } });
    // Confirmed without a reason: refused, nothing changes.
    const empty = await confirmStep("commissioner", otherId, "decline", { confirmed: "yes", reason: "  " });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Json).error).toBe("Give a reason for declining: the other side will see it");
    expect(statusNow()).toBe("shortlisted");
    // Someone else's match, or a step that is not confirmable: 403 / 404.
    expect((await confirmStep("otherCommissioner" as Visitor, otherId, "decline", { confirmed: "yes", reason: "Not mine" })).status).toBe(403);
    expect((await confirmStep("commissioner", otherId, "shortlist", { confirmed: "yes" })).status).toBe(404);
    expect(statusNow()).toBe("shortlisted");

    const yes = await confirmStep("commissioner", otherId, "decline", { confirmed: "yes", reason: "We can only buy a licensed model." });
    expect(yes.status).toBe(302);
    expect(yes.headers.get("Location")).toBe(`/matches/${otherId}?done=decline`);
    const data: Json = await (await viewMatch("commissioner", otherId)).json();
    expect(data.match).toMatchObject({ status: "declined", declineReason: "We can only buy a licensed model.", declinedFrom: "shortlisted", actions: [] });
    // Done already: the confirmation page sends the viewer back to the match.
    const again = await confirmStep("commissioner", otherId, "decline", { confirmed: "yes", reason: "Again" });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/matches/${otherId}`);
  });
});

describe("each side's list of matches", () => {
  it("lists the innovator's confirmed matches and the commissioner's matches across their needs", async () => {
    const innovator: Json = await (await call("loader", myMatches, "innovator", "/my/matches", {})).json();
    expect(innovator.role).toBe("innovator");
    expect(innovator.matches.map((match: Json) => [match.idea.slug, match.status, match.introduction])).toEqual([["men-in-sheds", "piloting", "Both agreed"]]);
    const commissioner: Json = await (await call("loader", myMatches, "commissioner", "/my/matches", {})).json();
    expect(commissioner.matches.map((match: Json) => match.idea.slug).sort()).toEqual(["befriending-calls", "men-in-sheds"]);
    const other: Json = await (await call("loader", myMatches, "otherCommissioner" as Visitor, "/my/matches", {})).json();
    expect(other.matches).toEqual([]);
    expect((await call("loader", myMatches, "broker", "/my/matches", {})).status).toBe(403);
  });
});
