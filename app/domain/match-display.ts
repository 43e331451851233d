// What the match pages show, as pure functions: the filters of a need's ranked ideas (GET
// query parameters, so they work without JavaScript), matched terms marked in an idea's
// text, and the consent state in words for each party. No I/O.
import { describeDeadline, formatDate } from "./broker-queue";
import type { MatchAction, MatchParty } from "./match-workflow";
import { evidenceLevels, sectors, type EvidenceLevel, type MatchStatus, type Sector } from "./vocabulary";

export type NeedMatchFilters = {
  sector: Sector | null;
  /** Only ideas offering a diffusion model the need accepts. */
  acceptedOnly: boolean;
  /** Minimum evidence level. */
  evidenceLevel: EvidenceLevel | null;
};

/** The filters from a query string; an unknown value counts as no filter (never an error page). */
export function parseNeedMatchFilters(search: URLSearchParams): NeedMatchFilters {
  const sector = search.get("sector");
  const level = Number(search.get("evidenceLevel"));
  return {
    sector: sector && (sectors as readonly string[]).includes(sector) ? (sector as Sector) : null,
    acceptedOnly: search.get("acceptedOnly") === "1",
    evidenceLevel: (evidenceLevels as readonly number[]).includes(level) ? (level as EvidenceLevel) : null,
  };
}

export function needMatchFilterSearch(filters: NeedMatchFilters): string {
  const search = new URLSearchParams();
  if (filters.sector) search.set("sector", filters.sector);
  if (filters.acceptedOnly) search.set("acceptedOnly", "1");
  if (filters.evidenceLevel) search.set("evidenceLevel", String(filters.evidenceLevel));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** How many ranked ideas a need's page shows first, and adds with each "Show more". */
export const MATCHES_PER_STEP = 10;
/**
 * Text relevance (relative to the best idea's, rank.ts) below which an idea is a weak match:
 * left out of the list until the commissioner asks for weaker matches.
 */
export const WEAK_MATCH_RELEVANCE = 0.3;

/** What the list shows: how many ideas, and whether weak matches are included. GET parameters `show` and `weaker`. */
export type NeedMatchView = { shown: number; weaker: boolean };

export function parseNeedMatchView(search: URLSearchParams): NeedMatchView {
  const show = Number(search.get("show"));
  const shown = Number.isInteger(show) && show > MATCHES_PER_STEP ? Math.min(show, 50) : MATCHES_PER_STEP;
  return { shown, weaker: search.get("weaker") === "1" };
}

/** The query string of a list with these filters and this view (view parameters only when not the default). */
export function needMatchListSearch(filters: NeedMatchFilters, view: NeedMatchView): string {
  const search = new URLSearchParams(needMatchFilterSearch(filters).slice(1));
  if (view.shown > MATCHES_PER_STEP) search.set("show", String(view.shown));
  if (view.weaker) search.set("weaker", "1");
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * The ideas the list shows: the strong ones (and the weak ones when asked for), the first
 * `shown`, stretched to include `focus` (the idea just acted on) wherever it is.
 */
export function visibleMatches<T extends { slug: string; weak: boolean }>(ideas: readonly T[], view: NeedMatchView, focus?: string | null) {
  const focusIdea = focus ? ideas.find((idea) => idea.slug === focus) : undefined;
  const weaker = view.weaker || !!focusIdea?.weak;
  const eligible = weaker ? ideas : ideas.filter((idea) => !idea.weak);
  const focusIndex = focusIdea ? eligible.indexOf(focusIdea) : -1;
  const shown = Math.max(view.shown, focusIndex + 1);
  return {
    visible: eligible.slice(0, shown),
    /** More ideas of the kind shown, beyond `shown`. */
    more: Math.max(0, eligible.length - shown),
    /** Weak matches not shown because weaker matches were not asked for. */
    hiddenWeak: weaker ? 0 : ideas.length - eligible.length,
    weaker,
  };
}

export function isFiltered(filters: NeedMatchFilters): boolean {
  return filters.sector !== null || filters.acceptedOnly || filters.evidenceLevel !== null;
}

export type FilterableIdea = { sectors: readonly string[]; fits: boolean; evidenceLevel: number | null };

export function passesNeedMatchFilters(idea: FilterableIdea, filters: NeedMatchFilters): boolean {
  if (filters.sector && !idea.sectors.includes(filters.sector)) return false;
  if (filters.acceptedOnly && !idea.fits) return false;
  if (filters.evidenceLevel && (idea.evidenceLevel ?? 0) < filters.evidenceLevel) return false;
  return true;
}

export type TextSegment = { text: string; marked: boolean };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The text cut into segments, marking whole-word occurrences of the terms (case-insensitive;
 * a phrase's words may be joined by spaces or hyphens). Longer terms win over their parts.
 */
export function highlightSegments(text: string, terms: readonly string[]): TextSegment[] {
  const patterns = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((term) =>
      term
        .split(/[\s-]+/)
        .map(escapeRegExp)
        .join("[\\s-]+"),
    );
  if (!patterns.length || !text) return text ? [{ text, marked: false }] : [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) segments.push({ text: text.slice(last, start), marked: false });
    segments.push({ text: match[0], marked: true });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), marked: false });
  return segments;
}

export type ConsentState = { status: MatchStatus; confirmed: boolean; commissionerAgreed: boolean; innovatorAgreed: boolean };

/** Where the introduction stands, in words for this party. */
export function consentText(party: MatchParty, match: ConsentState): string {
  const both = match.commissionerAgreed && match.innovatorAgreed;
  if (both) return "Both sides agreed to an introduction: contact details are shared below and the message thread is open.";
  if (match.status === "declined") return "This match was declined before both sides agreed to an introduction; no contact details were shared.";
  const needsConfirmation = match.confirmed ? "" : " A broker has to confirm the match first; the innovator sees it only then.";
  if (party === "commissioner") {
    if (!match.commissionerAgreed) {
      return match.innovatorAgreed
        ? "The innovator has agreed to an introduction. Ask for one to share contact details."
        : "You have not asked for an introduction yet. Contact details are shared only once you and the innovator both agree.";
    }
    return `You asked for an introduction. Waiting for the innovator to agree.${needsConfirmation}`;
  }
  if (party === "innovator") {
    if (!match.innovatorAgreed) {
      return match.commissionerAgreed
        ? "The commissioner asked for an introduction. Agree to it to share contact details."
        : "Agree to an introduction if you would like to talk to the commissioner. Contact details are shared only once you both agree.";
    }
    return "You agreed to an introduction. Waiting for the commissioner to ask for one.";
  }
  const side = (agreed: boolean) => (agreed ? "agreed" : "not yet");
  return `Commissioner: ${side(match.commissionerAgreed)}. Innovator: ${side(match.innovatorAgreed)}.${needsConfirmation}`;
}

/** The audit log's actions in words, for the status history. */
export const matchHistoryLabels: Record<string, string> = {
  propose: "Proposed",
  shortlist: "Shortlisted",
  "request-introduction": "Asked for an introduction",
  confirm: "Confirmed by a broker",
  "opt-in": "Innovator agreed to an introduction",
  "start-pilot": "Pilot started",
  adopt: "Adopted",
  decline: "Declined",
};

/** What a match page says after an action went through. */
export const matchDoneMessages: Record<MatchAction | "message", string> = {
  shortlist: "Added to the shortlist.",
  "request-introduction": "You asked for an introduction.",
  confirm: "Match confirmed. Both sides can see your rationale.",
  "opt-in": "You agreed to an introduction.",
  "start-pilot": "Recorded that a pilot has started.",
  adopt: "Recorded the adoption.",
  decline: "Match declined. The other side has been told your reason.",
  message: "Message sent.",
};

/** A status deadline as the pages show it (UTC dates, as the broker queues). */
export function matchDeadlineView(dueAt: Date | null, overdue: boolean, now: Date): { date: string; words: string; overdue: boolean } | null {
  return dueAt ? { date: formatDate(dueAt), words: describeDeadline(dueAt, now), overdue } : null;
}
