// The commissioner's need form and its quality check: the parts of a good challenge that
// buyers' needs on other platforms so often leave out. Shared by the server and the browser.
import { z } from "zod";
import { optionalCountryCode, optionalText } from "./form-fields";
import { parseDateParts, parseMoney } from "./input-parsers";
import { diffusionModels, fundingRoutes, lifecyclePhases, sectors } from "./vocabulary";

const money = (label: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text?.trim()) return undefined;
      const parsed = parseMoney(text, label);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    });
const dateBox = z.string().trim().max(40, "Enter the date as day, month and year").optional();

/**
 * The need form. A draft saves whatever is there (only a title, so it can be found again);
 * submitting, or editing a need brokers have already seen, checks everything. The deadline is
 * the GOV.UK date input: three boxes, read by input-parsers.ts.
 */
export function needFormSchemaFor({ complete }: { complete: boolean }) {
  return z
    .object({
      title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "Title must be 200 characters or fewer"),
      problem: complete
        ? z.string({ error: "Describe the problem" }).trim().min(1, "Describe the problem").max(10000, "The problem must be 10,000 characters or fewer")
        : z.string().trim().max(10000, "The problem must be 10,000 characters or fewer").default(""),
      whoIsAffected: optionalText("Who is affected", 2000),
      outcomes: optionalText("What success looks like", 5000),
      lifecyclePhase: z.enum(lifecyclePhases).optional(),
      constraints: optionalText("Constraints", 5000),
      sectors: complete
        ? z.array(z.enum(sectors), { error: "Choose at least one sector" }).min(1, "Choose at least one sector")
        : z.array(z.enum(sectors)).default([]),
      locality: optionalText("Place", 200),
      country: optionalCountryCode(),
      budgetMin: money("the lowest budget"),
      budgetMax: money("the highest budget"),
      fundingRoutes: z.array(z.enum(fundingRoutes)).optional(),
      diffusionModels: z.array(z.enum(diffusionModels)).optional(),
      deadlineDay: dateBox,
      deadlineMonth: dateBox,
      deadlineYear: dateBox,
    })
    .superRefine(
      (need, ctx) => {
        if (!need || typeof need !== "object") return;
        if (typeof need.budgetMin === "number" && typeof need.budgetMax === "number" && need.budgetMax < need.budgetMin) {
          ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "The highest budget must not be less than the lowest" });
        }
        const deadline = parseDateParts({ day: need.deadlineDay, month: need.deadlineMonth, year: need.deadlineYear }, "The deadline");
        if (!deadline.ok) ctx.addIssue({ code: "custom", path: ["deadline"], message: deadline.message });
      },
      { when: () => true },
    )
    .transform(({ deadlineDay, deadlineMonth, deadlineYear, ...need }) => {
      const deadline = parseDateParts({ day: deadlineDay, month: deadlineMonth, year: deadlineYear }, "The deadline");
      return { ...need, deadline: deadline.ok && deadline.value ? deadline.value : undefined };
    });
}

export const needFormSchema = needFormSchemaFor({ complete: true });

export type NeedFormValues = z.output<typeof needFormSchema>;

export type QualityItem = { key: string; label: string; present: boolean; advice: string };

/** Which parts of a good challenge are present, in the form as typed or in a saved need. A need is submitted only when all are. */
export function needQualityCheck(need: { [K in keyof NeedFormValues]?: NeedFormValues[K] | null }): QualityItem[] {
  return [
    {
      key: "problem",
      label: "The problem",
      present: (need.problem?.trim().length ?? 0) >= 80,
      advice: "Describe the problem in at least a few sentences: what happens now, how often, and why it matters.",
    },
    {
      key: "whoIsAffected",
      label: "Who is affected",
      present: !!need.whoIsAffected?.trim(),
      advice: "Say who lives with the problem: which people, how many, where.",
    },
    {
      key: "outcomes",
      label: "The outcome sought",
      present: !!need.outcomes?.trim(),
      advice: "Say what success would look like, ideally in a measure you already collect.",
    },
    { key: "budget", label: "Budget", present: need.budgetMin != null || need.budgetMax != null, advice: "Give a budget range, even a rough one." },
    { key: "deadline", label: "Timescale", present: !!need.deadline, advice: "Give a deadline for a decision or a start." },
    {
      key: "diffusionModels",
      label: "Acceptable routes to adoption",
      present: (need.diffusionModels?.length ?? 0) > 0,
      advice: "Say which forms you could adopt: copying freely, a licence or franchise, taking the service over, or the owner expanding to you.",
    },
  ];
}

export function needIsComplete(need: Partial<NeedFormValues>): boolean {
  return needQualityCheck(need).every((item) => item.present);
}
