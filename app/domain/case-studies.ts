// Case-study pages and organisation profiles: their addresses, and which case studies of a
// search hit match the query (shared by the feed, the open data, the idea page and search).
import { slugify } from "./slug";

/** A published case study's own page. */
export function caseStudyPath(ideaSlug: string, caseStudyId: number): string {
  return `/ideas/${ideaSlug}/case-studies/${caseStudyId}`;
}

/** The profile of an organisation by name: every organisation named on a published idea has one. */
export function organisationSlugOf(name: string): string {
  return slugify(name, "organisation");
}

export function organisationPath(name: string): string {
  return `/organisations/${organisationSlugOf(name)}`;
}

/** The place, country and year as a case study's title: "Leeds, GB (2019)". */
export function caseStudyPlace(study: { locality: string; country: string | null; year?: number | null }): string {
  return `${study.locality}${study.country ? `, ${study.country}` : ""}${study.year ? ` (${study.year})` : ""}`;
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");

/** The query's words worth looking for in a case study (two letters or more; short joining words dropped). */
export function queryTerms(q: string): string[] {
  const stop = new Set(["and", "the", "for", "of", "in", "on", "to", "a", "an", "with", "by", "at", "or"]);
  const words = fold(q)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2 && !stop.has(word));
  return [...new Set(words)].slice(0, 10);
}

/**
 * How many of the terms a case study's text holds, each as the start of a word (prefix
 * matching, as the search box does while you type). 0 when none does.
 */
export function caseStudyTermMatches(
  terms: string[],
  study: { locality: string; country: string | null; outcomes: string | null; lessons: string | null },
): number {
  if (!terms.length) return 0;
  const words = new Set(fold([study.locality, study.country, study.outcomes, study.lessons].filter(Boolean).join(" ")).split(/[^a-z0-9]+/));
  return terms.filter((term) => [...words].some((word) => word.startsWith(term))).length;
}
