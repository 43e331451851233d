// The brokers' review rubric (issue 13, item 10): scored criteria per queue item type, each on
// a 0–4 scale with words for every point (shown as GOV.UK radios), and the pure functions that
// check a set of scores and total them. Shared by the score form, its server action, the
// queue's Score column and the tests. Pure: no I/O.
import { z } from "zod";
import type { ReviewItemType } from "./vocabulary";

export const RUBRIC_MIN = 0;
export const RUBRIC_MAX = 4;
export const rubricPoints = [0, 1, 2, 3, 4] as const;
export type RubricPoint = (typeof rubricPoints)[number];

export type RubricCriterion = {
  /** The form field's name and the key stored in review_scores.scores. */
  key: string;
  label: string;
  hint: string;
  /** What each point means for this criterion, 0 to 4. */
  points: readonly [string, string, string, string, string];
};

export const reviewRubrics: Record<ReviewItemType, readonly RubricCriterion[]> = {
  idea: [
    {
      key: "evidence",
      label: "Evidence",
      hint: "How strong is the evidence that it works? Follows the standards of evidence (levels 1 to 5).",
      points: [
        "No evidence: it is not clear what it does or why it matters",
        "A clear account of what it does and why it matters, but no data",
        "Data showing change where it runs",
        "A comparison shows it caused the change",
        "Independent, replicated evaluation, or manuals that let others get the same results",
      ],
    },
    {
      key: "transferability",
      label: "Transferability",
      hint: "Could another place adopt it? Are the core elements separated from what can be adapted locally?",
      points: [
        "Tied to one place or person: it could not run elsewhere",
        "Might work elsewhere, but what would need to travel is not described",
        "The core elements are described; adapting it is left to the adopter",
        "Core and adaptable elements are clear, and someone has tried it in a second place",
        "Adopted in several places, with a pack or support for new adopters",
      ],
    },
    {
      key: "costClarity",
      label: "Cost clarity",
      hint: "Could a commissioner budget for it from what is written?",
      points: [
        "No costs given",
        "A vague idea of cost (for example “low cost”)",
        "A total cost, but not per participant, site or year",
        "Set-up and running costs per unit, with what they cover",
        "Full costs with savings or a cost–benefit figure from a real site",
      ],
    },
    {
      key: "diffusionFit",
      label: "Fit with the diffusion model",
      hint: "Does the way it offers to spread (uncontrolled, franchise, takeover, growth) suit the idea and come with what that route needs?",
      points: [
        "No route to adoption offered, or one that cannot work for this idea",
        "A route is named but nothing of what it needs is described",
        "The route suits the idea; some of what it needs is missing",
        "The route suits the idea and its detail is complete (licence, fee model, terms or capacity)",
        "A proven route: it has already spread this way",
      ],
    },
  ],
  need: [
    {
      key: "problemClarity",
      label: "Clarity of the problem",
      hint: "Would an innovator understand who is affected, how many, and why it matters now?",
      points: [
        "The problem is not stated",
        "A topic rather than a problem (for example “loneliness”)",
        "A problem, but not who is affected or how many",
        "Who is affected, how many and the current cost or harm",
        "All of that, with data and what has been tried before",
      ],
    },
    {
      key: "outcomeClarity",
      label: "Clear outcome",
      hint: "Is it clear what success looks like and how it would be measured?",
      points: [
        "No outcome given",
        "A general aim only",
        "An outcome, but not how it would be measured",
        "A measurable outcome with a timescale",
        "A measurable outcome with a baseline and a target",
      ],
    },
    {
      key: "budgetRoute",
      label: "Realistic budget and route",
      hint: "Do the budget, funding route and deadline fit the size of the problem and the routes accepted?",
      points: [
        "No budget or funding route",
        "A budget or a route, but not both",
        "Both given, but unrealistic for the problem or the deadline",
        "A realistic budget and route, with a deadline",
        "Realistic, with the routes to adoption it can accept and who will decide",
      ],
    },
  ],
  "case-study": [
    {
      key: "outcomeEvidence",
      label: "Evidence of outcomes",
      hint: "What changed in this place, and how do we know?",
      points: [
        "No outcomes reported",
        "Outcomes claimed without any figures",
        "Figures before and after",
        "Figures against a comparison or a baseline",
        "Independently checked figures",
      ],
    },
    {
      key: "lessons",
      label: "Lessons, including what failed",
      hint: "Would the next adopter learn from it, including what did not work?",
      points: [
        "No lessons given",
        "Only what went well",
        "Some lessons, general",
        "Specific lessons, including what failed",
        "Specific lessons another place could act on, with what they would do differently",
      ],
    },
    {
      key: "transferability",
      label: "Transferability",
      hint: "Does it say enough about the place (size, service, partners) for others to judge whether it would work for them?",
      points: [
        "Nothing about the place",
        "The place only",
        "The place and the service that ran it",
        "The place, service, partners and costs",
        "All of that, and how it was adapted from the original",
      ],
    },
  ],
  "outcome-update": [
    {
      key: "evidenceOfChange",
      label: "Evidence of change",
      hint: "Does the update report what changed since adoption, with figures?",
      points: [
        "No outcomes reported",
        "Outcomes claimed without figures",
        "Figures, but no baseline",
        "Figures against the baseline at adoption",
        "Figures against a baseline and a comparison",
      ],
    },
    {
      key: "candour",
      label: "Candour",
      hint: "Does it say what is not working, as well as what is?",
      points: [
        "Says nothing about problems",
        "Mentions problems in passing",
        "Names problems",
        "Names problems and what is being done",
        "Names problems, what was done and whether it worked",
      ],
    },
  ],
};

export function rubricFor(itemType: ReviewItemType): readonly RubricCriterion[] {
  return reviewRubrics[itemType];
}

/** The highest total an item of this type can score (4 a criterion). */
export function rubricMaxTotal(itemType: ReviewItemType): number {
  return reviewRubrics[itemType].length * RUBRIC_MAX;
}

/** "14 / 16". */
export function formatRubricTotal(total: number, itemType: ReviewItemType): string {
  return `${total} / ${rubricMaxTotal(itemType)}`;
}

export function scoreErrorMessage(criterion: RubricCriterion): string {
  return `Choose a score from 0 to 4 for ${criterion.label.toLowerCase()}`;
}

/** The score form (conform + zod): one 0–4 integer per criterion, each required. */
export function rubricSchema(itemType: ReviewItemType) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const criterion of reviewRubrics[itemType]) {
    const message = scoreErrorMessage(criterion);
    shape[criterion.key] = z.number({ error: message }).int(message).min(RUBRIC_MIN, message).max(RUBRIC_MAX, message);
  }
  return z.object({ intent: z.literal("score"), ...shape });
}

export type RubricCheck = { ok: true; scores: Record<string, number>; total: number } | { ok: false; errors: Record<string, string> };

/**
 * Checks a set of scores against the item type's rubric: every criterion present as an
 * integer 0–4, and no unknown keys. The authority on the server, whatever the form sent.
 */
export function checkScores(itemType: ReviewItemType, raw: Record<string, unknown>): RubricCheck {
  const criteria = reviewRubrics[itemType];
  const errors: Record<string, string> = {};
  const scores: Record<string, number> = {};
  for (const criterion of criteria) {
    const value = raw[criterion.key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < RUBRIC_MIN || value > RUBRIC_MAX) errors[criterion.key] = scoreErrorMessage(criterion);
    else scores[criterion.key] = value;
  }
  const known = new Set(criteria.map((criterion) => criterion.key));
  for (const key of Object.keys(raw)) if (!known.has(key)) errors[key] = `“${key}” is not a criterion for this kind of item`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, scores, total: rubricTotal(scores) };
}

export function rubricTotal(scores: Record<string, number>): number {
  return Object.values(scores).reduce((sum, value) => sum + value, 0);
}

/** The scores of a stored row as rows to show: criterion, score and its words (unknown keys kept, as they were scored). */
export function scoreRows(itemType: ReviewItemType, scores: Record<string, number>) {
  const criteria = reviewRubrics[itemType];
  const rows = criteria
    .filter((criterion) => criterion.key in scores)
    .map((criterion) => ({ key: criterion.key, label: criterion.label, score: scores[criterion.key], words: criterion.points[scores[criterion.key]] ?? "" }));
  for (const [key, score] of Object.entries(scores)) if (!criteria.some((criterion) => criterion.key === key)) rows.push({ key, label: key, score, words: "" });
  return rows;
}
