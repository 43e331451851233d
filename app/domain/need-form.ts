// The commissioner's need form and its quality check: the parts of a good challenge that
// buyers' needs on other platforms so often leave out. Shared by the server and the browser.
import { z } from "zod";
import { diffusionModels, fundingRoutes, lifecyclePhases, sectors } from "./vocabulary";

const optional = (label: string, max: number) => z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional();
const money = (label: string) =>
  z.coerce
    .number({ error: `Enter ${label} as a whole number of pounds, like 50000` })
    .int(`Enter ${label} as a whole number of pounds, like 50000`)
    .min(0, `${label[0].toUpperCase()}${label.slice(1)} must not be negative`)
    .max(1_000_000_000, `${label[0].toUpperCase()}${label.slice(1)} is implausibly large`)
    .optional();

export const needFormSchema = z
  .object({
    title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "Title must be 200 characters or fewer"),
    problem: z.string({ error: "Describe the problem" }).trim().min(1, "Describe the problem").max(10000, "The problem must be 10,000 characters or fewer"),
    whoIsAffected: optional("Who is affected", 2000),
    outcomes: optional("What success looks like", 5000),
    currentPhase: z.enum(lifecyclePhases).optional(),
    constraints: optional("Constraints", 5000),
    sectors: z.array(z.enum(sectors), { error: "Choose at least one sector" }).min(1, "Choose at least one sector"),
    locality: optional("Place", 200),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Enter a two-letter country code, like GB").optional(),
    budgetMin: money("the lowest budget"),
    budgetMax: money("the highest budget"),
    fundingRoutes: z.array(z.enum(fundingRoutes)).optional(),
    diffusionModels: z.array(z.enum(diffusionModels)).optional(),
    deadline: z.iso.date("Enter the deadline as a date, like 2027-03-31").optional(),
  })
  .superRefine(
    (need, ctx) => {
      if (!need || typeof need !== "object") return;
      if (typeof need.budgetMin === "number" && typeof need.budgetMax === "number" && need.budgetMax < need.budgetMin) {
        ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "The highest budget must not be less than the lowest" });
      }
    },
    { when: () => true },
  );

export type NeedFormValues = z.infer<typeof needFormSchema>;

export type QualityItem = { key: string; label: string; present: boolean; advice: string };

/** Which parts of a good challenge are present. A need is submitted only when all are. */
export function needQualityCheck(need: Partial<NeedFormValues>): QualityItem[] {
  return [
    {
      key: "problem",
      label: "The problem",
      present: (need.problem?.trim().length ?? 0) >= 80,
      advice: "Describe the problem in at least a few sentences: what happens now, how often, and why it matters.",
    },
    { key: "whoIsAffected", label: "Who is affected", present: !!need.whoIsAffected?.trim(), advice: "Say who lives with the problem: which people, how many, where." },
    { key: "outcomes", label: "The outcome sought", present: !!need.outcomes?.trim(), advice: "Say what success would look like, ideally in a measure you already collect." },
    { key: "budget", label: "Budget", present: need.budgetMin !== undefined || need.budgetMax !== undefined, advice: "Give a budget range, even a rough one." },
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
