// An idea's revisions as its page shows them: which fields changed, and for each what it was and
// what it became, the changed words marked (for long text, only the changed passage with a few
// words around it). Pure.
import { fieldLabel, formatFieldValue } from "./review-display";

export type RevisionChangeView = {
  field: string;
  label: string;
  /** The shared words before and after the changed ones; shortened when the text is long (`excerpt`). */
  before: { lead: string; changed: string; trail: string };
  after: { lead: string; changed: string; trail: string };
  excerpt: boolean;
};

/** Texts longer than this many words show only the passage that changed. */
const LONG_TEXT_WORDS = 40;
const CONTEXT_WORDS = 8;

/**
 * Splits two texts into the words they share at the start and end and the words between that
 * changed; when the text is long, only CONTEXT_WORDS of the shared words are kept either side.
 */
export function changedPassage(before: string, after: string): Pick<RevisionChangeView, "before" | "after" | "excerpt"> {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const long = Math.max(a.length, b.length) / 2 > LONG_TEXT_WORDS;
  const context = long ? CONTEXT_WORDS * 2 : Infinity; // tokens: words and the spaces between them
  let leadStart = Math.max(0, start - context);
  if (leadStart > 0 && /^\s+$/.test(a[leadStart])) leadStart++;
  const trailEnd = Math.min(end, context);
  const lead = (leadStart > 0 ? "…" : "") + a.slice(leadStart, start).join("");
  const trailOf = (tokens: string[]) =>
    tokens
      .slice(tokens.length - end, tokens.length - end + trailEnd)
      .join("")
      .replace(/\s+$/, "") + (trailEnd < end ? "…" : "");
  return {
    before: { lead, changed: a.slice(start, a.length - end).join(""), trail: trailOf(a) },
    after: { lead, changed: b.slice(start, b.length - end).join(""), trail: trailOf(b) },
    excerpt: leadStart > 0 || trailEnd < end,
  };
}

export function revisionChangeViews(changes: { field: string; before: unknown; after: unknown }[]): RevisionChangeView[] {
  return changes.map((change) => ({
    field: change.field,
    label: fieldLabel(change.field),
    ...changedPassage(formatFieldValue(change.field, change.before), formatFieldValue(change.field, change.after)),
  }));
}
