// Demo data for `npm start` on an empty database: real public-service innovations written
// for this exchange, a handful of open needs, and one account per role.
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideaRevisions, ideas, matches, needs } from "../../db/schema";
import { ideaFormSchemaFor, routesMissingDetail } from "../domain/idea-form";
import { DAY_MS, type MatchAction } from "../domain/match-workflow";
import { ideaFormat, needFormat, validateExchangeFile, formatProblem } from "../domain/exchange-format";
import type { Role } from "../domain/vocabulary";
import { importIdeas, importNeeds } from "./exchange-import.server";
import { formDefaultsForIdea, updateOwnIdea } from "./idea-editor.server";
import { applyMatchAction, postMatchMessage, proposeMatch, type MatchActor } from "./match-workflow.server";
import { createUser, getUserByEmail } from "./users.server";

export const demoPassword = "exchange-demo-2026";

export const demoAccounts: { email: string; displayName: string; role: Role; organisationName: string }[] = [
  { email: "innovator@demo.example", displayName: "Ines Innovator", role: "innovator", organisationName: "Bromley by Bow Centre" },
  { email: "commissioner@demo.example", displayName: "Colin Commissioner", role: "commissioner", organisationName: "Northshire County Council" },
  { email: "broker@demo.example", displayName: "Bea Broker", role: "broker", organisationName: "Innovation Exchange" },
  { email: "admin@demo.example", displayName: "Ada Admin", role: "admin", organisationName: "Innovation Exchange" },
];

const demoDir = path.resolve(process.env.DEMO_DIR ?? "db/demo");

function readDemoFile<T>(file: string, schema: typeof ideaFormat | typeof needFormat): T[] {
  const data: unknown = JSON.parse(fs.readFileSync(path.join(demoDir, file), "utf8"));
  const result = validateExchangeFile(schema, data);
  if (!result.ok) throw new Error(`Demo data ${file} is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.items as T[];
}

export function isDatabaseEmpty(db: ExchangeDb): boolean {
  const [row] = db.select({ n: count() }).from(ideas).all();
  return (row?.n ?? 0) === 0;
}

export async function loadDemoData(db: ExchangeDb): Promise<{ ideas: number; needs: number }> {
  const ideaItems = readDemoFile<import("../domain/exchange-format").IdeaFormat>("ideas.json", ideaFormat);
  const needItems = readDemoFile<import("../domain/exchange-format").NeedFormat>("needs.json", needFormat);
  importIdeas(db, ideaItems);
  importNeeds(db, needItems);
  for (const account of demoAccounts) {
    if (!getUserByEmail(db, account.email)) await createUser(db, { ...account, password: demoPassword });
  }
  // The demo innovator owns a few ideas and the demo commissioner the needs, so their pages have content.
  const innovator = getUserByEmail(db, demoAccounts[0].email)!;
  const commissioner = getUserByEmail(db, demoAccounts[1].email)!;
  // (Social prescribing began at the Bromley by Bow Centre, the demo innovator's organisation.)
  const ownedIdeas = [...ideaItems.slice(0, 3).map((item) => item.slug), "social-prescribing-bromley-by-bow"];
  db.update(ideas).set({ ownerId: innovator.id }).where(inArray(ideas.slug, ownedIdeas)).run();
  db.update(needs).set({ ownerId: commissioner.id, organisationId: commissioner.organisationId }).where(eq(needs.status, "open")).run();
  loadDemoMatches(db);
  loadDemoRevisions(db);
  return { ideas: ideaItems.length, needs: needItems.length };
}

/**
 * Two dated edits the demo innovator made to a published idea they own, saved through the
 * idea editor's own code (updateOwnIdea), so the idea page has a history to show.
 */
const demoRevisions: { idea: string; daysAgo: number; change: (values: Record<string, unknown>) => Record<string, unknown> }[] = [
  {
    idea: "social-prescribing-bromley-by-bow",
    daysAgo: 64,
    change: (values) => ({
      ...values,
      costs:
        "Link worker salaries (in England, reimbursed to primary care networks through the Additional Roles Reimbursement Scheme) plus the often unfunded cost to voluntary groups of taking on referrals.",
      tags: "link workers, primary care, wellbeing, loneliness",
    }),
  },
  {
    idea: "social-prescribing-bromley-by-bow",
    daysAgo: 12,
    change: (values) => ({
      ...values,
      solution:
        "A referral route from primary care to link workers who spend time with each person, agree what matters to them and introduce them to local groups and services. Link workers hold caseloads of about 250 people a year and follow each person up after a few weeks to check the introduction worked.",
    }),
  },
];

/** Records the demo revisions of ideas that have none yet (so it can run again safely). */
export function loadDemoRevisions(db: ExchangeDb, now = new Date()): number {
  const innovator = getUserByEmail(db, demoAccounts[0].email);
  if (!innovator) return 0;
  let made = 0;
  for (const slug of new Set(demoRevisions.map((revision) => revision.idea))) {
    const idea = db.select().from(ideas).where(eq(ideas.slug, slug)).get();
    if (!idea || idea.status !== "published" || idea.ownerId !== innovator.id) continue;
    if (db.select({ id: ideaRevisions.id }).from(ideaRevisions).where(eq(ideaRevisions.ideaId, idea.id)).get()) continue;
    for (const revision of demoRevisions.filter((candidate) => candidate.idea === slug)) {
      const current = db.select().from(ideas).where(eq(ideas.id, idea.id)).get()!;
      const schema = ideaFormSchemaFor({ complete: true, routesWithoutDetail: routesMissingDetail(current.diffusionModels, current.diffusionDetails) });
      const values = schema.parse(revision.change(formDefaultsForIdea(current)));
      if (updateOwnIdea(db, innovator.id, slug, values, false, new Date(now.getTime() - revision.daysAgo * DAY_MS)) === "published-at-once") made++;
    }
  }
  return made;
}

type DemoStep = { daysAgo: number; by: "broker" | "commissioner" | "innovator" } & ({ action: MatchAction; text?: string } | { message: string });

/**
 * The way to an introduction: a broker confirms the match with a rationale, the commissioner
 * asks to be introduced and the innovator opts in (days ago, in that order).
 */
function introduction(rationale: string, [confirmed, requested, optedIn]: [number, number, number]): DemoStep[] {
  return [
    { daysAgo: confirmed, by: "broker", action: "confirm", text: rationale },
    { daysAgo: requested, by: "commissioner", action: "request-introduction" },
    { daysAgo: optedIn, by: "innovator", action: "opt-in" },
  ];
}

/**
 * Matches at each stage of the workflow, made through the workflow itself (backdated), so the
 * brokers' match queue, the match pages and the insights have something to show. The engine's
 * own suggestions follow once the ideas are searchable (boot runs a suggestion pass).
 */
const demoMatches: { need: string; idea: string; proposedBy: "broker" | "innovator"; daysAgo: number; note?: string; steps: DemoStep[] }[] = [
  {
    // Shortlisted and confirmed: waiting for the commissioner to ask for an introduction.
    need: "rural-loneliness-older-people-marlbury",
    idea: "mens-sheds",
    proposedBy: "broker",
    daysAgo: 9,
    steps: [
      {
        daysAgo: 3,
        by: "broker",
        action: "confirm",
        text: "Sheds run by older men in market towns and villages, with a national association to help new ones start; the council can fund start-up kits from its small-grant route.",
      },
    ],
  },
  {
    // Introduced, with a message thread.
    need: "entrenched-rough-sleeping-harbourside",
    idea: "the-big-issue",
    proposedBy: "broker",
    daysAgo: 30,
    steps: [
      ...introduction(
        "Paid work and a daily routine for people the hostels keep losing; the franchise model lets Harbourside run a local pitch network with the national magazine.",
        [28, 25, 20],
      ),
      {
        daysAgo: 19,
        by: "commissioner",
        message:
          "Thank you for agreeing to talk. Could you tell us what a new city needs to have in place before vendors start, and how long set-up usually takes?",
      },
      {
        daysAgo: 18,
        by: "innovator",
        message: "Happy to. A distribution office, a hostel partnership and a support worker; about three months. Shall we meet next week?",
      },
    ],
  },
  {
    // Piloting: put forward by its innovator, confirmed, introduced, then a pilot started.
    need: "rural-loneliness-older-people-marlbury",
    idea: "social-prescribing-bromley-by-bow",
    proposedBy: "innovator",
    daysAgo: 80,
    note: "Link workers in GP surgeries refer lonely patients to village groups.",
    steps: [
      ...introduction(
        "GP-attached link workers reach isolated older people the voluntary sector misses; it can be adopted as-is through the surgeries (uncontrolled).",
        [75, 70, 68],
      ),
      { daysAgo: 40, by: "commissioner", action: "start-pilot" },
    ],
  },
  {
    // Suggested by a broker and not yet confirmed: overdue in the queue.
    need: "cold-homes-respiratory-admissions-tamsford",
    idea: "warm-home-prescription",
    proposedBy: "broker",
    daysAgo: 10,
    steps: [],
  },
  {
    // Declined, with the reason both sides see.
    need: "night-time-economy-violence-kingsport",
    idea: "scared-straight",
    proposedBy: "broker",
    daysAgo: 20,
    steps: [
      {
        daysAgo: 15,
        by: "broker",
        action: "decline",
        text: "Randomised trials found Scared Straight increased offending among the young people who took part: not something to spread.",
      },
    ],
  },
];

/** Adds the demo matches whose need and idea are not matched yet (so it can run again safely). */
export function loadDemoMatches(db: ExchangeDb, now = new Date()): number {
  const actors = Object.fromEntries(
    (["innovator", "commissioner", "broker"] as const).map((role) => {
      const user = getUserByEmail(db, demoAccounts.find((account) => account.role === role)!.email);
      return [role, user ? ({ id: user.id, role: user.role } satisfies MatchActor) : null];
    }),
  ) as Record<"innovator" | "commissioner" | "broker", MatchActor | null>;
  if (!actors.innovator || !actors.commissioner || !actors.broker) return 0;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  let made = 0;
  for (const demo of demoMatches) {
    const need = db.select({ id: needs.id, status: needs.status }).from(needs).where(eq(needs.slug, demo.need)).get();
    const idea = db.select({ id: ideas.id, status: ideas.status }).from(ideas).where(eq(ideas.slug, demo.idea)).get();
    if (!need || !idea || need.status !== "open" || idea.status !== "published") continue;
    if (
      db
        .select({ id: matches.id })
        .from(matches)
        .where(and(eq(matches.needId, need.id), eq(matches.ideaId, idea.id)))
        .get()
    )
      continue;
    const { match } = proposeMatch(db, actors[demo.proposedBy], { needId: need.id, ideaId: idea.id, note: demo.note }, at(demo.daysAgo));
    for (const step of demo.steps) {
      const actor = actors[step.by]!;
      if ("message" in step) postMatchMessage(db, actor, match.id, step.message, at(step.daysAgo));
      else applyMatchAction(db, actor, match.id, { action: step.action, text: step.text }, at(step.daysAgo));
    }
    made++;
  }
  return made;
}
