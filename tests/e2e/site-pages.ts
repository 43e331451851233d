// Every page of the site, as each kind of visitor reaches it: the lists every-page.spec.ts
// walks, each page checked with axe at both widths. Pages with ids in their address are found by following links, and
// the broker's queue is given an item of its own first, so its pages are never skipped.
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { openDatabase } from "../../db/client";
import { ideas, users } from "../../db/schema";
import { signInAs } from "./helpers";

export const sweepRoles = ["public", "innovator", "commissioner", "broker", "admin"] as const;
export type SweepRole = (typeof sweepRoles)[number];

/** Links in the main content that match a pattern (the first few), to reach pages with ids in them. */
async function linksFrom(page: Page, from: string, pattern: RegExp, limit = 2): Promise<string[]> {
  await page.goto(from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((href) => pattern.test(href)))].slice(0, limit);
}

/** A submitted idea by the demo innovator, waiting in the broker's queue (made once per run). */
function ensureQueueItem(): void {
  const database = openDatabase(path.resolve(`tmp/e2e/${process.env.E2E_PORT}/data`));
  try {
    const { db } = database;
    const slug = "sweep-queue-item";
    if (db.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, slug)).get()) return;
    const innovator = db.select().from(users).where(eq(users.email, "innovator@demo.example")).get()!;
    db.insert(ideas)
      .values({
        slug,
        title: "Repair cafés in libraries",
        summary: "Volunteers fix household items with their owners in the library once a month.",
        sectors: ["community-neighbourhoods"],
        diffusionModels: ["uncontrolled"],
        diffusionDetails: { uncontrolled: { licence: "CC BY 4.0" } },
        status: "submitted",
        submittedAt: new Date(),
        ownerId: innovator.id,
        organisationId: innovator.organisationId,
      })
      .run();
  } finally {
    database.close();
  }
}

/** Signs in as the role's demo account (not for the public) and lists the pages to visit. */
export async function sitePages(page: Page, role: SweepRole): Promise<string[]> {
  if (role !== "public") await signInAs(page, `${role}@demo.example`);
  switch (role) {
    case "public":
      return [
        "/",
        "/ideas",
        "/ideas?q=loneliness",
        "/ideas?q=zzzzqqqq",
        "/ideas?sector=nonsense",
        "/needs",
        "/data",
        "/insights",
        "/network",
        "/organisations",
        "/accessibility",
        "/signin",
        "/signup",
        "/no-such-page",
        "/ideas/social-prescribing-bromley-by-bow",
        "/organisations/northshire-county-council",
        ...(await linksFrom(page, "/ideas", /^\/ideas\/[a-z0-9-]+$/, 1)),
        ...(await linksFrom(page, "/ideas/nurse-family-partnership", /^\/ideas\/[a-z0-9-]+\/case-studies\/\d+$/, 1)),
        ...(await linksFrom(page, "/needs", /^\/needs\/[a-z0-9-]+$/, 1)),
        ...(await linksFrom(page, "/network", /^\/(places|organisations)\/[a-z0-9-]+$/)),
      ];
    case "innovator":
      return [
        "/my/ideas",
        "/my/ideas/new",
        "/my/matches",
        "/notifications",
        "/account",
        "/account/settings",
        "/account/password",
        "/alerts",
        ...(await linksFrom(page, "/my/ideas", /^\/my\/ideas\/[a-z0-9-]+$/)),
      ];
    case "commissioner": {
      const matches = await linksFrom(page, "/my/matches", /^\/matches\/\d+$/);
      return [
        "/my/needs",
        "/my/needs/new",
        "/my/matches",
        "/my/outcomes",
        ...(await linksFrom(page, "/my/needs", /^\/my\/needs\/[a-z0-9-]+$/, 3)),
        ...(await linksFrom(page, "/my/outcomes", /^\/my\/outcomes\/\d+$/, 1)),
        ...matches,
      ];
    }
    case "broker": {
      ensureQueueItem();
      const items = await linksFrom(page, "/broker", /^\/broker\/(idea|need|case-study|outcome-update)\/\d+$/);
      const matches = await linksFrom(page, "/broker/matches", /^\/matches\/\d+$/);
      return [
        "/broker",
        "/broker?assigned=me",
        "/broker/matches",
        "/broker/matches?view=all",
        "/broker/matches/new",
        "/broker/questions",
        "/insights/brokers",
        ...items,
        ...items.slice(0, 1).map((item) => `${item}/confirm-reject?reason=Not+a+public-service+innovation`),
        ...(await linksFrom(page, "/broker/matches?view=open", /^\/broker\/matches\/\d+\/assign$/, 1)),
        ...matches,
        // A match's confirmation page for declining (open matches in the queue can be declined).
        ...matches.slice(0, 1).map((match) => `${match}/confirm/decline`),
      ];
    }
    case "admin":
      return ["/admin", "/admin/organisations", "/admin/mailbox"];
  }
}
