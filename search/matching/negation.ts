// Approaches a commissioner rules out. Needs often name an approach in order to reject it
// ("some councillors want to bring back prison visits to scare kids straight, which we are
// wary of"; "not another expensive contracted service"). Those words describe what the
// commissioner does not want, so they must not be sought. Only cues of stance count (wary
// of, don't want, not asking for, ruled out, not another, no more): plain negation ("they
// can't give up work") and contrast ("rather than", "instead of") describe the problem or
// the present state, and often name exactly what is wanted ("rather than helping them do
// things for themselves"), so they are left alone.

const cues = [
  /\bwary of\b/,
  /\bwary about\b/,
  /\bsceptical of\b/,
  /\bskeptical of\b/,
  /\b(?:do not|don['’]?t|does not|doesn['’]?t|would not|wouldn['’]?t) want\b/,
  /\bnot (?:asking|looking) for\b/,
  /\bruled out\b/,
  /\brule out\b/,
  /\bnot another\b/,
  /\bno more\b/,
  /\b(?:please )?(?:do not|don['’]?t) (?:send|propose|offer|suggest)\b/,
];

/** Whether a sentence states an approach the commissioner rejects. */
export function rulesOut(sentence: string): boolean {
  const lower = sentence.toLowerCase();
  return cues.some((cue) => cue.test(lower));
}

/** Splits prose into sentences (and semicolon-separated items, as outcomes lists are written). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.;!?])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** The text without the sentences that rule an approach out. */
export function withoutRuledOut(text: string): string {
  return sentences(text)
    .filter((sentence) => !rulesOut(sentence))
    .join(" ");
}
