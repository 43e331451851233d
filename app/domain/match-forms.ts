// The forms of a match's page and of its confirmation page (adopt, decline), read on the
// server by conform + zod. Pure: the model checks the same limits again.
import { z } from "zod";
import { MATCH_TEXT_MAX } from "./match-queue";
import { matchActionNeedsText, type MatchAction } from "./match-workflow";

export const MATCH_MESSAGE_MAX = 5000;

/** What the other side is told is missing when a step needs words (confirm, decline). */
export const missingMatchText = {
  rationale: "Give a rationale: both sides will see it.",
  reason: "Give a reason for declining: the other side will see it.",
} as const;

const requiredText = (missing: string, tooLong: string, max: number) => z.string({ error: missing }).trim().min(1, missing).max(max, tooLong);

/** A message in the match's thread. */
export const matchMessageSchema = z.object({
  intent: z.literal("message"),
  body: requiredText("Write a message first.", `Keep messages under ${MATCH_MESSAGE_MAX} characters.`, MATCH_MESSAGE_MAX),
});

/** One step on the match page; confirming carries a rationale and declining a reason. */
export function matchStepSchema(action: MatchAction) {
  const field = matchActionNeedsText(action);
  const tooLong = `Keep it under ${MATCH_TEXT_MAX} characters.`;
  if (field === "rationale") return z.object({ intent: z.literal(action), rationale: requiredText(missingMatchText.rationale, tooLong, MATCH_TEXT_MAX) });
  if (field === "reason") return z.object({ intent: z.literal(action), reason: requiredText(missingMatchText.reason, tooLong, MATCH_TEXT_MAX) });
  return z.object({ intent: z.literal(action) });
}

/**
 * The confirmation page's form. The first post (from the match page or the queue) only brings
 * a decline's reason to confirm; the reason is required once "Yes" is pressed.
 */
export function confirmMatchStepSchema(action: "adopt" | "decline") {
  return z
    .object({ reason: z.string().trim().optional(), confirmed: z.string().optional(), returnTo: z.string().optional() })
    .transform((value) => ({ ...value, reason: action === "decline" ? (value.reason ?? "") : "", confirmed: value.confirmed === "yes" }))
    .superRefine((value, ctx) => {
      if (value.reason.length > MATCH_TEXT_MAX)
        ctx.addIssue({ code: "custom", path: ["reason"], message: `Keep the reason to ${MATCH_TEXT_MAX} characters or fewer` });
      else if (action === "decline" && value.confirmed && !value.reason)
        ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason for declining: the other side will see it" });
    });
}
