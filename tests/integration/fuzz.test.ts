// Property-based fuzzing (issue 6, item 8) with fast-check: every action of every route module,
// called as every kind of visitor with random form fields and values (and random route params),
// and every loader with random query parameters, must never answer 5xx (or throw anything but
// a Response), and a request that is refused must write nothing: the row count of every table
// is unchanged. The same for the exchange-format import: a file that fails validation writes
// nothing, and an import that fails half-way rolls back whole.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideaFormat, validateExchangeFile, type IdeaFormat } from "../../app/domain/exchange-format";
import {
  caseStudyStatuses,
  diffusionModels,
  lifecyclePhases,
  notificationPreferences,
  reviewItemTypes,
  roles,
  sectors,
  takeoverTransfers,
  typologies,
} from "../../app/domain/vocabulary";
import { importIdeas } from "../../app/models/exchange-import.server";
import type { ExchangeDb } from "../../db/client";
import { addMatchFixtures } from "./match-fixtures";
import { addOutcomeFixtures, outcomeFixtures } from "./outcome-fixtures";
import {
  buildRequest,
  callAction,
  callLoader,
  importRoute,
  openHarness,
  routeFiles,
  visitors,
  type Harness,
  type Outcome,
  type Params,
  type RouteModule,
} from "./route-harness";

let harness: Harness;
const modules = new Map<string, RouteModule>();

beforeAll(async () => {
  harness = await openHarness();
  addOutcomeFixtures(harness);
  addMatchFixtures(harness);
  for (const file of routeFiles()) modules.set(file, await importRoute(file));
});

afterAll(async () => {
  await harness?.dispose();
});

/** Rows in every table of ours (the throttle's failure log is meant to grow on refusals). */
function rowCounts(db: ExchangeDb): Record<string, number> {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' and name not in ('sign_in_failures', '__drizzle_migrations')",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number]));
}

const xss = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "[x](javascript:alert(1))"];

/** Field names of the app's forms, so random forms often get past the first check. */
const knownFields = [
  "intent",
  "email",
  "password",
  "displayName",
  "role",
  "organisation",
  "redirectTo",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "whoIsAffected",
  "lifecyclePhase",
  "constraints",
  "budgetMin",
  "budgetMax",
  "fundingRoutes",
  "deadlineDay",
  "deadlineMonth",
  "deadlineYear",
  "title",
  "summary",
  "problem",
  "solution",
  "evidence",
  "sectors",
  "typology",
  "diffusionModels",
  "lifecyclePhase",
  "originLocality",
  "originCountry",
  "costs",
  "tags",
  "uncontrolledLicence",
  "uncontrolledReplicationPack",
  "franchiseFeeModel",
  "franchiseCoreElements",
  "franchiseAdaptableElements",
  "franchiseAdoptersPerYear",
  "takeoverTransfers",
  "takeoverTerms",
  "growthCapacity",
  "growthInvestmentNeeded",
  "locality",
  "country",
  "year",
  "status",
  "outcomes",
  "lessons",
  "decision",
  "reason",
  "evidenceLevel",
  "evidenceJustification",
  "body",
  "itemType",
  "itemId",
  "userId",
  "organisationId",
  "name",
  "notificationPreference",
  "q",
  "page",
  "idea",
  "rationale",
  "milestone",
  "updateId",
  "caseStudyId",
  "matchId",
  "need",
  "note",
  "confirmed",
  "returnTo",
  "question",
  "showName",
  "answer",
  "questionId",
  "assigneeId",
  "transferability",
  "costClarity",
  "diffusionFit",
  "problemClarity",
  "outcomeClarity",
  "budgetRoute",
  "outcomeEvidence",
  "evidenceOfChange",
  "candour",
];
const intents = [
  "submit",
  "save",
  "claim",
  "release",
  "note",
  "decide",
  "add-case-study",
  "mark-all-read",
  "create",
  "rename",
  "update-user",
  "shortlist",
  "request-introduction",
  "confirm",
  "opt-in",
  "start-pilot",
  "adopt",
  "decline",
  "message",
  "add-update",
  "edit-case-study",
  "resubmit-update",
  "resubmit-case-study",
  "propose",
  "refresh",
  "put-forward",
  "ask-question",
  "answer-question",
  "hide-question",
  "restore-question",
  "score",
  "assign",
];
const vocabulary = [
  ...sectors,
  ...diffusionModels,
  ...typologies,
  ...lifecyclePhases,
  ...caseStudyStatuses,
  ...notificationPreferences,
  ...reviewItemTypes,
  ...roles,
  ...takeoverTransfers,
  "publish",
  "reject",
  "request-changes",
];

function valueArbitrary(harness: Harness) {
  const { users, submittedIdeaId } = harness.fixtures;
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 3, arbitrary: fc.constantFrom(...vocabulary, ...intents) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 3000 }).map(String) },
    { weight: 1, arbitrary: fc.emailAddress() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        " ",
        "\u0000",
        "x".repeat(129),
        "y".repeat(12_000),
        "1e308",
        "NaN",
        "-0",
        "__proto__",
        "constructor",
        "GB",
        "2019",
        "correct horse battery staple",
        "innovator@matrix.example",
        users.innovator.id,
        users.admin.id,
        String(submittedIdeaId),
        "1",
        ...xss,
      ),
    },
  );
}

/** Valid submissions of the app's forms: mutated a little, they reach the writes behind validation. */
function seedForms(harness: Harness): Record<string, [string, string][][]> {
  const idea: [string, string][] = [
    ["title", "A fuzzed idea"],
    ["summary", "What it does."],
    ["sectors", "ageing"],
    ["diffusionModels", "uncontrolled"],
    ["uncontrolledLicence", "CC BY 4.0"],
  ];
  const need: [string, string][] = [
    ["title", "A fuzzed need"],
    ["problem", "Older residents in villages see nobody for days and their GP visits rise every winter."],
    ["sectors", "ageing"],
    ["whoIsAffected", "People over 75"],
    ["outcomes", "Fewer lonely people"],
    ["budgetMax", "£50k"],
    ["deadlineDay", "31"],
    ["deadlineMonth", "3"],
    ["deadlineYear", "2027"],
    ["diffusionModels", "franchise"],
  ];
  const claim: [string, string][] = [
    ["intent", "claim"],
    ["itemType", "idea"],
    ["itemId", String(harness.fixtures.submittedIdeaId)],
  ];
  return {
    "signup.tsx": [
      [
        ["displayName", "Fuzz Person"],
        ["email", "fuzz@fuzz.example"],
        ["password", "a long enough passphrase"],
        ["role", "innovator"],
      ],
    ],
    "signin.tsx": [
      [
        ["email", "innovator@matrix.example"],
        ["password", "correct horse battery staple"],
        ["redirectTo", "/ideas"],
      ],
    ],
    "account_.password.tsx": [
      [
        ["currentPassword", "correct horse battery staple"],
        ["newPassword", "another fine passphrase"],
        ["confirmPassword", "another fine passphrase"],
      ],
    ],
    "my+/ideas.new.tsx": [
      [...idea, ["intent", "save"]],
      [...idea, ["intent", "submit"]],
    ],
    "my+/ideas.$slug.tsx": [
      [...idea, ["intent", "save"]],
      [
        ["intent", "add-case-study"],
        ["locality", "Leeds"],
        ["status", "adopted"],
        ["year", "2020"],
      ],
      [
        ["intent", "resubmit-case-study"],
        ["caseStudyId", "1"],
        ["locality", "Leeds"],
        ["status", "adopted"],
        ["outcomes", "Now in every branch."],
      ],
    ],
    "my+/needs.new.tsx": [
      [...need, ["intent", "save"]],
      [...need, ["intent", "submit"]],
    ],
    "my+/needs.$slug.tsx": [
      [...need, ["intent", "save"]],
      [...need, ["intent", "submit"]],
      [
        ["intent", "shortlist"],
        ["idea", "matched-idea"],
      ],
      [
        ["intent", "request-introduction"],
        ["idea", "published-idea"],
      ],
    ],
    "matches.$id.tsx": [
      [
        ["intent", "confirm"],
        ["rationale", "Both are about lonely older men."],
      ],
      [
        ["intent", "decline"],
        ["reason", "Not a fit after all."],
      ],
      [["intent", "request-introduction"]],
      [["intent", "opt-in"]],
      [["intent", "start-pilot"]],
      [
        ["intent", "message"],
        ["body", "Hello from the fuzzer."],
      ],
    ],
    "matches.$id_.confirm.$action.tsx": [
      [
        ["reason", "Not a fit after all."],
        ["returnTo", "/broker/matches?view=open"],
      ],
      [
        ["confirmed", "yes"],
        ["reason", "Not a fit after all."],
      ],
      [["confirmed", "yes"]],
    ],
    "my+/outcomes.$matchId.tsx": [
      [
        ["intent", "add-update"],
        ["milestone", "6"],
        ["outcomes", "Falls admissions fell 14% against last winter in the pilot wards."],
      ],
      [
        ["intent", "add-update"],
        ["milestone", "ad-hoc"],
        ["outcomes", "Two more community centres now run the classes every week."],
      ],
      [
        ["intent", "edit-case-study"],
        ["outcomes", "Classes in six community centres from February."],
        ["lessons", "Book venues early."],
      ],
      [
        ["intent", "resubmit-update"],
        ["updateId", "1"],
        ["outcomes", "212 people took part in the first six months of classes."],
      ],
    ],
    "account_.settings.tsx": [[["notificationPreference", "daily"]]],
    "notifications.tsx": [[["intent", "mark-all-read"]]],
    "broker+/_index.tsx": [claim],
    "broker+/matches.tsx": [
      [
        ["intent", "confirm"],
        ["matchId", String(harness.fixtures.ownMatchId)],
        ["rationale", "Both are about lonely older men."],
      ],
      [
        ["intent", "decline"],
        ["matchId", String(harness.fixtures.otherMatchId)],
        ["reason", "Not a fit after all."],
      ],
      [
        ["intent", "refresh"],
        ["need", harness.fixtures.openNeedSlug],
      ],
    ],
    "broker+/matches_.new.tsx": [
      [
        ["intent", "propose"],
        ["need", harness.fixtures.openNeedSlug],
        ["idea", harness.fixtures.publishedIdeaSlug],
        ["note", "They fit."],
      ],
    ],
    "needs.$slug.tsx": [
      [
        ["intent", "put-forward"],
        ["idea", "matched-idea"],
        ["note", "Sheds in towns too."],
      ],
      [
        ["intent", "ask-question"],
        ["question", "Is the budget for one year?"],
        ["showName", "on"],
      ],
    ],
    "broker+/questions.tsx": [
      [
        ["intent", "hide-question"],
        ["questionId", "1"],
        ["reason", "Names a member of staff."],
      ],
      [
        ["intent", "restore-question"],
        ["questionId", "1"],
      ],
    ],
    "broker+/$itemType.$itemId.tsx": [
      claim,
      [
        ["intent", "note"],
        ["body", "A note."],
      ],
      [
        ["intent", "decide"],
        ["decision", "request-changes"],
        ["reason", "More detail, please."],
      ],
      [
        ["intent", "score"],
        ["evidence", "3"],
        ["transferability", "4"],
        ["costClarity", "2"],
        ["diffusionFit", "4"],
      ],
      [
        ["intent", "assign"],
        ["assigneeId", harness.fixtures.users.broker.id],
        ["note", "Yours."],
      ],
      [
        ["intent", "decide"],
        ["decision", "reject"],
        ["reason", "Not a public-service innovation."],
      ],
    ],
    // Issue 13: scoring, assigning, and the reject confirmation page.
    "broker+/$itemType.$itemId_.confirm-reject.tsx": [[["reason", "Not a public-service innovation."]]],
    "broker+/matches_.$id.assign.tsx": [
      [
        ["intent", "assign"],
        ["assigneeId", harness.fixtures.users.broker.id],
        ["note", "Chase the council."],
      ],
    ],
    "admin+/organisations.tsx": [
      [
        ["intent", "create"],
        ["name", "Fuzz Organisation"],
      ],
    ],
    "admin+/_index.tsx": [
      [
        ["intent", "update-user"],
        ["userId", harness.fixtures.users.otherInnovator.id],
        ["role", "innovator"],
      ],
    ],
  };
}

function formArbitrary(harness: Harness, file: string) {
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...knownFields) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  const pair = fc.tuple(name, valueArbitrary(harness));
  const random = fc.array(pair, { maxLength: 14 });
  // A seed with up to three fields replaced, dropped or added.
  const mutated = fc
    .tuple(
      fc.constantFrom(...(seedForms(harness)[file] ?? Object.values(seedForms(harness)).flat())),
      fc.array(fc.tuple(fc.constantFrom("replace", "drop", "add"), fc.nat(), pair), { maxLength: 3 }),
    )
    .map(([seed, edits]) => {
      const pairs = seed.map(([key, value]) => [key, value] as [string, string]);
      for (const [edit, at, [key, value]] of edits) {
        const index = at % Math.max(1, pairs.length);
        if (edit === "add" || !pairs.length) pairs.push([key, value]);
        else if (edit === "drop") pairs.splice(index, 1);
        else pairs[index] = [pairs[index][0], value];
      }
      return pairs;
    });
  return fc.oneof(random, mutated).map((pairs) => {
    const form = new URLSearchParams();
    for (const [key, value] of pairs) form.append(key, value);
    return form;
  });
}

/** Route params: usually the fixtures' real items (so the guard passes and validation is reached), sometimes junk. */
function paramsArbitrary(file: string, harness: Harness, junkWeight = 1): fc.Arbitrary<{ path: string; params: Params }> {
  const fx = harness.fixtures;
  const junk = fc.string({ maxLength: 20 });
  const real = <T>(values: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
    junkWeight ? fc.oneof({ weight: 3, arbitrary: values }, { weight: junkWeight, arbitrary: other }) : values;
  const slugged = (prefix: string, slugs: string[]) =>
    real(fc.constantFrom(...slugs), junk).map((slug) => ({ path: `${prefix}/${encodeURIComponent(slug)}`, params: { slug } }));
  if (file === "my+/ideas.$slug.tsx") return slugged("/my/ideas", [fx.ownIdeaSlug, fx.ownIdeaSlug, fx.otherIdeaSlug]);
  if (file === "my+/needs.$slug.tsx") return slugged("/my/needs", [fx.ownNeedSlug, fx.ownNeedSlug, "matched-need", fx.otherNeedSlug]);
  if (file === "matches.$id.tsx") {
    const ids = [fx.ownMatchId, fx.ownMatchId, fx.otherMatchId].map(String);
    return real(fc.constantFrom(...ids), fc.oneof(junk, fc.integer().map(String))).map((id) => ({
      path: `/matches/${encodeURIComponent(id)}`,
      params: { id },
    }));
  }
  if (file === "matches.$id_.confirm.$action.tsx") {
    const ids = [fx.ownMatchId, fx.ownMatchId, fx.otherMatchId].map(String);
    return fc
      .tuple(real(fc.constantFrom(...ids), fc.oneof(junk, fc.integer().map(String))), real(fc.constantFrom("adopt", "decline"), junk))
      .map(([id, action]) => ({ path: `/matches/${encodeURIComponent(id)}/confirm/${encodeURIComponent(action)}`, params: { id, action } }));
  }
  if (file === "my+/outcomes.$matchId.tsx") {
    const ids = [outcomeFixtures.ownAdoptedMatchId, outcomeFixtures.ownAdoptedMatchId, outcomeFixtures.otherAdoptedMatchId].map(String);
    return real(fc.constantFrom(...ids), fc.oneof(junk, fc.integer().map(String))).map((matchId) => ({
      path: `/my/outcomes/${encodeURIComponent(matchId)}`,
      params: { matchId },
    }));
  }
  if (file === "broker+/$itemType.$itemId.tsx") {
    return real(
      fc.constant({ itemType: "idea", itemId: String(fx.submittedIdeaId) }),
      fc.record({ itemType: fc.oneof(fc.constantFrom(...reviewItemTypes), junk), itemId: fc.oneof(fc.integer().map(String), junk) }),
    ).map((params) => ({ path: `/broker/${encodeURIComponent(params.itemType)}/${encodeURIComponent(params.itemId)}`, params }));
  }
  if (file === "broker+/$itemType.$itemId_.confirm-reject.tsx") {
    return real(
      fc.constant({ itemType: "idea", itemId: String(fx.submittedIdeaId) }),
      fc.record({ itemType: fc.oneof(fc.constantFrom(...reviewItemTypes), junk), itemId: fc.oneof(fc.integer().map(String), junk) }),
    ).map((params) => ({ path: `/broker/${encodeURIComponent(params.itemType)}/${encodeURIComponent(params.itemId)}/confirm-reject`, params }));
  }
  if (file === "broker+/matches_.$id.assign.tsx") {
    const ids = [fx.ownMatchId, fx.otherMatchId].map(String);
    return real(fc.constantFrom(...ids), fc.oneof(junk, fc.integer().map(String))).map((id) => ({
      path: `/broker/matches/${encodeURIComponent(id)}/assign`,
      params: { id },
    }));
  }
  if (file === "$.tsx") {
    // The catch-all not-found route: any path at all.
    return fc.oneof(junk, fc.constant("no/such/page")).map((rest) => ({ path: `/${encodeURIComponent(rest)}`, params: { "*": rest } }));
  }
  if (file.includes("$")) {
    // Any other dynamic route: its single param from the file name, with fixture or junk values.
    const param = /\$(\w+)/.exec(file)![1];
    return real(fc.constantFrom(fx.publishedIdeaSlug, fx.openNeedSlug, fx.organisationSlug), junk).map((value) => ({
      path: `/${encodeURIComponent(value)}`,
      params: { [param]: value },
    }));
  }
  const path = `/${file
    .replace(/\.tsx?$/, "")
    .replace(/^_index$/, "")
    .replace(/\._index$/, "")
    .replace(/_\./g, "/")
    .replace(/\./g, "/")}`;
  return fc.constant({ path, params: {} });
}

function describeFailure(outcome: Outcome): string {
  return outcome.verdict === "error" ? `${outcome.status}: ${outcome.detail.split("\n").slice(0, 4).join(" | ")}` : "";
}

describe("fuzzing every action", () => {
  it("never answers 5xx, and a refused request writes nothing", async () => {
    const actions = [...modules].filter(([, mod]) => typeof mod.action === "function");
    expect(actions.length).toBeGreaterThan(8);
    const statuses: Record<string, Record<string, number>> = {};
    for (const [file, mod] of actions) {
      const seen = (statuses[file] = {} as Record<string, number>);
      // Mostly visitors the guard lets through (found as the matrix does, with an empty form), so
      // the random forms reach validation and the writes behind it.
      const passing: typeof visitors = [];
      for (const visitor of visitors) {
        const target = fc.sample(paramsArbitrary(file, harness, 0), { numRuns: 1, seed: 1 })[0];
        const outcome = await callAction(mod, buildRequest("POST", target.path, { cookie: await harness.cookieFor(visitor), form: {} }), target.params);
        if (outcome.verdict === "allow") passing.push(visitor);
      }
      const visitor = passing.length
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...passing) }, { weight: 1, arbitrary: fc.constantFrom(...visitors) })
        : fc.constantFrom(...visitors);
      await fc.assert(
        fc.asyncProperty(visitor, paramsArbitrary(file, harness), formArbitrary(harness, file), async (visitor, target, form) => {
          const cookie = await harness.cookieFor(visitor);
          const before = rowCounts(harness.exchange.db);
          const outcome = await callAction(mod, buildRequest("POST", target.path, { cookie, form }), target.params);
          if (outcome.verdict === "error") throw new Error(`${file} action as ${visitor} with ${form} → ${describeFailure(outcome)}`);
          seen[`${outcome.verdict} ${outcome.status}`] = (seen[`${outcome.verdict} ${outcome.status}`] ?? 0) + 1;
          if (outcome.verdict === "deny" || outcome.status >= 400) {
            expect(rowCounts(harness.exchange.db), `${file} as ${visitor} refused ${form} (${outcome.status}) but wrote`).toEqual(before);
          }
        }),
        { numRuns: 30, seed: 20260612 ^ file.length, endOnFailure: true },
      );
    }
    // Not just bouncing off the guards: every action was reached past them (a 400 from its
    // validation, a 409, a redirect or a success) at least once.
    // (The catch-all not-found route has nothing past its guard: it answers 404 to everything.)
    const unreached = Object.entries(statuses).filter(([file, seen]) => file !== "$.tsx" && !Object.keys(seen).some((outcome) => outcome.startsWith("allow")));
    expect(unreached.map(([file]) => file)).toEqual([]);
  });

  it("never answers 5xx to random query parameters on any loader", async () => {
    const loaders = [...modules].filter(([, mod]) => typeof mod.loader === "function");
    const query = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            "q",
            "page",
            "sector",
            "diffusionModel",
            "lifecyclePhase",
            "typology",
            "evidenceLevel",
            "fundingRoute",
            "type",
            "claim",
            "sort",
            "overdue",
            "title",
            "summary",
            "exclude",
            "saved",
            "redirectTo",
            "limit",
            "offset",
          ),
          fc.string({ maxLength: 8 }),
        ),
        valueArbitrary(harness),
      ),
      { maxLength: 6 },
    );
    for (const [file, mod] of loaders) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...visitors), paramsArbitrary(file, harness), query, async (visitor, target, pairs) => {
          const search = new URLSearchParams(pairs).toString();
          const outcome = await callLoader(mod, buildRequest("GET", `${target.path}?${search}`, { cookie: await harness.cookieFor(visitor) }), target.params);
          if (outcome.verdict === "error") throw new Error(`${file} loader as ${visitor} with ?${search} → ${describeFailure(outcome)}`);
        }),
        { numRuns: 10, seed: 4242 ^ file.length, endOnFailure: true },
      );
    }
  });
});

// ---------------------------------------------------------------------------------------
// The import

const slugArbitrary = fc.stringMatching(/^[a-z0-9]{3,12}(-[a-z0-9]{1,8}){0,2}$/);
const ideaItemArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    slug: slugArbitrary,
    title: fc.string({ minLength: 1, maxLength: 60 }),
    summary: fc.string({ minLength: 1, maxLength: 200 }),
    problem: fc.string({ maxLength: 200 }),
    sectors: fc.uniqueArray(fc.constantFrom(...sectors), { minLength: 1, maxLength: 3 }),
    diffusionModels: fc.uniqueArray(fc.constantFrom(...diffusionModels), { minLength: 1, maxLength: 4 }),
    typology: fc.uniqueArray(fc.constantFrom(...typologies), { maxLength: 2 }),
    lifecyclePhase: fc.constantFrom(...lifecyclePhases),
    evidenceLevel: fc.integer({ min: 1, max: 5 }),
    tags: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
    origin: fc.record({ locality: fc.string({ maxLength: 30 }), country: fc.constantFrom("GB", "NL", "FR") }, { requiredKeys: [] }),
    caseStudies: fc.array(
      fc.record({
        locality: fc.string({ minLength: 1, maxLength: 30 }),
        status: fc.constantFrom(...caseStudyStatuses),
        year: fc.integer({ min: 1900, max: 2100 }),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ["slug", "title", "summary", "sectors", "diffusionModels"] },
);

/** A plausible item broken in one place: a key removed, given a random value, or one added. */
const brokenItemArbitrary = fc
  .tuple(
    ideaItemArbitrary,
    fc.constantFrom("slug", "title", "summary", "sectors", "diffusionModels", "evidenceLevel", "origin", "caseStudies", "tags", "surprise"),
    fc.anything(),
    fc.boolean(),
  )
  .map(([item, key, value, remove]) => {
    const copy: Record<string, unknown> = { ...item };
    if (remove) delete copy[key];
    else copy[key] = value;
    return copy;
  });

const fileArbitrary = fc.oneof(
  { weight: 1, arbitrary: fc.anything() },
  {
    weight: 4,
    arbitrary: fc.array(
      fc.oneof({ weight: 4, arbitrary: ideaItemArbitrary }, { weight: 2, arbitrary: brokenItemArbitrary }, { weight: 1, arbitrary: fc.anything() }),
      { maxLength: 6 },
    ),
  },
);

describe("fuzzing the import", () => {
  it("writes nothing when a file fails validation, and exactly its items when it passes", () => {
    const { db } = harness.exchange;
    fc.assert(
      fc.property(fileArbitrary, (data) => {
        const before = rowCounts(db);
        const result = validateExchangeFile(ideaFormat, data);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.message).toMatch(/\w/);
          expect(rowCounts(db)).toEqual(before);
          return;
        }
        const items = result.items as IdeaFormat[];
        const existing = new Set(db.$client.prepare("select slug from ideas").pluck().all() as string[]);
        const counts = importIdeas(db, items);
        expect(counts.inserted).toBe(items.filter((item) => !existing.has(item.slug)).length);
        expect(counts.inserted + counts.updated).toBe(items.length);
        expect(rowCounts(db).ideas).toBe(before.ideas + counts.inserted);
      }),
      { numRuns: 150, seed: 77 },
    );
  });

  it("rolls an import that fails half-way back whole", () => {
    const { db } = harness.exchange;
    fc.assert(
      fc.property(fc.uniqueArray(ideaItemArbitrary, { minLength: 2, maxLength: 5, selector: (item) => item.slug }), (raw) => {
        const result = validateExchangeFile(ideaFormat, raw);
        fc.pre(result.ok);
        const before = rowCounts(db);
        // The progress callback runs after the first item is written: fail there, as a crash would.
        expect(() =>
          importIdeas(db, result.items as IdeaFormat[], () => {
            throw new Error("disk full");
          }),
        ).toThrow("disk full");
        expect(rowCounts(db)).toEqual(before);
      }),
      { numRuns: 30, seed: 99 },
    );
  });
});
