// Open data: the columns of the CSV downloads and the Atom feed as text. Pure: the rows
// come from app/models/open-data.server.ts, the CSV writing from csv-stringify there.

import { caseStudyPath } from "./case-studies";

/** Lists (sectors, tags…) are written into one CSV cell joined by this separator. */
export const CSV_LIST_SEPARATOR = "; ";

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
 * Such text cells get a leading apostrophe, which spreadsheets hide and treat as "this is
 * text". Numbers are written as numbers and never touched.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | null | undefined | readonly string[];

/** The text of one cell: lists joined, nothing for null. */
export function csvCell(value: CsvValue): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "string") return neutraliseCell(value);
  return neutraliseCell(value.join(CSV_LIST_SEPARATOR));
}

export type CsvColumn<Row> = { key: string; description: string; value: (row: Row) => CsvValue };

export type OpenIdeaRow = {
  slug: string;
  title: string;
  summary: string;
  problem: string | null;
  solution: string | null;
  evidence: string | null;
  evidenceLevel: number | null;
  sectors: readonly string[];
  typology: readonly string[];
  diffusionModels: readonly string[];
  lifecyclePhase: string | null;
  originLocality: string | null;
  originCountry: string | null;
  organisation: string | null;
  costs: string | null;
  tags: readonly string[];
  caseStudyCount: number;
  adoptedCount: number;
  publishedAt: Date | null;
  updatedAt: Date;
};

export type OpenNeedRow = {
  slug: string;
  title: string;
  problem: string;
  outcomes: string | null;
  sectors: readonly string[];
  locality: string | null;
  country: string | null;
  budgetMin: number | null;
  budgetMax: number | null;
  fundingRoutes: readonly string[];
  diffusionModels: readonly string[];
  deadline: string | null;
  updatedAt: Date;
};

export type OpenCaseStudyRow = {
  id: number;
  ideaSlug: string;
  ideaTitle: string;
  position: number;
  locality: string;
  country: string | null;
  year: number | null;
  status: string;
  outcomes: string | null;
  lessons: string | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Absolute links in the downloads: PUBLIC_URL when set, otherwise the address the request came to. */
export function absoluteUrl(base: string, path: string): string {
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}

export function ideaColumns(base: string): CsvColumn<OpenIdeaRow>[] {
  return [
    { key: "slug", description: "Unique identifier; the idea's page is /ideas/{slug}", value: (row) => row.slug },
    { key: "title", description: "Name of the idea", value: (row) => row.title },
    { key: "url", description: "The idea's page on the exchange", value: (row) => absoluteUrl(base, `/ideas/${row.slug}`) },
    { key: "summary", description: "One paragraph", value: (row) => row.summary },
    { key: "problem", description: "The problem it addresses (Markdown)", value: (row) => row.problem },
    { key: "solution", description: "How it works (Markdown)", value: (row) => row.solution },
    { key: "evidence", description: "What was measured (Markdown)", value: (row) => row.evidence },
    { key: "evidenceLevel", description: "Standard of evidence, 1 to 5", value: (row) => row.evidenceLevel },
    { key: "sectors", description: "Sector keys, separated by “; ”", value: (row) => row.sectors },
    { key: "typology", description: "Typology keys, separated by “; ”", value: (row) => row.typology },
    { key: "diffusionModels", description: "How it may spread: diffusion model keys, separated by “; ”", value: (row) => row.diffusionModels },
    { key: "lifecyclePhase", description: "Lifecycle phase key", value: (row) => row.lifecyclePhase },
    { key: "originLocality", description: "Where it began", value: (row) => row.originLocality },
    { key: "originCountry", description: "Two-letter country code of its origin", value: (row) => row.originCountry },
    { key: "organisation", description: "The organisation behind it", value: (row) => row.organisation },
    { key: "costs", description: "What it costs (Markdown)", value: (row) => row.costs },
    { key: "tags", description: "Free tags, separated by “; ”", value: (row) => row.tags },
    { key: "caseStudies", description: "Number of published case studies", value: (row) => row.caseStudyCount },
    { key: "adoptions", description: "Number of case studies with the status adopted", value: (row) => row.adoptedCount },
    { key: "publishedAt", description: "When it was first published (ISO 8601, UTC)", value: (row) => iso(row.publishedAt) },
    { key: "updatedAt", description: "When it last changed (ISO 8601, UTC)", value: (row) => iso(row.updatedAt) },
  ];
}

export function needColumns(base: string): CsvColumn<OpenNeedRow>[] {
  return [
    { key: "slug", description: "Unique identifier; the need's page is /needs/{slug}", value: (row) => row.slug },
    { key: "title", description: "Name of the need", value: (row) => row.title },
    { key: "url", description: "The need's page on the exchange", value: (row) => absoluteUrl(base, `/needs/${row.slug}`) },
    { key: "problem", description: "The challenge", value: (row) => row.problem },
    { key: "outcomes", description: "What success looks like", value: (row) => row.outcomes },
    { key: "sectors", description: "Sector keys, separated by “; ”", value: (row) => row.sectors },
    { key: "locality", description: "The place the need is in", value: (row) => row.locality },
    { key: "country", description: "Two-letter country code", value: (row) => row.country },
    { key: "budgetMin", description: "Smallest budget, in pounds", value: (row) => row.budgetMin },
    { key: "budgetMax", description: "Largest budget, in pounds", value: (row) => row.budgetMax },
    { key: "fundingRoutes", description: "Funding route keys, separated by “; ”", value: (row) => row.fundingRoutes },
    { key: "diffusionModels", description: "Diffusion models the commissioner can accept, separated by “; ”", value: (row) => row.diffusionModels },
    { key: "deadline", description: "Date to respond by (YYYY-MM-DD)", value: (row) => row.deadline },
    { key: "updatedAt", description: "When it last changed (ISO 8601, UTC)", value: (row) => iso(row.updatedAt) },
  ];
}

export function caseStudyColumns(base: string): CsvColumn<OpenCaseStudyRow>[] {
  return [
    { key: "ideaSlug", description: "The idea adopted or tried", value: (row) => row.ideaSlug },
    { key: "ideaTitle", description: "Name of the idea", value: (row) => row.ideaTitle },
    { key: "ideaUrl", description: "The idea's page, which lists all its case studies", value: (row) => absoluteUrl(base, `/ideas/${row.ideaSlug}`) },
    { key: "position", description: "Order of the case study within its idea, from 1", value: (row) => row.position },
    { key: "locality", description: "Where it was tried", value: (row) => row.locality },
    { key: "country", description: "Two-letter country code", value: (row) => row.country },
    { key: "year", description: "Year it began", value: (row) => row.year },
    { key: "status", description: "piloting, adopted or stopped", value: (row) => row.status },
    { key: "outcomes", description: "What changed", value: (row) => row.outcomes },
    { key: "lessons", description: "What worked and what failed", value: (row) => row.lessons },
    { key: "url", description: "The case study's own page on the exchange", value: (row) => absoluteUrl(base, caseStudyPath(row.ideaSlug, row.id)) },
  ];
}

export function csvRecords<Row>(columns: CsvColumn<Row>[], rows: Row[]): (string | number)[][] {
  return [columns.map((column) => column.key), ...rows.map((row) => columns.map((column) => csvCell(column.value(row))))];
}

// ---------------------------------------------------------------------------------------
// Atom (RFC 4287)

/** Characters XML 1.0 does not allow at all (a feed containing one is not well-formed). */
const notXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(notXmlChars, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export type FeedEntry = {
  /** A permanent identifier (a tag: URI), unchanged when the item is edited or re-imported. */
  id: string;
  title: string;
  link: string;
  updated: Date;
  published?: Date;
  summary: string;
  categories: { term: string; label: string }[];
};

export type Feed = { id: string; title: string; subtitle: string; selfLink: string; alternateLink: string; author: string; entries: FeedEntry[] };

/** tag: URIs (RFC 4151) keep entry ids stable even if the site moves. */
export function tagUri(authority: string, specific: string): string {
  return `tag:${authority},2026:${specific}`;
}

export function renderAtom(feed: Feed, now: Date): string {
  const updated = feed.entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), new Date(0));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <subtitle>${escapeXml(feed.subtitle)}</subtitle>`,
    `  <updated>${(feed.entries.length ? updated : now).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfLink)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateLink)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      "  <entry>",
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      ...(entry.published ? [`    <published>${entry.published.toISOString()}</published>`] : []),
      ...entry.categories.map((category) => `    <category term="${escapeXml(category.term)}" label="${escapeXml(category.label)}"/>`),
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}
