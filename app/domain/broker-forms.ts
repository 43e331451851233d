// The brokers' forms: decisions, private notes, claims. Shared by the server actions (the
// authority) and the browser (early, field-level feedback); pure.
import { z } from "zod";
import { brokerDecisions } from "./review-workflow";
import { reviewItemTypes, type ReviewItemType } from "./vocabulary";
import { unrequiredText, writtenText } from "./form-fields";

export const REASON_MAX = 2000;
export const JUSTIFICATION_MAX = 200;
export const NOTE_MAX = 4000;

/**
 * A decision on a queue item. Every "no" carries a reason the submitter sees; publishing an
 * idea sets its evidence level (DOMAIN.md, 1 to 5) with a one-line justification.
 */
export function decisionSchema(itemType: ReviewItemType) {
  return z
    .object({
      intent: z.literal("decide"),
      decision: z.enum(brokerDecisions, { error: "Choose a decision" }),
      reason: unrequiredText("reason", REASON_MAX),
      evidenceLevel: z
        .number({ error: "Choose an evidence level from 1 to 5" })
        .int("Choose an evidence level from 1 to 5")
        .min(1, "Choose an evidence level from 1 to 5")
        .max(5, "Choose an evidence level from 1 to 5")
        .optional(),
      evidenceJustification: z
        .string()
        .trim()
        .max(JUSTIFICATION_MAX, `Keep the justification to one line of ${JUSTIFICATION_MAX} characters or fewer`)
        .regex(/^[^\r\n]*$/, "Keep the justification to one line")
        .optional(),
    })
    .superRefine((value, ctx) => {
      if (value.decision !== "publish" && !value.reason) {
        ctx.addIssue({
          code: "custom",
          path: ["reason"],
          message: value.decision === "reject" ? "Say why this is rejected: the submitter will see it" : "Say what needs to change: the submitter will see it",
        });
      }
      if (itemType === "idea" && value.decision === "publish") {
        if (value.evidenceLevel === undefined)
          ctx.addIssue({ code: "custom", path: ["evidenceLevel"], message: "Choose the evidence level this idea has reached" });
        if (!value.evidenceJustification)
          ctx.addIssue({ code: "custom", path: ["evidenceJustification"], message: "Give a one-line justification for the evidence level" });
      }
    });
}

export type DecisionFormValue = z.output<ReturnType<typeof decisionSchema>>;

/** What the decision models take: a reason only for a "no", evidence only when an idea is published. */
export function toDecisionInput(itemType: ReviewItemType, value: DecisionFormValue) {
  const publishingIdea = itemType === "idea" && value.decision === "publish";
  return {
    decision: value.decision,
    reason: value.decision === "publish" ? undefined : value.reason,
    evidenceLevel: publishingIdea ? value.evidenceLevel : undefined,
    evidenceJustification: publishingIdea ? value.evidenceJustification : undefined,
  };
}

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: writtenText("Write the note", "note", NOTE_MAX),
});

/** Claim and release buttons: plain POST forms that carry the item they act on. */
export const claimSchema = z.object({
  intent: z.enum(["claim", "release"]),
  itemType: z.enum(reviewItemTypes),
  itemId: z.coerce.number().int().positive(),
});
