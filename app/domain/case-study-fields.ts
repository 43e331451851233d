// A case study's own facts, as the pages that show one read them: where and when it was tried,
// how far it got, what came of it and what was learned. Its id and review state are the page's.
import type { CaseStudyStatus } from "./vocabulary";

export type CaseStudyFields = {
  locality: string;
  country: string | null;
  year: number | null;
  status: CaseStudyStatus;
  outcomes: string | null;
  lessons: string | null;
};

/** Only the facts of a case study row (nothing a broker wrote about it). */
export function caseStudyFields({ locality, country, year, status, outcomes, lessons }: CaseStudyFields): CaseStudyFields {
  return { locality, country, year, status, outcomes, lessons };
}
