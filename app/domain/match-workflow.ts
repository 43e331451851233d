// The match workflow shared by the models, the UI and the tests. Pure: no I/O.
//
// suggested → shortlisted → introduced → piloting → adopted, or declined at any step with a
// reason. A broker confirms a match (with a rationale both sides see) before its innovator
// sees it; contact details are shared, and the match becomes `introduced`, only once the
// commissioner (by asking for an introduction) and the innovator have both opted in.
import type { MatchStatus, Role } from "./vocabulary";

export const matchActions = ["shortlist", "request-introduction", "confirm", "opt-in", "start-pilot", "adopt", "decline"] as const;
export type MatchAction = (typeof matchActions)[number];

export const matchActionLabels: Record<MatchAction, string> = {
  shortlist: "Add to shortlist",
  "request-introduction": "Ask for an introduction",
  confirm: "Confirm match",
  "opt-in": "Agree to an introduction",
  "start-pilot": "Record that a pilot has started",
  adopt: "Record adoption",
  decline: "Decline",
};

/** How long a match may stay in each status before it shows as overdue (calendar days). */
export const matchStatusDeadlineDays: Record<MatchStatus, number | null> = {
  suggested: 7,
  shortlisted: 14,
  introduced: 30,
  piloting: 183,
  adopted: null,
  declined: null,
};

export const DAY_MS = 24 * 60 * 60 * 1000;

export function matchDueAt(status: MatchStatus, from: Date): Date | null {
  const days = matchStatusDeadlineDays[status];
  return days === null ? null : new Date(from.getTime() + days * DAY_MS);
}

export function isMatchOverdue(match: { status: MatchStatus; dueAt: Date | null }, now: Date): boolean {
  return match.dueAt !== null && matchStatusDeadlineDays[match.status] !== null && match.dueAt.getTime() < now.getTime();
}

export const openMatchStatuses = ["suggested", "shortlisted", "introduced", "piloting"] as const satisfies readonly MatchStatus[];

export function isMatchOpen(status: MatchStatus): boolean {
  return (openMatchStatuses as readonly MatchStatus[]).includes(status);
}

/** The parts of a match the rules look at. */
export type MatchState = {
  status: MatchStatus;
  confirmedAt: Date | null;
  commissionerConsentAt: Date | null;
  innovatorConsentAt: Date | null;
};

/** How the viewer stands to the match: its need's commissioner, its idea's innovator, a broker (or admin), or none. */
export type MatchParty = "commissioner" | "innovator" | "broker";

export function matchPartyOf(role: Role, ownsNeed: boolean, ownsIdea: boolean): MatchParty | null {
  if (role === "broker" || role === "admin") return "broker";
  if (role === "commissioner" && ownsNeed) return "commissioner";
  if (role === "innovator" && ownsIdea) return "innovator";
  return null;
}

export function introductionAgreed(match: Pick<MatchState, "commissionerConsentAt" | "innovatorConsentAt">): boolean {
  return match.commissionerConsentAt !== null && match.innovatorConsentAt !== null;
}

/** An innovator sees a match on their idea once a broker has confirmed it (or they proposed it). */
export function innovatorCanSee(match: MatchState & { source: string }): boolean {
  return match.confirmedAt !== null || match.source === "innovator";
}

/** Why an action is not possible now, or null when it is. */
export function matchActionBlocker(action: MatchAction, party: MatchParty, match: MatchState): string | null {
  if (!isMatchOpen(match.status)) return `This match is ${match.status} and can't change any more.`;
  switch (action) {
    case "shortlist":
      if (party !== "commissioner" && party !== "broker") return "Only the need's commissioner or a broker can shortlist.";
      return match.status === "suggested" ? null : "This match is already past the shortlist.";
    case "request-introduction":
      if (party !== "commissioner") return "Only the need's commissioner can ask for an introduction.";
      if (match.status !== "suggested" && match.status !== "shortlisted") return "This match has already been introduced.";
      return match.commissionerConsentAt ? "You have already asked for an introduction." : null;
    case "confirm":
      if (party !== "broker") return "Only a broker can confirm a match.";
      if (match.status !== "suggested" && match.status !== "shortlisted") return "This match is already past confirmation.";
      return match.confirmedAt ? "A broker has already confirmed this match." : null;
    case "opt-in":
      if (party !== "innovator") return "Only the idea's innovator can agree here; the commissioner agrees by asking for an introduction.";
      if (!match.confirmedAt) return "A broker has to confirm the match first.";
      return match.innovatorConsentAt ? "You have already agreed to an introduction." : null;
    case "start-pilot":
      if (party !== "commissioner" && party !== "broker") return "Only the need's commissioner or a broker can record a pilot.";
      return match.status === "introduced" ? null : "A pilot can start only after the introduction.";
    case "adopt":
      if (party !== "commissioner" && party !== "broker") return "Only the need's commissioner or a broker can record adoption.";
      return match.status === "piloting" ? null : "Adoption follows a pilot.";
    case "decline":
      return null;
  }
}

/** The status a match moves to after an action (consent only moves it once both sides agree). */
export function statusAfterAction(action: MatchAction, match: MatchState): MatchStatus {
  switch (action) {
    case "shortlist":
    case "confirm":
      return match.status === "suggested" ? "shortlisted" : match.status;
    case "request-introduction": {
      const after = { ...match, commissionerConsentAt: match.commissionerConsentAt ?? new Date(0) };
      return after.confirmedAt && introductionAgreed(after) ? "introduced" : "shortlisted";
    }
    case "opt-in": {
      const after = { ...match, innovatorConsentAt: match.innovatorConsentAt ?? new Date(0) };
      return after.confirmedAt && introductionAgreed(after) ? "introduced" : match.status;
    }
    case "start-pilot":
      return "piloting";
    case "adopt":
      return "adopted";
    case "decline":
      return "declined";
  }
}

/** Actions the party may take now, in the order a page offers them. */
export function availableMatchActions(party: MatchParty, match: MatchState): MatchAction[] {
  return matchActions.filter((action) => matchActionBlocker(action, party, match) === null);
}

/** Confirming needs a rationale and declining a reason: both are shown to the other side. */
export function matchActionNeedsText(action: MatchAction): "rationale" | "reason" | null {
  return action === "confirm" ? "rationale" : action === "decline" ? "reason" : null;
}

/** Outcome updates asked of the commissioner after adoption (months). */
export const outcomeReminderMonths = [6, 12, 24] as const;

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
