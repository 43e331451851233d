// The words Meilisearch matched in an idea, read from `_matchesPosition` (byte offsets into
// the indexed document) against the same document rebuilt from SQLite. Adjacent matches
// become one phrase ("older people"), so a reason reads the way the idea is written.

export type MatchPosition = { start: number; length: number; indices?: number[] };
export type MatchesPosition = Record<string, MatchPosition[]>;

/** Attributes whose matches are worth showing, most telling first. */
export const matchedTermAttributes = ["title", "tags", "summary", "problem", "solution", "evidence", "caseStudyOutcomes", "caseStudyLessons"] as const;

export type IdeaTexts = Partial<Record<(typeof matchedTermAttributes)[number], string | readonly string[] | null>>;

const WORDLIKE = /^[\p{L}\p{N}][\p{L}\p{N}'’&-]*$/u;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function sliceBytes(text: string, start: number, length: number): string | null {
  const bytes = encoder.encode(text);
  if (start < 0 || start + length > bytes.length) return null;
  return decoder.decode(bytes.subarray(start, start + length));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * A match widened to the end of its word: Meilisearch reports only the matched part of a
 * prefix match ("cycli" of "cycling").
 */
function wholeWordEnd(text: string, start: number, length: number): number {
  const bytes = encoder.encode(text);
  let end = Math.min(start + length, bytes.length);
  while (end < bytes.length) {
    // Decode one UTF-8 character at `end`.
    const width = bytes[end] < 0x80 ? 1 : bytes[end] >= 0xf0 ? 4 : bytes[end] >= 0xe0 ? 3 : 2;
    if (!WORD_CHAR.test(decoder.decode(bytes.subarray(end, end + width)))) break;
    end += width;
  }
  return end;
}

/** Every matched word of one hit, as written in the idea (not joined into phrases). */
export function matchedWords(matches: MatchesPosition, texts: IdeaTexts): string[] {
  const words: string[] = [];
  for (const attribute of matchedTermAttributes) {
    const value = texts[attribute];
    for (const match of matches[attribute] ?? []) {
      const text = typeof value === "string" ? value : value?.[match.indices?.[0] ?? 0];
      const word = typeof text === "string" ? sliceBytes(text, match.start, wholeWordEnd(text, match.start, match.length) - match.start) : null;
      if (word) words.push(word);
    }
  }
  return words;
}

/**
 * Matched words and phrases of one idea, lower-cased: heaviest first when `weigh` is given
 * (the weight of the need's key term a word stands for), then most frequent, then in
 * attribute order. `positions` holds one `_matchesPosition` per query that found the idea.
 */
export function matchedTerms(positions: readonly MatchesPosition[], texts: IdeaTexts, max = 8, weigh: (term: string) => number = () => 0): string[] {
  const counts = new Map<string, { count: number; order: number }>();
  let order = 0;
  for (const matches of positions) {
    const seenInQuery = new Set<string>();
    matchedTermAttributes.forEach((attribute) => {
      const value = texts[attribute];
      const list = matches[attribute];
      if (!value || !list?.length) return;
      // Group by array element (arrays report the element in `indices`).
      const groups = new Map<number, MatchPosition[]>();
      for (const match of list) {
        const element = typeof value === "string" ? 0 : (match.indices?.[0] ?? 0);
        groups.set(element, [...(groups.get(element) ?? []), match]);
      }
      for (const [element, group] of groups) {
        const text = typeof value === "string" ? value : value[element];
        if (typeof text !== "string") continue;
        const sorted = [...group].sort((a, b) => a.start - b.start);
        const spans: { start: number; end: number }[] = [];
        for (const match of sorted) {
          const last = spans[spans.length - 1];
          const end = wholeWordEnd(text, match.start, match.length);
          // One separator (a space or hyphen) between two matches joins them into a phrase.
          const gap = last ? sliceBytes(text, last.end, Math.max(0, match.start - last.end)) : null;
          if (last && gap !== null && /^[\s-]?$/.test(gap)) last.end = Math.max(last.end, end);
          else spans.push({ start: match.start, end });
        }
        for (const span of spans) {
          const term = sliceBytes(text, span.start, span.end - span.start)
            ?.trim()
            .toLowerCase();
          if (!term || term.split(/[\s-]+/).some((word) => !WORDLIKE.test(word))) continue;
          if (seenInQuery.has(term)) continue;
          seenInQuery.add(term);
          const entry = counts.get(term) ?? { count: 0, order: order++ };
          entry.count++;
          counts.set(term, entry);
        }
      }
    });
  }
  const weights = new Map([...counts.keys()].map((term) => [term, weigh(term)]));
  const ranked = [...counts.entries()]
    .sort((a, b) => weights.get(b[0])! - weights.get(a[0])! || b[1].count - a[1].count || a[1].order - b[1].order)
    .map(([term]) => term);
  // Drop a word already shown inside a phrase ("older" once "older people" is listed).
  const kept: string[] = [];
  const singular = (text: string) => text.replace(/s\b/g, "");
  for (const term of ranked) {
    if (kept.some((other) => other.split(/[\s-]+/).includes(term) || term.split(/[\s-]+/).every((word) => other.split(/[\s-]+/).includes(word)))) continue;
    if (kept.some((other) => singular(other) === singular(term))) continue;
    kept.push(term);
    if (kept.length === max) break;
  }
  return kept;
}
