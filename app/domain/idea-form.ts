// The innovator's idea form: every field of the exchange format plus the route-specific
// detail of each diffusion model offered. Shared by the server action and the browser.
import { z } from "zod";
import { optionalCountryCode, optionalText } from "./form-fields";
import {
  caseStudyStatuses,
  diffusionModels,
  lifecyclePhases,
  sectors,
  takeoverTransfers,
  typologies,
  type DiffusionDetails,
  type DiffusionModel,
} from "./vocabulary";

const required = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

/** The detail each route to adoption must have before an idea offering it is submitted: its form field, and where it sits once saved. */
const requiredRouteDetail: Record<
  DiffusionModel,
  {
    field: "uncontrolledLicence" | "franchiseFeeModel" | "franchiseCoreElements" | "takeoverTransfers" | "takeoverTerms" | "growthCapacity";
    message: string;
    isSet: (details: DiffusionDetails) => boolean;
  }[]
> = {
  uncontrolled: [
    { field: "uncontrolledLicence", message: "Enter the licence adopters copy it under, like CC BY 4.0", isSet: (details) => !!details.uncontrolled?.licence },
  ],
  franchise: [
    { field: "franchiseFeeModel", message: "Enter the fee model for franchise adopters", isSet: (details) => !!details.franchise?.feeModel },
    { field: "franchiseCoreElements", message: "Enter the core elements an adopter must keep", isSet: (details) => !!details.franchise?.coreElements },
  ],
  takeover: [
    { field: "takeoverTransfers", message: "Choose what transfers in a takeover", isSet: (details) => !!details.takeover?.transfers?.length },
    { field: "takeoverTerms", message: "Enter the terms of a takeover", isSet: (details) => !!details.takeover?.terms },
  ],
  growth: [{ field: "growthCapacity", message: "Describe your capacity to expand", isSet: (details) => !!details.growth?.capacity }],
};

/**
 * The idea form. A draft saves whatever is there (only a title, so it can be found again);
 * submitting, or editing an idea brokers have seen, checks everything, including the detail
 * of each route offered, except routes the live idea already offered without that detail
 * (`routesWithoutDetail`: many demo ideas), so an unrelated edit is never blocked by them.
 */
export function ideaFormSchemaFor({ complete, routesWithoutDetail = [] }: { complete: boolean; routesWithoutDetail?: readonly DiffusionModel[] }) {
  return z
    .object({
      title: required("a title", 200),
      summary: complete ? required("a one-paragraph summary", 2000) : z.string().trim().max(2000, "Summary must be 2000 characters or fewer").default(""),
      problem: optionalText("The problem", 10000),
      solution: optionalText("How it works", 10000),
      evidence: optionalText("Evidence", 10000),
      sectors: complete
        ? z.array(z.enum(sectors), { error: "Choose at least one sector" }).min(1, "Choose at least one sector")
        : z.array(z.enum(sectors)).default([]),
      typology: z.array(z.enum(typologies)).optional(),
      diffusionModels: complete
        ? z.array(z.enum(diffusionModels), { error: "Choose at least one way the idea can spread" }).min(1, "Choose at least one way the idea can spread")
        : z.array(z.enum(diffusionModels)).default([]),
      lifecyclePhase: z.enum(lifecyclePhases).optional(),
      originLocality: optionalText("Place of origin", 200),
      originCountry: optionalCountryCode(),
      organisation: optionalText("Organisation", 200),
      costs: optionalText("Costs", 5000),
      tags: z
        .string()
        .max(600, "Tags must be 600 characters or fewer")
        .optional()
        .transform((value) =>
          (value ?? "")
            .split(",")
            .map((tag) => tag.trim().toLowerCase())
            .filter(Boolean),
        ),
      uncontrolledLicence: optionalText("Licence", 200),
      uncontrolledReplicationPack: optionalText("Replication pack", 5000),
      franchiseFeeModel: optionalText("Fee model", 2000),
      franchiseCoreElements: optionalText("Core elements", 5000),
      franchiseAdaptableElements: optionalText("What adopters may adapt", 5000),
      franchiseAdoptersPerYear: z.coerce
        .number({ error: "Enter a whole number of new adopters a year" })
        .int("Enter a whole number of new adopters a year")
        .min(0, "Enter 0 or more")
        .max(10000, "Enter 10,000 or fewer")
        .optional(),
      takeoverTransfers: z.array(z.enum(takeoverTransfers)).optional(),
      takeoverTerms: optionalText("Terms of transfer", 5000),
      growthCapacity: optionalText("Capacity to expand", 5000),
      growthInvestmentNeeded: optionalText("Investment needed", 2000),
    })
    .superRefine(
      (idea, ctx) => {
        if (!complete || !idea || typeof idea !== "object") return;
        const offers = new Set(Array.isArray(idea.diffusionModels) ? idea.diffusionModels : []);
        for (const model of routesWithoutDetail) offers.delete(model);
        for (const model of offers) {
          for (const requirement of requiredRouteDetail[model]) {
            const value = idea[requirement.field];
            if (Array.isArray(value) ? !value.length : !value) ctx.addIssue({ code: "custom", path: [requirement.field], message: requirement.message });
          }
        }
        // Run even when other fields are invalid, so every missing route detail is reported at once.
      },
      { when: () => true },
    );
}

export const ideaFormSchema = ideaFormSchemaFor({ complete: true });

export type IdeaFormValues = z.output<typeof ideaFormSchema>;

/** The routes an idea offers whose detail is missing (what submitting would ask for). */
export function routesMissingDetail(models: readonly DiffusionModel[], details: DiffusionDetails): DiffusionModel[] {
  return models.filter((model) => requiredRouteDetail[model].some((requirement) => !requirement.isSet(details)));
}

export const caseStudyFormSchema = z.object({
  locality: required("the place", 200),
  country: optionalCountryCode(),
  year: z.coerce
    .number({ error: "Enter a year like 2019" })
    .int("Enter a year like 2019")
    .min(1900, "Enter a year from 1900")
    .max(2100, "Enter a year up to 2100")
    .optional(),
  status: z.enum(caseStudyStatuses, { error: "Choose whether it is piloting, adopted or stopped" }),
  outcomes: optionalText("Outcomes", 5000),
  lessons: optionalText("Lessons", 5000),
});
export type CaseStudyFormValues = z.infer<typeof caseStudyFormSchema>;
