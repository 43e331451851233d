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

/** The fields of a row that a CSV cell can hold as they are. */
type CellField<Row> = { [Key in keyof Row & string]: Row[Key] extends CsvValue ? Key : never }[keyof Row & string];

/** A column that writes the row's field of the same name. */
function fieldColumn<Row>(key: CellField<Row>, description: string): CsvColumn<Row> {
  return { key, description, value: (row) => row[key] as CsvValue };
}

/** Absolute links in the downloads: PUBLIC_URL when set, otherwise the address the request came to. */
export function absoluteUrl(base: string, path: string): string {
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}

export function ideaColumns(base: string): CsvColumn<OpenIdeaRow>[] {
  return [
    fieldColumn("slug", "Unique identifier; the idea's page is /ideas/{slug}"),
    fieldColumn("title", "Name of the idea"),
    { key: "url", description: "The idea's page on the exchange", value: (row) => absoluteUrl(base, `/ideas/${row.slug}`) },
    fieldColumn("summary", "One paragraph"),
    fieldColumn("problem", "The problem it addresses (Markdown)"),
    fieldColumn("solution", "How it works (Markdown)"),
    fieldColumn("evidence", "What was measured (Markdown)"),
    fieldColumn("evidenceLevel", "Standard of evidence, 1 to 5"),
    fieldColumn("sectors", "Sector keys, separated by “; ”"),
    fieldColumn("typology", "Typology keys, separated by “; ”"),
    fieldColumn("diffusionModels", "How it may spread: diffusion model keys, separated by “; ”"),
    fieldColumn("lifecyclePhase", "Lifecycle phase key"),
    fieldColumn("originLocality", "Where it began"),
    fieldColumn("originCountry", "Two-letter country code of its origin"),
    fieldColumn("organisation", "The organisation behind it"),
    fieldColumn("costs", "What it costs (Markdown)"),
    fieldColumn("tags", "Free tags, separated by “; ”"),
    { key: "caseStudies", description: "Number of published case studies", value: (row) => row.caseStudyCount },
    { key: "adoptions", description: "Number of case studies with the status adopted", value: (row) => row.adoptedCount },
    { key: "publishedAt", description: "When it was first published (ISO 8601, UTC)", value: (row) => iso(row.publishedAt) },
    { key: "updatedAt", description: "When it last changed (ISO 8601, UTC)", value: (row) => iso(row.updatedAt) },
  ];
}

export function needColumns(base: string): CsvColumn<OpenNeedRow>[] {
  return [
    fieldColumn("slug", "Unique identifier; the need's page is /needs/{slug}"),
    fieldColumn("title", "Name of the need"),
    { key: "url", description: "The need's page on the exchange", value: (row) => absoluteUrl(base, `/needs/${row.slug}`) },
    fieldColumn("problem", "The challenge"),
    fieldColumn("outcomes", "What success looks like"),
    fieldColumn("sectors", "Sector keys, separated by “; ”"),
    fieldColumn("locality", "The place the need is in"),
    fieldColumn("country", "Two-letter country code"),
    fieldColumn("budgetMin", "Smallest budget, in pounds"),
    fieldColumn("budgetMax", "Largest budget, in pounds"),
    fieldColumn("fundingRoutes", "Funding route keys, separated by “; ”"),
    fieldColumn("diffusionModels", "Diffusion models the commissioner can accept, separated by “; ”"),
    fieldColumn("deadline", "Date to respond by (YYYY-MM-DD)"),
    { key: "updatedAt", description: "When it last changed (ISO 8601, UTC)", value: (row) => iso(row.updatedAt) },
  ];
}

export function caseStudyColumns(base: string): CsvColumn<OpenCaseStudyRow>[] {
  return [
    fieldColumn("ideaSlug", "The idea adopted or tried"),
    fieldColumn("ideaTitle", "Name of the idea"),
    { key: "ideaUrl", description: "The idea's page, which lists all its case studies", value: (row) => absoluteUrl(base, `/ideas/${row.ideaSlug}`) },
    fieldColumn("position", "Order of the case study within its idea, from 1"),
    fieldColumn("locality", "Where it was tried"),
    fieldColumn("country", "Two-letter country code"),
    fieldColumn("year", "Year it began"),
    fieldColumn("status", "piloting, adopted or stopped"),
    fieldColumn("outcomes", "What changed"),
    fieldColumn("lessons", "What worked and what failed"),
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
