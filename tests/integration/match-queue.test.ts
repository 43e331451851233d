// The brokers' match queue on a real SQLite and a real Meilisearch: the engine's suggestions
// recorded when a broker opens a need (and retried by the scheduled pass when search failed),
// the queue's views with a fixed clock, the broker's proposal form with each of its errors,
// confirming and declining from the queue, and an innovator putting an idea forward from a
// need's page. Routes are called in-process as Remix calls them, with real session cookies.
import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { ideas, matches, matchMessages, needs, notifications, type UserRow } from "../../db/schema";
import { DAY_MS } from "../../app/domain/match-workflow";
import { needFormSchema } from "../../app/domain/need-form";
import type { Role } from "../../app/domain/vocabulary";
import { loadDemoData, loadDemoMatches } from "../../app/models/demo-data.server";
import { loadMatchQueue } from "../../app/models/match-queue.server";
import { needsWantingSuggestions, runSuggestionPass, startSuggestionJobs, suggestAfterOpening } from "../../app/models/match-suggestions.server";
import { applyMatchAction, listMatchQueue, proposeMatch } from "../../app/models/match-workflow.server";
import { createNeedDraft } from "../../app/models/need-editor.server";
import { createUser } from "../../app/models/users.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { startSession } from "../../app/utils/session.server";
import * as brokerItem from "../../app/routes/broker+/$itemType.$itemId";
import * as queueRoute from "../../app/routes/broker+/matches";
import * as proposeRoute from "../../app/routes/broker+/matches_.new";
import * as needPage from "../../app/routes/needs.$slug";
import {
  ideaItems,
  importIdeasAndSync,
  importNeedsAndSync,
  insertIdeaWithStatus,
  need,
  needItems,
  openTestExchange,
  repoRoot,
  runCli,
  type TestExchange,
} from "./helpers";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response> | Response;
type Person = "innovator" | "otherInnovator" | "commissioner" | "broker";

let exchange: TestExchange;
let db: ExchangeDb;
const people = {} as Record<Person, UserRow>;
const cookies = {} as Record<Person, string>;

async function call(handler: unknown, urlPath: string, options: { as?: Person; form?: Record<string, string>; params?: Record<string, string> } = {}) {
  const headers = new Headers();
  if (options.as) headers.set("Cookie", cookies[options.as]);
  const request = new Request(`http://localhost${urlPath}`, options.form ? { method: "POST", headers, body: new URLSearchParams(options.form) } : { headers });
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

const idOf = (table: typeof ideas | typeof needs, slug: string) => db.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get()!.id;
const matchCount = () => db.select({ n: count() }).from(matches).get()!.n;

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
  (globalThis as unknown as { __exchangeReady?: ExchangeContext }).__exchangeReady = exchange;
  const make = async (key: Person, role: Role) => {
    people[key] = await createUser(db, { email: `${key}@queue.example`, password: "correct-horse-1", displayName: key, role });
    cookies[key] = (await startSession(people[key].id)).get("Set-Cookie")!.split(";")[0];
  };
  await make("innovator", "innovator");
  await make("otherInnovator", "innovator");
  await make("commissioner", "commissioner");
  await make("broker", "broker");
  // The demo's 78 ideas: a realistic corpus for the engine.
  const demoIdeas = JSON.parse(fs.readFileSync(path.join(repoRoot, "db/demo/ideas.json"), "utf8")) as Record<string, unknown>[];
  await importIdeasAndSync(exchange, ideaItems(demoIdeas));
  db.update(ideas).set({ ownerId: people.innovator.id }).where(eq(ideas.slug, "mens-sheds")).run();
  db.update(ideas).set({ ownerId: people.otherInnovator.id }).where(eq(ideas.slug, "time-banking")).run();
  insertIdeaWithStatus(db, "draft", { slug: "unpublished-idea", title: "An unpublished idea", summary: "Not yet." });
  await importNeedsAndSync(
    exchange,
    needItems([
      need({
        slug: "village-loneliness",
        title: "Lonely older people in our villages",
        problem: "Older people living alone in rural villages are lonely and isolated; GP visits rise every winter.",
        sectors: ["ageing", "community-neighbourhoods"],
        diffusionModels: ["franchise", "uncontrolled"],
      }),
      need({ slug: "closed-need", title: "A need that closed", problem: "Fly-tipping in country lanes." }),
    ]),
  );
  db.update(needs).set({ ownerId: people.commissioner.id }).where(eq(needs.slug, "village-loneliness")).run();
  db.update(needs).set({ status: "closed" }).where(eq(needs.slug, "closed-need")).run();
}, 120_000);

afterAll(async () => {
  await exchange?.dispose();
});

function submittedNeed(title: string) {
  const values = needFormSchema.parse({
    title,
    problem: "Children walk to school along busy roads full of idling cars; asthma and road injuries near the school gates are rising.",
    whoIsAffected: "Primary school children and their parents",
    outcomes: "Fewer cars at the school gate, cleaner air and more children walking or cycling",
    sectors: ["transport", "children-families"],
    budgetMax: "£80,000",
    deadlineDay: "31/07/2027",
    diffusionModels: ["uncontrolled"],
  });
  return createNeedDraft(db, { id: people.commissioner.id, organisationId: null }, values, true);
}

describe("engine suggestions", () => {
  it("records the engine's top five as suggested matches with scores and reasons when a broker opens a need", async () => {
    const draft = submittedNeed("Safer school journeys");
    const response = await call(brokerItem.action, `/broker/need/${draft.id}`, {
      as: "broker",
      params: { itemType: "need", itemId: String(draft.id) },
      form: { intent: "decide", decision: "publish" },
    });
    expect(response.status).toBe(302);
    expect(db.select({ status: needs.status }).from(needs).where(eq(needs.id, draft.id)).get()!.status).toBe("open");
    const rows = db.select().from(matches).where(eq(matches.needId, draft.id)).all();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "suggested", source: "engine", proposedById: null });
      expect(row.score).toBeGreaterThan(0);
      expect(row.reasons.length).toBeGreaterThan(0);
      expect(row.dueAt!.getTime() - row.createdAt.getTime()).toBe(7 * DAY_MS);
    }
    const slugs = db
      .select({ slug: ideas.slug })
      .from(matches)
      .innerJoin(ideas, eq(ideas.id, matches.ideaId))
      .where(eq(matches.needId, draft.id))
      .all()
      .map((row) => row.slug);
    expect(slugs).toContain("school-streets");
  });

  it("refreshes one need's suggestions from the queue", async () => {
    const needId = idOf(needs, "village-loneliness");
    const response = await call(queueRoute.action, "/broker/matches?need=village-loneliness&view=all", {
      as: "broker",
      form: { intent: "refresh", need: "village-loneliness" },
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe("/broker/matches");
    expect(location.searchParams.get("need")).toBe("village-loneliness");
    expect(location.searchParams.get("done")).toBe("refreshed");
    const created = Number(location.searchParams.get("n"));
    expect(created).toBeGreaterThan(0);
    expect(
      db
        .select({ n: count() })
        .from(matches)
        .where(and(eq(matches.needId, needId), eq(matches.source, "engine")))
        .get()!.n,
    ).toBe(created);
    const page = await body<{ notice: string; need: { slug: string } }>(await call(queueRoute.loader, location.pathname + location.search, { as: "broker" }));
    expect(page.notice).toMatch(/new engine suggestion/);

    const closed = await call(queueRoute.action, "/broker/matches", { as: "broker", form: { intent: "refresh", need: "closed-need" } });
    expect(closed.status).toBe(409);
    const unknown = await call(queueRoute.action, "/broker/matches", { as: "broker", form: { intent: "refresh", need: "no-such-need" } });
    expect(unknown.status).toBe(400);
  });

  it("keeps the broker's decision when search is down, and the scheduled pass records the suggestions later", async () => {
    const draft = submittedNeed("School-run congestion");
    const dead = new Meilisearch({ host: "http://127.0.0.1:9", apiKey: "none" });
    const logged: string[] = [];
    // As the decision route does after committing, but with a search server that is not there.
    db.update(needs).set({ status: "open", submittedAt: null }).where(eq(needs.id, draft.id)).run();
    expect(await suggestAfterOpening(db, dead, draft.id, { log: (message) => logged.push(message), timeoutMs: 5000 })).toBeNull();
    expect(logged.join("\n")).toMatch(/scheduled pass will retry/);
    expect(db.select({ n: count() }).from(matches).where(eq(matches.needId, draft.id)).get()!.n).toBe(0);
    expect(needsWantingSuggestions(db).map((row) => row.id)).toContain(draft.id);

    const failed = await runSuggestionPass(db, dead, { needIds: [draft.id] });
    expect(failed).toMatchObject({ failed: 1, created: 0 });

    const jobs = startSuggestionJobs(exchange, { firstPassMs: 60_000, intervalMs: 60_000, log: () => {} });
    try {
      const pass = await jobs.runOnce();
      expect(pass.failed).toBe(0);
      expect(pass.results.find((result) => result.needId === draft.id)?.created).toBeGreaterThan(0);
      // Done needs are left alone until the recheck interval has passed.
      expect((await jobs.runOnce()).results.find((result) => result.needId === draft.id)).toBeUndefined();
    } finally {
      await jobs.stop();
    }
    // Running again adds nothing: existing pairs are left as they are.
    const again = await runSuggestionPass(db, exchange.meili, { needIds: [draft.id] });
    expect(again.created).toBe(0);
  });

  it("records suggestions from the CLI (`exchange suggest`)", async () => {
    const wrong = await runCli(["suggest"], exchange.dataDir);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/need slugs, --all or --wanting/);
    const unknown = await runCli(["suggest", "no-such-need"], exchange.dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no open need has the slug "no-such-need"/);
    const result = await runCli(["suggest", "--all", "--limit", "6", "--json"], exchange.dataDir);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { created: number; needs: { need: string; created: number; ranked: number }[] };
    expect(report.needs.map((entry) => entry.need).sort()).toEqual(
      db
        .select({ slug: needs.slug })
        .from(needs)
        .where(eq(needs.status, "open"))
        .all()
        .map((row) => row.slug)
        .sort(),
    );
    expect(report.needs.every((entry) => entry.ranked <= 6)).toBe(true);
  }, 60_000);
});

describe("the queue's views", () => {
  it("lists awaiting, open, overdue and all matches, most urgent first, with a fixed clock", () => {
    const needId = submittedNeedOpen("Queue clock need");
    const pick = (slug: string) => idOf(ideas, slug);
    const t0 = new Date("2030-01-01T00:00:00Z");
    const at = (days: number) => new Date(t0.getTime() + days * DAY_MS);
    const broker = { id: people.broker.id, role: "broker" as const };
    const a = proposeMatch(db, broker, { needId, ideaId: pick("repair-cafes") }, at(0)).match; // suggested, due day 7
    const b = proposeMatch(db, broker, { needId, ideaId: pick("casserole-club") }, at(2)).match; // suggested, due day 9
    const c = proposeMatch(db, broker, { needId, ideaId: pick("goodgym") }, at(1)).match;
    applyMatchAction(db, broker, c.id, { action: "confirm", text: "A good fit." }, at(3)); // shortlisted + confirmed, due day 17
    const d = proposeMatch(db, broker, { needId, ideaId: pick("compassionate-frome") }, at(0)).match;
    applyMatchAction(db, broker, d.id, { action: "decline", text: "Not a fit." }, at(1)); // declined, no deadline

    const now = at(8); // a is overdue, b is not yet
    const ids = (view: "awaiting" | "open" | "overdue" | "all") =>
      loadMatchQueue(db, { view, status: null, need: slugOf(needId), page: 1 }, now)!.items.map((item) => item.id);
    expect(ids("awaiting")).toEqual([a.id, b.id]);
    expect(ids("open")).toEqual([a.id, b.id, c.id]);
    expect(ids("overdue")).toEqual([a.id]);
    expect(ids("all")).toEqual([a.id, b.id, c.id, d.id]);
    const page = loadMatchQueue(db, { view: "all", status: null, need: slugOf(needId), page: 1 }, now)!;
    expect(page.counts).toEqual({ awaiting: 2, open: 3, overdue: 1, all: 4 });
    expect(page.items.find((item) => item.id === a.id)!.overdue).toBe(true);
    expect(page.items.find((item) => item.id === b.id)!.overdue).toBe(false);
    expect(loadMatchQueue(db, { view: "all", status: "declined", need: slugOf(needId), page: 1 }, now)!.items.map((item) => item.id)).toEqual([d.id]);
    // Paging.
    const second = loadMatchQueue(db, { view: "all", status: null, need: slugOf(needId), page: 2 }, now, 3)!;
    expect(second.items.map((item) => item.id)).toEqual([d.id]);
    expect(second.totalPages).toBe(2);
    // Across needs (listMatchQueue), the overdue view holds this need's overdue match too.
    expect(listMatchQueue(db, { view: "overdue", pageSize: 500 }, now).items.map((item) => item.id)).toContain(a.id);
    expect(loadMatchQueue(db, { view: "awaiting", status: null, need: "no-such-need", page: 1 }, now)).toBeNull();
  });

  it("shows rows with need, idea, score, source, status and deadline to brokers only", async () => {
    const response = await call(queueRoute.loader, "/broker/matches?view=all", { as: "broker" });
    expect(response.status).toBe(200);
    const page = await body<{
      rows: {
        need: { slug: string };
        idea: { slug: string };
        score: number | null;
        source: string;
        status: string;
        deadline: string | null;
        overdue: boolean;
      }[];
      total: number;
    }>(response);
    expect(page.total).toBeGreaterThan(0);
    const engineRow = page.rows.find((row) => row.source === "Engine")!;
    expect(engineRow).toBeDefined();
    expect(engineRow.score).toBeGreaterThan(0);
    expect(engineRow.deadline).toMatch(/\d{4}/);
    for (const who of ["innovator", "commissioner"] as const) expect((await call(queueRoute.loader, "/broker/matches", { as: who })).status).toBe(403);
    expect((await call(queueRoute.loader, "/broker/matches")).status).toBe(302);
    // A junk filter falls back to the defaults; an unknown need is a 404.
    expect((await call(queueRoute.loader, "/broker/matches?view=nope&status=nope&page=-3", { as: "broker" })).status).toBe(200);
    expect((await call(queueRoute.loader, "/broker/matches?need=no-such-need", { as: "broker" })).status).toBe(404);
  });

  it("confirms with a rationale and declines with a reason from the queue", async () => {
    const needId = idOf(needs, "village-loneliness");
    const broker = { id: people.broker.id, role: "broker" as const };
    const { match } = proposeMatch(db, broker, { needId, ideaId: idOf(ideas, "dementia-friendly-communities") });
    const before = matchCount();
    const missing = await call(queueRoute.action, "/broker/matches", { as: "broker", form: { intent: "confirm", matchId: String(match.id), rationale: "  " } });
    expect(missing.status).toBe(400);
    expect((await body<{ matchId: number; errors: { rationale: string } }>(missing)).errors.rationale).toMatch(/Give a rationale/);
    const ok = await call(queueRoute.action, "/broker/matches?view=open", {
      as: "broker",
      form: { intent: "confirm", matchId: String(match.id), rationale: "Villages can start groups with a small grant." },
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/broker/matches?view=open&done=confirmed");
    const confirmed = db.select().from(matches).where(eq(matches.id, match.id)).get()!;
    expect(confirmed).toMatchObject({ status: "shortlisted", rationale: "Villages can start groups with a small grant.", confirmedById: people.broker.id });
    const twice = await call(queueRoute.action, "/broker/matches", {
      as: "broker",
      form: { intent: "confirm", matchId: String(match.id), rationale: "Again." },
    });
    expect(twice.status).toBe(409);

    const noReason = await call(queueRoute.action, "/broker/matches", { as: "broker", form: { intent: "decline", matchId: String(match.id) } });
    expect(noReason.status).toBe(400);
    // Declining is confirmed on the match's own page first.
    const unconfirmed = await call(queueRoute.action, "/broker/matches?view=open", {
      as: "broker",
      form: { intent: "decline", matchId: String(match.id), reason: "The commissioner wants a franchise." },
    });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get("Location")).toBe(`/matches/${match.id}/confirm/decline?returnTo=${encodeURIComponent("/broker/matches?view=open")}`);
    expect(db.select().from(matches).where(eq(matches.id, match.id)).get()!.status).toBe("shortlisted");
    const declined = await call(queueRoute.action, "/broker/matches", {
      as: "broker",
      form: { intent: "decline", matchId: String(match.id), reason: "The commissioner wants a franchise.", confirmed: "yes" },
    });
    expect(declined.status).toBe(302);
    expect(db.select().from(matches).where(eq(matches.id, match.id)).get()).toMatchObject({
      status: "declined",
      declineReason: "The commissioner wants a franchise.",
      declinedFrom: "shortlisted",
    });
    expect(
      (await call(queueRoute.action, "/broker/matches", { as: "broker", form: { intent: "decline", matchId: "99999", reason: "x", confirmed: "yes" } })).status,
    ).toBe(404);
    expect(matchCount()).toBe(before);
  });
});

// Made after the engine's passes above, so it has no engine suggestions to collide with.
function lonelyVillagesNeed() {
  const slug = "lonely-villages";
  if (!db.select({ id: needs.id }).from(needs).where(eq(needs.slug, slug)).get()) {
    const id = submittedNeedOpen("Lonely villages");
    db.update(needs).set({ slug, problem: "Older people alone in villages." }).where(eq(needs.id, id)).run();
  }
  return slug;
}

describe("proposing a match", () => {
  beforeAll(() => {
    lonelyVillagesNeed();
  });
  const propose = (form: Record<string, string>) => call(proposeRoute.action, "/broker/matches/new", { as: "broker", form: { intent: "propose", ...form } });

  it("names each problem next to its field and writes nothing", async () => {
    const before = matchCount();
    const cases: [Record<string, string>, number, string, RegExp][] = [
      [{ need: "", idea: "" }, 400, "need", /Choose an open need/],
      [{ need: "lonely-villages", idea: "" }, 400, "idea", /Enter the slug of a published idea/],
      [{ need: "no-such-need", idea: "mens-sheds" }, 400, "need", /no need with the slug “no-such-need”/],
      [{ need: "lonely-villages", idea: "no-such-idea" }, 400, "idea", /no idea with the slug “no-such-idea”/],
      [{ need: "closed-need", idea: "mens-sheds" }, 409, "need", /is not open \(it is closed\)/],
      [{ need: "lonely-villages", idea: "unpublished-idea" }, 409, "idea", /is not published \(it is draft\)/],
      [{ need: "lonely-villages", idea: "mens-sheds", note: "x".repeat(2001) }, 400, "note", /2000 characters/],
    ];
    for (const [form, status, field, message] of cases) {
      const response = await propose(form);
      expect(response.status, JSON.stringify(form)).toBe(status);
      expect((await body<{ errors: Record<string, string> }>(response)).errors[field], JSON.stringify(form)).toMatch(message);
    }
    expect(matchCount()).toBe(before);
  });

  it("proposes a pair as the broker's suggestion, and refuses the same pair twice", async () => {
    const response = await propose({ need: "Lonely-Villages ", idea: "time-banking", note: "Swaps of time suit villages." });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/broker/matches?view=all&need=lonely-villages&done=proposed");
    const row = db
      .select()
      .from(matches)
      .where(and(eq(matches.needId, idOf(needs, "lonely-villages")), eq(matches.ideaId, idOf(ideas, "time-banking"))))
      .get()!;
    expect(row).toMatchObject({ status: "suggested", source: "broker", proposedById: people.broker.id, score: null });
    const before = matchCount();
    const again = await propose({ need: "lonely-villages", idea: "time-banking" });
    expect(again.status).toBe(409);
    const answer = await body<{ errors: { idea: string }; existingMatchId: number }>(again);
    expect(answer.errors.idea).toMatch(/already matched/);
    expect(answer.existingMatchId).toBe(row.id);
    expect(matchCount()).toBe(before);
    // The loader's finder and the need select.
    const page = await body<{ needChoices: { slug: string }[]; found: { slug: string }[] }>(
      await call(proposeRoute.loader, "/broker/matches/new?q=shed", { as: "broker" }),
    );
    expect(page.found.map((idea) => idea.slug)).toContain("mens-sheds");
    expect(page.needChoices.map((choice) => choice.slug)).toContain("lonely-villages");
    expect(page.needChoices.map((choice) => choice.slug)).not.toContain("closed-need");
    expect(
      (await call(proposeRoute.action, "/broker/matches/new", { as: "commissioner", form: { intent: "propose", need: "lonely-villages", idea: "mens-sheds" } }))
        .status,
    ).toBe(403);
  });
});

describe("an innovator putting an idea forward", () => {
  beforeAll(() => {
    lonelyVillagesNeed();
  });
  const putForward = (as: Person | undefined, form: Record<string, string>, slug = "lonely-villages") =>
    call(needPage.action, `/needs/${slug}`, { as, params: { slug }, form: { intent: "put-forward", ...form } });

  it("offers the form only to innovators with published ideas", async () => {
    const as = async (who?: Person) =>
      (
        await body<{ putForward: { ideas: { slug: string }[] } | null }>(
          await call(needPage.loader, "/needs/lonely-villages", { as: who, params: { slug: "lonely-villages" } }),
        )
      ).putForward;
    expect((await as("innovator"))!.ideas.map((idea) => idea.slug)).toEqual(["mens-sheds"]);
    expect(await as("commissioner")).toBeNull();
    expect(await as()).toBeNull();
  });

  it("puts one of their published ideas forward, tells the commissioner, and refuses others' ideas and repeats", async () => {
    const before = matchCount();
    expect((await putForward("innovator", { idea: "time-banking" })).status).toBe(400); // someone else's
    expect((await putForward("innovator", { idea: "" })).status).toBe(400);
    expect((await putForward("innovator", { idea: "mens-sheds" }, "closed-need")).status).toBe(409);
    expect((await putForward("innovator", { idea: "mens-sheds" }, "no-such-need")).status).toBe(404);
    expect((await putForward("commissioner", { idea: "mens-sheds" })).status).toBe(403);
    expect((await putForward(undefined, { idea: "mens-sheds" })).status).toBe(302); // to /signin
    expect(matchCount()).toBe(before);

    const response = await putForward("innovator", { idea: "mens-sheds", note: "Sheds run in villages already." });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/needs/lonely-villages?forwarded=mens-sheds#put-forward-heading");
    const row = db
      .select()
      .from(matches)
      .where(and(eq(matches.needId, idOf(needs, "lonely-villages")), eq(matches.ideaId, idOf(ideas, "mens-sheds"))))
      .get()!;
    expect(row).toMatchObject({ status: "suggested", source: "innovator", proposedById: people.innovator.id });
    const told = db.select().from(notifications).where(eq(notifications.userId, people.commissioner.id)).all();
    expect(told.some((notification) => notification.link === `/matches/${row.id}` && /An innovator put/.test(notification.title))).toBe(true);
    const page = await body<{ putForward: { done: { title: string } | null; ideas: { matched: boolean }[] } }>(
      await call(needPage.loader, "/needs/lonely-villages?forwarded=mens-sheds", { as: "innovator", params: { slug: "lonely-villages" } }),
    );
    expect(page.putForward.done).not.toBeNull();
    expect(page.putForward.ideas.every((idea) => idea.matched)).toBe(true);

    const again = await putForward("innovator", { idea: "mens-sheds" });
    expect(again.status).toBe(409);
    expect((await body<{ errors: { idea: string } }>(again)).errors.idea).toMatch(/already being considered/);
  });
});

// ---------------------------------------------------------------------------------------

function submittedNeedOpen(title: string): number {
  const draft = submittedNeed(title);
  db.update(needs).set({ status: "open", submittedAt: null }).where(eq(needs.id, draft.id)).run();
  return draft.id;
}

function slugOf(needId: number): string {
  return db.select({ slug: needs.slug }).from(needs).where(eq(needs.id, needId)).get()!.slug;
}

describe("the demo data", () => {
  it("gives the demo matches at each stage, once, however often it is loaded", async () => {
    await loadDemoData(db);
    const statusOf = (needSlug: string, ideaSlug: string) =>
      db
        .select({ status: matches.status, source: matches.source, confirmedAt: matches.confirmedAt })
        .from(matches)
        .where(and(eq(matches.needId, idOf(needs, needSlug)), eq(matches.ideaId, idOf(ideas, ideaSlug))))
        .get();
    expect(statusOf("rural-loneliness-older-people-marlbury", "mens-sheds")).toMatchObject({ status: "shortlisted", source: "broker" });
    expect(statusOf("rural-loneliness-older-people-marlbury", "mens-sheds")!.confirmedAt).not.toBeNull();
    expect(statusOf("entrenched-rough-sleeping-harbourside", "the-big-issue")).toMatchObject({ status: "introduced" });
    expect(statusOf("rural-loneliness-older-people-marlbury", "social-prescribing-bromley-by-bow")).toMatchObject({ status: "piloting", source: "innovator" });
    expect(statusOf("cold-homes-respiratory-admissions-tamsford", "warm-home-prescription")).toMatchObject({ status: "suggested" });
    expect(statusOf("night-time-economy-violence-kingsport", "scared-straight")).toMatchObject({ status: "declined" });
    const introduced = db
      .select({ id: matches.id })
      .from(matches)
      .where(eq(matches.ideaId, idOf(ideas, "the-big-issue")))
      .get()!;
    expect(db.select({ n: count() }).from(matchMessages).where(eq(matchMessages.matchId, introduced.id)).get()!.n).toBe(2);
    expect(loadMatchQueue(db, { view: "overdue", status: null, need: "cold-homes-respiratory-admissions-tamsford", page: 1 }, new Date())!.total).toBe(1);

    const before = matchCount();
    await loadDemoData(db);
    expect(loadDemoMatches(db)).toBe(0);
    expect(matchCount()).toBe(before);
  });
});
