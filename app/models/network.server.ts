// The rows behind the adopter network and the place pages. The graph and its measures are
// built in app/utils/network.server.ts and kept until the data they come from changes.
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ExchangeDb } from "../../db/client";
import { caseStudies, ideas, matches, needs, organisations } from "../../db/schema";
import { slugify } from "../domain/slug";
import { buildNetwork, layoutNetwork, placeSlug, type Network, type NetworkInput, type NetworkLayout } from "../utils/network.server";
import { isPublicCaseStudy, selectCaseStudiesWithIdea } from "./public-case-studies.server";

/**
 * The organisation node of a name, with its profile page: every organisation named on a
 * published idea has one (getOrganisationProfile), and so does every registered organisation.
 */
function organisationRef(name: string, registered: Set<string>, namedOnPublishedIdea = false) {
  const key = slugify(name, "organisation");
  return { key, name, slug: namedOnPublishedIdea || registered.has(key) ? key : null };
}

export function networkInput(db: ExchangeDb): NetworkInput {
  const registered = new Set(
    db
      .select({ slug: organisations.slug })
      .from(organisations)
      .all()
      .map((row) => row.slug),
  );
  const ideaRows = db
    .select({
      slug: ideas.slug,
      title: ideas.title,
      originLocality: ideas.originLocality,
      originCountry: ideas.originCountry,
      organisationText: ideas.organisation,
      organisationName: organisations.name,
    })
    .from(ideas)
    .leftJoin(organisations, eq(organisations.id, ideas.organisationId))
    .where(eq(ideas.status, "published"))
    .orderBy(asc(ideas.slug))
    .all();
  const studyRows = db
    .select({ ideaSlug: ideas.slug, locality: caseStudies.locality, country: caseStudies.country, status: caseStudies.status })
    .from(caseStudies)
    .innerJoin(ideas, eq(ideas.id, caseStudies.ideaId))
    .where(and(isPublicCaseStudy(), inArray(caseStudies.status, ["piloting", "adopted"])))
    .orderBy(asc(ideas.slug), asc(caseStudies.position))
    .all();
  const needOrganisations = alias(organisations, "need_organisations");
  const matchRows = db
    .select({
      ideaSlug: ideas.slug,
      status: matches.status,
      needLocality: needs.locality,
      needCountry: needs.country,
      needOrganisationName: needOrganisations.name,
    })
    .from(matches)
    .innerJoin(ideas, eq(ideas.id, matches.ideaId))
    .innerJoin(needs, eq(needs.id, matches.needId))
    .leftJoin(needOrganisations, eq(needOrganisations.id, needs.organisationId))
    .where(and(eq(ideas.status, "published"), inArray(matches.status, ["introduced", "piloting", "adopted"])))
    .orderBy(asc(matches.id))
    .all();
  return {
    ideas: ideaRows.map((row) => {
      const name = row.organisationText?.trim() || row.organisationName;
      return {
        slug: row.slug,
        title: row.title,
        originLocality: row.originLocality,
        originCountry: row.originCountry,
        organisation: name ? organisationRef(name, registered, true) : null,
      };
    }),
    caseStudies: studyRows.map((row) => ({ ...row, status: row.status as "piloting" | "adopted" })),
    matches: matchRows.map((row) => ({
      ideaSlug: row.ideaSlug,
      status: row.status as "introduced" | "piloting" | "adopted",
      needLocality: row.needLocality,
      needCountry: row.needCountry,
      needOrganisation: row.needOrganisationName ? organisationRef(row.needOrganisationName, registered) : null,
    })),
  };
}

export const DIAGRAM_SIZE = { width: 960, height: 640 };

type CachedNetwork = { key: string; network: Network; layout: NetworkLayout | null };
const cache = new WeakMap<ExchangeDb, CachedNetwork>();

/**
 * The network with its measures, rebuilt only when what it is built from changes: the key is
 * a hash of the input rows themselves, so an edit to an idea's summary costs nothing here.
 */
export function getNetwork(db: ExchangeDb): { key: string; network: Network } {
  const input = networkInput(db);
  const key = createHash("sha256").update(JSON.stringify(input)).digest("hex");
  const cached = cache.get(db);
  if (cached?.key === key) return cached;
  const entry: CachedNetwork = { key, network: buildNetwork(input), layout: null };
  cache.set(db, entry);
  return entry;
}

/** The network and the diagram's layout (laid out on first use after each change: the costly part). */
export function getNetworkWithLayout(db: ExchangeDb): { network: Network; layout: NetworkLayout } {
  getNetwork(db);
  const entry = cache.get(db)!;
  entry.layout ??= layoutNetwork(entry.network, DIAGRAM_SIZE);
  return { network: entry.network, layout: entry.layout };
}

// ---------------------------------------------------------------------------------------
// Place pages

export type PlaceStudy = {
  id: number;
  ideaSlug: string;
  ideaTitle: string;
  locality: string;
  country: string | null;
  year: number | null;
  status: "piloting" | "adopted" | "stopped";
  outcomes: string | null;
};

/** Everything the exchange knows happened in a place (by its slug), and what is being tried elsewhere in its country. */
export function getPlace(db: ExchangeDb, slug: string) {
  const studies: PlaceStudy[] = selectCaseStudiesWithIdea(db, { outcomes: caseStudies.outcomes })
    .where(isPublicCaseStudy())
    .orderBy(sql`coalesce(${caseStudies.year}, 0) desc`, asc(ideas.title))
    .all();
  const origins = db
    .select({ slug: ideas.slug, title: ideas.title, summary: ideas.summary, locality: ideas.originLocality, country: ideas.originCountry })
    .from(ideas)
    .where(and(eq(ideas.status, "published"), sql`${ideas.originLocality} is not null`))
    .orderBy(asc(ideas.title))
    .all();
  const openNeeds = db
    .select({ slug: needs.slug, title: needs.title, locality: needs.locality, country: needs.country, deadline: needs.deadline })
    .from(needs)
    .where(and(eq(needs.status, "open"), sql`${needs.locality} is not null`))
    .orderBy(asc(needs.title))
    .all();
  const here = (row: { locality: string | null; country: string | null }) => !!row.locality && placeSlug(row.locality, row.country) === slug;
  const local = studies.filter(here);
  const began = origins.filter(here);
  const needed = openNeeds.filter(here);
  const named = local[0] ?? began[0] ?? needed[0];
  if (!named?.locality) return null;
  const place = { slug, locality: named.locality, country: named.country };
  // Nearby: the same country, another place; piloting first (what is being tried now), then the newest adoptions.
  const nearby = place.country
    ? studies
        .filter((study) => study.country === place.country && !here(study) && study.status !== "stopped")
        .sort((a, b) => (a.status === b.status ? (b.year ?? 0) - (a.year ?? 0) : a.status === "piloting" ? -1 : 1))
        .slice(0, 20)
    : [];
  return { place, studies: local, origins: began, needs: needed, nearby };
}
