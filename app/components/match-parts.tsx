// Pieces shared by the match pages: a match status badge, text with matched terms marked,
// the procurement route hint and a status deadline.
import { highlightSegments } from "../domain/match-display";
import { matchStatusLabels, type MatchStatus } from "../domain/vocabulary";
import { Badge } from "./tags";

const statusTones: Record<MatchStatus, "slate" | "blue" | "green" | "amber"> = {
  suggested: "slate",
  shortlisted: "blue",
  introduced: "blue",
  piloting: "green",
  adopted: "green",
  declined: "amber",
};

export function MatchStatusBadge({ status }: { status: MatchStatus }) {
  return <Badge tone={statusTones[status]}>{matchStatusLabels[status]}</Badge>;
}

/** Text with whole-word occurrences of the terms in <mark>. */
export function MarkedText({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightSegments(text, terms).map((segment, index) =>
        segment.marked ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}

export function ProcurementHintBox({ hint, headingLevel = 3 }: { hint: { route: string; detail: string }; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  return (
    <div className="mt-3 rounded border-l-4 border-sky-700 bg-sky-50 p-3 text-sm">
      <Heading className="font-semibold">Procurement route hint: {hint.route}</Heading>
      <p className="mt-1">{hint.detail}</p>
    </div>
  );
}

/** "due 3 Jul 2026 (due in 5 days)", or the overdue form with a badge. */
export function MatchDeadline({ deadline }: { deadline: { date: string; words: string; overdue: boolean } | null }) {
  if (!deadline) return <span>no deadline</span>;
  return (
    <span>
      {deadline.overdue ? <Badge tone="amber">Overdue</Badge> : null} {deadline.overdue ? "was due" : "due"} {deadline.date} ({deadline.words})
    </span>
  );
}
