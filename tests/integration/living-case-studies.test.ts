// Living case studies and "who else is trying this?" on a real SQLite file and a real
// Meilisearch: adoption drafts a case study with three reminders; the reminders job (and the
// CLI) asks the commissioner once per milestone; an outcome update goes through the broker
// queue and shows on the idea's page; the idea page lists who adopted, piloted or dropped it;
// a need's page lists similar open needs (from SQLite when Meilisearch is down).
import { and, asc, eq } from "drizzle-orm";
import type { LoaderFunction } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, emailOutbox, ideas, needs, notifications, outcomeReminders, outcomeUpdates, type UserRow } from "../../db/schema";
import { addMonths } from "../../app/domain/match-workflow";
import { addCaseStudy, resubmitCaseStudy } from "../../app/models/idea-editor.server";
import {
  editLivingCaseStudy,
  getLivingCaseStudy,
  listLivingCaseStudies,
  resubmitOutcomeUpdate,
  sendDueOutcomeReminders,
  submitOutcomeUpdate,
} from "../../app/models/living-case-studies.server";
import { startMailJobs } from "../../app/models/mail-jobs.server";
import { claimItem, decideCaseStudy, decideOutcomeUpdate, getReviewItem, isAwaitingReview, listReviewQueue } from "../../app/models/review.server";
import { findSimilarOpenNeeds } from "../../app/models/similar-needs.server";
import { createUser } from "../../app/models/users.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { createMeiliClient } from "../../search/client";
import { adoptMatch, insertMatch } from "./adopted-match";
import { idea, ideaItems, importIdeasAndSync, importNeedsAndSync, need, needItems, openTestExchange, runCli, type TestExchange } from "./helpers";
import { ConflictError, NotAllowedError } from "../../app/models/errors.server";

let exchange: TestExchange;
let db: ExchangeDb;
let commissioner: UserRow;
let otherCommissioner: UserRow;
let innovator: UserRow;
let broker: UserRow;
let ideaId: number;
const needId: Record<string, number> = {};
const adoptedAt = new Date("2026-01-31T09:00:00Z");
const deadMeili = createMeiliClient("http://127.0.0.1:9", "no-key");
const globalForExchange = globalThis as unknown as { __exchangeReady?: ExchangeContext };

const text = (words: string) => `${words} We measured it against last year's figures for the same wards.`;

beforeAll(async () => {
  exchange = await openTestExchange();
  db = exchange.db;
  globalForExchange.__exchangeReady = exchange;
  const make = (role: "commissioner" | "innovator" | "broker", name: string, organisationName?: string) =>
    createUser(db, { email: `${name}@living.example`, password: "correct horse battery staple", displayName: name, role, organisationName });
  commissioner = await make("commissioner", "commissioner", "Northshire Council");
  otherCommissioner = await make("commissioner", "other-commissioner", "Calder Health Partnership");
  innovator = await make("innovator", "innovator");
  broker = await make("broker", "broker");
  await importIdeasAndSync(
    exchange,
    ideaItems([
      idea({
        slug: "falls-prevention-classes",
        title: "Falls prevention classes",
        summary: "Strength and balance classes for older people at risk of falling.",
        sectors: ["ageing", "health"],
        caseStudies: [
          { locality: "Bradford", country: "GB", year: 2019, status: "adopted", outcomes: "Falls down a fifth." },
          { locality: "Hull", country: "GB", year: 2018, status: "stopped", lessons: "Transport to classes was the barrier." },
        ],
      }),
    ]),
  );
  ideaId = db.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, "falls-prevention-classes")).get()!.id;
  db.update(ideas).set({ ownerId: innovator.id }).where(eq(ideas.id, ideaId)).run();
  await importNeedsAndSync(
    exchange,
    needItems([
      need({
        slug: "winter-falls",
        title: "Older people falling at home in winter",
        problem: "Older residents fall at home in winter and wait hours for an ambulance; hospital admissions for falls rise every year.",
        sectors: ["ageing"],
        locality: "Northshire",
        country: "GB",
      }),
      need({
        slug: "second-need",
        title: "Frailty in care homes",
        problem: "Care home residents lose strength and mobility after a stay in hospital.",
        sectors: ["ageing"],
        locality: "Northshire",
        country: "GB",
      }),
      need({
        slug: "calder-falls",
        title: "Falls among older people in Calder",
        problem: "Falls at home send older people to hospital every winter.",
        sectors: ["ageing", "health"],
        locality: "Calder",
        country: "GB",
      }),
      need({
        slug: "calder-pilot",
        title: "Strength and balance for over-70s",
        problem: "Over-70s lose strength after illness.",
        sectors: ["ageing"],
        locality: "Todmorden",
        country: "GB",
      }),
      need({
        slug: "calder-dropped",
        title: "Falls in sheltered housing",
        problem: "Residents of sheltered housing fall often.",
        sectors: ["housing"],
        locality: "Halifax",
        country: "GB",
      }),
      need({
        slug: "calder-arranging",
        title: "Secret early conversation",
        problem: "A need still being matched.",
        sectors: ["ageing"],
        locality: "Secretville",
        country: "GB",
      }),
      need({
        slug: "school-attendance",
        title: "Pupils missing school",
        problem: "Persistent absence from secondary school is rising.",
        sectors: ["education"],
        locality: "Leeds",
        country: "GB",
      }),
    ]),
  );
  for (const row of db.select({ id: needs.id, slug: needs.slug }).from(needs).all()) needId[row.slug] = row.id;
  const own = (slug: string, user: UserRow) =>
    db.update(needs).set({ ownerId: user.id, organisationId: user.organisationId }).where(eq(needs.id, needId[slug])).run();
  for (const slug of ["winter-falls", "second-need"]) own(slug, commissioner);
  for (const slug of ["calder-falls", "calder-pilot", "calder-dropped", "calder-arranging"]) own(slug, otherCommissioner);
});

afterAll(async () => {
  if (globalForExchange.__exchangeReady === exchange) delete globalForExchange.__exchangeReady;
  await exchange?.dispose();
});

const commissionerActor = () => ({ id: commissioner.id, role: "commissioner" });
const notificationsOf = (user: UserRow) => db.select().from(notifications).where(eq(notifications.userId, user.id)).orderBy(asc(notifications.id)).all();

let matchId: number;
let caseStudyId: number;

describe("adopting a match", () => {
  it("drafts a case study of the idea for broker review, and three outcome reminders", () => {
    ({ matchId, caseStudyId } = adoptMatch(db, { needId: needId["winter-falls"], ideaId, commissionerId: commissioner.id, at: adoptedAt }));
    const study = db.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId)).get()!;
    expect(study).toMatchObject({
      ideaId,
      matchId,
      locality: "Northshire",
      country: "GB",
      year: 2026,
      status: "adopted",
      reviewStatus: "submitted",
      submittedById: commissioner.id,
    });
    const reminders = db.select().from(outcomeReminders).where(eq(outcomeReminders.matchId, matchId)).orderBy(asc(outcomeReminders.monthsAfterAdoption)).all();
    expect(reminders.map((reminder) => [reminder.monthsAfterAdoption, reminder.dueAt.toISOString(), reminder.sentAt])).toEqual([
      [6, "2026-07-31T09:00:00.000Z", null],
      [12, "2027-01-31T09:00:00.000Z", null],
      [24, "2028-01-31T09:00:00.000Z", null],
    ]);
    expect(listReviewQueue(db, broker.id, { type: "case-study" }, adoptedAt, 5).map((item) => item.itemId)).toContain(caseStudyId);
  });
});

describe("the outcome reminders job", () => {
  it("asks the commissioner once, when the 6-month update falls due", () => {
    const before = notificationsOf(commissioner).length;
    expect(sendDueOutcomeReminders(db, addMonths(adoptedAt, 5))).toEqual({ remindersDue: 0, notified: 0 });
    const due = new Date(addMonths(adoptedAt, 6).getTime() + 60_000);
    expect(sendDueOutcomeReminders(db, due)).toEqual({ remindersDue: 1, notified: 1 });
    const told = notificationsOf(commissioner).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe("Your 6-month outcome update on “Falls prevention classes” is due");
    expect(told[0].link).toBe(`/my/outcomes/${matchId}?milestone=6#write-update`);
    // The commissioner's preference is "immediately": an email too.
    expect(
      db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.userId, commissioner.id), eq(emailOutbox.subject, `Innovation Exchange: ${told[0].title}`)))
        .all(),
    ).toHaveLength(1);
    // Idempotent: the same run again sends nothing.
    expect(sendDueOutcomeReminders(db, due)).toEqual({ remindersDue: 0, notified: 0 });
    expect(notificationsOf(commissioner).length).toBe(before + 1);
    const six = db
      .select()
      .from(outcomeReminders)
      .where(and(eq(outcomeReminders.matchId, matchId), eq(outcomeReminders.monthsAfterAdoption, 6)))
      .get()!;
    expect(six.sentAt?.toISOString()).toBe(due.toISOString());
  });

  it("runs from the app's mail jobs, and from `exchange reminders`", async () => {
    const second = adoptMatch(db, { needId: needId["second-need"], ideaId, commissionerId: commissioner.id, at: adoptedAt });
    const before = notificationsOf(commissioner).length;
    // Two milestones overdue at once (a server down for a year): one notification, for the latest.
    const jobs = startMailJobs(
      { db, env: { SMTP_URL: undefined, MAIL_FROM: "exchange@example.org", PUBLIC_URL: undefined } as never },
      { transport: null, now: () => addMonths(adoptedAt, 13), log: () => {} },
    );
    await jobs.runOnce();
    await jobs.stop();
    const told = notificationsOf(commissioner).slice(before);
    expect(told.map((row) => row.link)).toEqual([
      `/my/outcomes/${matchId}?milestone=12#write-update`,
      `/my/outcomes/${second.matchId}?milestone=12#write-update`,
    ]);
    const unsent = db
      .select()
      .from(outcomeReminders)
      .all()
      .filter((reminder) => reminder.sentAt === null);
    expect(unsent.map((reminder) => reminder.monthsAfterAdoption)).toEqual([24, 24]);

    const now = addMonths(adoptedAt, 25).toISOString();
    const first = await runCli(["reminders", "--now", now], exchange.dataDir);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.stdout).toContain("Outcome reminders: 2 due, 2 commissioner(s) asked for an update.");
    const again = await runCli(["reminders", "--now", now], exchange.dataDir);
    expect(again.stdout).toContain("Outcome reminders: 0 due, 0 commissioner(s) asked for an update.");
    const bad = await runCli(["reminders", "--now", "next tuesday"], exchange.dataDir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/must be a date/);
  }, 120_000);
});

async function ideaPageData(): Promise<{
  outcomeUpdates: Record<string, { label: string; outcomes: string; on: string | null }[]>;
  adopters: Record<string, { locality: string | null; organisation: string | null }[]>;
  idea: { caseStudies: { id: number; locality: string }[] };
}> {
  const route = (await import("../../app/routes/ideas.$slug")) as { loader: LoaderFunction };
  const response = (await route.loader({
    request: new Request("http://exchange.test/ideas/falls-prevention-classes"),
    params: { slug: "falls-prevention-classes" },
    context: {},
  })) as Response;
  return response.json();
}

describe("an outcome update", () => {
  let updateId: number;
  const sixMonths = text("Falls admissions from the classes' postcodes fell 14% over the winter.");

  it("is written only by the match's commissioner, once per milestone", () => {
    expect(() => submitOutcomeUpdate(db, { id: otherCommissioner.id, role: "commissioner" }, matchId, { monthsAfterAdoption: 6, outcomes: sixMonths })).toThrow(
      NotAllowedError,
    );
    expect(() => submitOutcomeUpdate(db, { id: innovator.id, role: "innovator" }, matchId, { monthsAfterAdoption: 6, outcomes: sixMonths })).toThrow(
      NotAllowedError,
    );
    expect(() => submitOutcomeUpdate(db, commissionerActor(), matchId, { monthsAfterAdoption: 9, outcomes: sixMonths })).toThrow(ConflictError);
    updateId = submitOutcomeUpdate(db, commissionerActor(), matchId, { monthsAfterAdoption: 6, outcomes: sixMonths }, addMonths(adoptedAt, 7));
    expect(() => submitOutcomeUpdate(db, commissionerActor(), matchId, { monthsAfterAdoption: 6, outcomes: sixMonths })).toThrow(
      /already written the 6-month update/,
    );
    const row = db.select().from(outcomeUpdates).where(eq(outcomeUpdates.id, updateId)).get()!;
    expect(row).toMatchObject({ caseStudyId, matchId, monthsAfterAdoption: 6, reviewStatus: "submitted", submittedById: commissioner.id });
    expect(getLivingCaseStudy(db, commissionerActor(), matchId).updates.map((update) => update.id)).toEqual([updateId]);
    const listed = listLivingCaseStudies(db, commissioner.id).find((item) => item.matchId === matchId)!;
    expect(listed).toMatchObject({
      ideaTitle: "Falls prevention classes",
      locality: "Northshire",
      next: { months: 12 },
      updates: { published: 0, waiting: 1, sentBack: 0 },
    });
    expect(listLivingCaseStudies(db, otherCommissioner.id)).toEqual([]);
  });

  it("waits in the broker queue; changes requested, resubmitted, then published", async () => {
    const queued = listReviewQueue(db, broker.id, { type: "outcome-update" }, addMonths(adoptedAt, 7), 5);
    expect(queued.map((item) => [item.itemId, item.title, item.detail])).toEqual([
      [updateId, "Northshire: Falls prevention classes", "Outcome update (6 months after adoption)"],
    ]);
    expect(isAwaitingReview(db, "outcome-update", updateId)).toBe(true);
    const item = getReviewItem(db, "outcome-update", updateId);
    expect(item?.itemType === "outcome-update" && item.caseStudy.id).toBe(caseStudyId);

    claimItem(db, broker.id, "outcome-update", updateId);
    expect(() => decideOutcomeUpdate(db, broker.id, updateId, { decision: "request-changes" })).toThrow(/reason/);
    decideOutcomeUpdate(db, broker.id, updateId, { decision: "request-changes", reason: "Say how many people took part." });
    expect(notificationsOf(commissioner).at(-1)).toMatchObject({
      title: "Your 6-month outcome update on Northshire needs changes",
      link: `/my/outcomes/${matchId}#write-update`,
    });
    expect(() => decideOutcomeUpdate(db, broker.id, updateId, { decision: "publish" })).toThrow(ConflictError);
    expect(() => submitOutcomeUpdate(db, commissionerActor(), matchId, { monthsAfterAdoption: 6, outcomes: sixMonths })).toThrow(/asked for changes/);
    resubmitOutcomeUpdate(db, commissionerActor(), matchId, updateId, `${sixMonths} 212 people took part.`, addMonths(adoptedAt, 8));
    expect(() => resubmitOutcomeUpdate(db, commissionerActor(), matchId, updateId, sixMonths)).toThrow(ConflictError);

    // Not shown while the case study itself waits for review.
    decideOutcomeUpdate(db, broker.id, updateId, { decision: "publish" });
    expect((await ideaPageData()).outcomeUpdates[caseStudyId]).toBeUndefined();

    editLivingCaseStudy(db, commissionerActor(), matchId, { outcomes: "Classes in six community centres from February.", lessons: "Book the venues early." });
    decideCaseStudy(db, broker.id, caseStudyId, { decision: "publish" });
    expect(() => editLivingCaseStudy(db, commissionerActor(), matchId, { outcomes: "Changed after publication." })).toThrow(/published/);
    // Published again on a published case study (a second, ad-hoc update): the innovator hears of it.
    const adHoc = submitOutcomeUpdate(
      db,
      commissionerActor(),
      matchId,
      { monthsAfterAdoption: null, outcomes: text("Two more community centres joined in the spring.") },
      addMonths(adoptedAt, 9),
    );
    decideOutcomeUpdate(db, broker.id, adHoc, { decision: "publish" });
    expect(notificationsOf(innovator).at(-1)).toMatchObject({
      title: "New outcome update on “Falls prevention classes” from Northshire",
      link: "/ideas/falls-prevention-classes#case-studies",
    });
    const page = await ideaPageData();
    expect(page.idea.caseStudies.map((study) => study.locality)).toContain("Northshire");
    expect(page.outcomeUpdates[caseStudyId]).toEqual([
      expect.objectContaining({ label: "6 months after adoption", outcomes: `${sixMonths} 212 people took part.`, on: expect.stringMatching(/2026$/) }),
      expect.objectContaining({ label: "Update", on: "31 October 2026" }),
    ]);
  });

  it("lets a rejected case study be edited and resubmitted by its commissioner", () => {
    const second = db
      .select()
      .from(caseStudies)
      .where(eq(caseStudies.locality, "Northshire"))
      .all()
      .find((study) => study.id !== caseStudyId)!;
    decideCaseStudy(db, broker.id, second.id, { decision: "reject", reason: "Nothing has happened yet." });
    editLivingCaseStudy(db, commissionerActor(), second.matchId!, { outcomes: "Twelve care homes now run the classes twice a week." });
    expect(db.select().from(caseStudies).where(eq(caseStudies.id, second.id)).get()).toMatchObject({
      reviewStatus: "submitted",
      outcomes: "Twelve care homes now run the classes twice a week.",
    });
  });
});

describe("an innovator's case study sent back by a broker", () => {
  it("is edited and resubmitted by the idea's innovator, and only then", () => {
    const study = addCaseStudy(db, innovator.id, "falls-prevention-classes", { locality: "Wakefield", status: "piloting" });
    expect(study.reviewStatus).toBe("submitted");
    const values = { locality: "Wakefield", country: "GB", year: 2025, status: "adopted" as const, outcomes: "Now run in every library branch." };
    expect(() => resubmitCaseStudy(db, innovator.id, "falls-prevention-classes", study.id, values)).toThrow(/sent back or rejected/);
    decideCaseStudy(db, broker.id, study.id, { decision: "request-changes", reason: "Add what it achieved." });
    expect(() => resubmitCaseStudy(db, otherCommissioner.id, "falls-prevention-classes", study.id, values)).toThrow(NotAllowedError);
    expect(() => resubmitCaseStudy(db, innovator.id, "falls-prevention-classes", caseStudyId, values)).toThrow(/sent back or rejected/);
    resubmitCaseStudy(db, innovator.id, "falls-prevention-classes", study.id, values);
    expect(db.select().from(caseStudies).where(eq(caseStudies.id, study.id)).get()).toMatchObject({
      reviewStatus: "submitted",
      status: "adopted",
      year: 2025,
      outcomes: "Now run in every library branch.",
    });
    expect(isAwaitingReview(db, "case-study", study.id)).toBe(true);
    decideCaseStudy(db, broker.id, study.id, { decision: "reject", reason: "Duplicate of another record." });
  });
});

describe("who else is trying this", () => {
  it("lists places and organisations from case studies and from matches that reached a pilot, nothing still being arranged", async () => {
    insertMatch(db, { needId: needId["calder-pilot"], ideaId, status: "piloting", at: new Date("2026-04-01T00:00:00Z") });
    insertMatch(db, { needId: needId["calder-dropped"], ideaId, status: "declined", declinedFrom: "piloting", at: new Date("2025-11-01T00:00:00Z") });
    insertMatch(db, { needId: needId["calder-arranging"], ideaId, status: "introduced" });
    insertMatch(db, { needId: needId["calder-falls"], ideaId, status: "declined", declinedFrom: "shortlisted" });
    const { adopters } = await ideaPageData();
    const names = (stage: string) => adopters[stage].map((adopter) => [adopter.locality, adopter.organisation]);
    // Northshire's published living case study carries its commissioner's organisation; the
    // second Northshire adoption (its case study back in review) shows from its match.
    expect(names("adopted")).toEqual([
      ["Northshire", "Northshire Council"],
      ["Bradford", null],
    ]);
    expect(names("piloting")).toEqual([["Todmorden", "Calder Health Partnership"]]);
    expect(names("dropped")).toEqual([
      ["Halifax", "Calder Health Partnership"],
      ["Hull", null],
    ]);
    expect(JSON.stringify(adopters)).not.toMatch(/Secretville|Calder"/);
  });
});

describe("similar open needs", () => {
  it("come from Meilisearch's needs index, without the need itself or unrelated needs", async () => {
    const winter = db.select().from(needs).where(eq(needs.id, needId["winter-falls"])).get()!;
    const result = await findSimilarOpenNeeds(db, exchange.meili, winter);
    expect(result.degraded).toBe(false);
    const slugs = result.needs.map((similar) => similar.slug);
    expect(slugs[0]).toBe("calder-falls");
    expect(slugs).not.toContain("winter-falls");
    expect(slugs).not.toContain("school-attendance");
  });

  it("come from SQLite, sharing a sector, when Meilisearch is down", async () => {
    const winter = db.select().from(needs).where(eq(needs.id, needId["winter-falls"])).get()!;
    const result = await findSimilarOpenNeeds(db, deadMeili, winter);
    expect(result.degraded).toBe(true);
    const slugs = result.needs.map((similar) => similar.slug);
    expect(slugs[0]).toBe("calder-falls");
    expect(slugs).not.toContain("winter-falls");
    expect(slugs).not.toContain("school-attendance");
    expect(slugs).not.toContain("calder-dropped");
  });
});
