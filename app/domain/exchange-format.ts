// The JSON exchange format of shared/DOMAIN.md: validation shared by the CLI import,
// the demo loader and the forms. Unknown keys are rejected; every problem is reported.
import { z } from "zod";
import { caseStudyStatuses, diffusionModels, evidenceLevels, fundingRoutes, lifecyclePhases, sectors, typologies } from "./vocabulary";

export const slugSchema = z
  .string()
  .min(3, "must be at least 3 characters")
  .max(120, "must be at most 120 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens, e.g. nurse-family-partnership");

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be a two-letter ISO 3166 country code such as GB")
  .optional();
const uniqueList = <T extends z.ZodType>(item: T, label: string) =>
  z.array(item).refine((values) => new Set(values).size === values.length, `must not repeat a ${label}`);

export const caseStudyFormat = z.strictObject({
  locality: text(200),
  country,
  year: z.int("must be a whole year such as 2019").min(1900, "must be 1900 or later").max(2100, "must be 2100 or earlier").optional(),
  status: z.enum(caseStudyStatuses, `must be one of ${caseStudyStatuses.join(", ")}`),
  outcomes: optionalText(5000),
  lessons: optionalText(5000),
});

export const ideaFormat = z.strictObject({
  slug: slugSchema,
  title: text(200),
  summary: text(2000),
  problem: optionalText(10000),
  solution: optionalText(10000),
  evidence: optionalText(10000),
  evidenceLevel: z.int("must be a whole number from 1 to 5").min(1, "must be from 1 to 5").max(evidenceLevels.length, "must be from 1 to 5").optional(),
  sectors: uniqueList(z.enum(sectors, `must be one of ${sectors.join(", ")}`), "sector").min(1, "must name at least one sector"),
  typology: uniqueList(z.enum(typologies, `must be one of ${typologies.join(", ")}`), "typology").optional(),
  diffusionModels: uniqueList(z.enum(diffusionModels, `must be one of ${diffusionModels.join(", ")}`), "diffusion model").min(
    1,
    "must offer at least one diffusion model",
  ),
  lifecyclePhase: z.enum(lifecyclePhases, `must be one of ${lifecyclePhases.join(", ")}`).optional(),
  origin: z.strictObject({ locality: optionalText(200), country }).optional(),
  organisation: optionalText(200),
  costs: optionalText(5000),
  tags: z.array(text(60)).max(20, "must have at most 20 tags").optional(),
  caseStudies: z.array(caseStudyFormat).max(50, "must have at most 50 case studies").optional(),
});
export type IdeaFormat = z.infer<typeof ideaFormat>;
export type CaseStudyFormat = z.infer<typeof caseStudyFormat>;

const money = z.int("must be a whole number of pounds").min(0, "must not be negative").max(1_000_000_000, "is implausibly large");

export const needFormat = z
  .strictObject({
    slug: slugSchema,
    title: text(200),
    problem: text(10000),
    outcomes: optionalText(5000),
    sectors: uniqueList(z.enum(sectors, `must be one of ${sectors.join(", ")}`), "sector").min(1, "must name at least one sector"),
    locality: optionalText(200),
    country,
    budgetMin: money.optional(),
    budgetMax: money.optional(),
    fundingRoutes: uniqueList(z.enum(fundingRoutes, `must be one of ${fundingRoutes.join(", ")}`), "funding route").optional(),
    diffusionModels: uniqueList(z.enum(diffusionModels, `must be one of ${diffusionModels.join(", ")}`), "diffusion model").optional(),
    deadline: z.iso.date("must be a date written YYYY-MM-DD").optional(),
  })
  .refine((need) => need.budgetMin === undefined || need.budgetMax === undefined || need.budgetMin <= need.budgetMax, {
    message: "must not be less than budgetMin",
    path: ["budgetMax"],
  });
export type NeedFormat = z.infer<typeof needFormat>;

export type FormatProblem = { index: number | null; slug: string | null; key: string; message: string };

export type FormatResult<T> = { ok: true; items: T[] } | { ok: false; problems: FormatProblem[] };

function slugAt(data: unknown, index: number): string | null {
  if (!Array.isArray(data)) return null;
  const item = data[index];
  if (item && typeof item === "object" && typeof (item as { slug?: unknown }).slug === "string") {
    return (item as { slug: string }).slug;
  }
  return null;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === "unrecognized_keys") return `is not a key of the exchange format`;
  if (issue.code === "invalid_type" && valueAt(data, issue.path) === undefined) return "is required";
  return issue.message;
}

/**
 * Validates a whole import file. Problems carry the item's index, its slug when it has
 * one, and the dotted key path (e.g. `caseStudies.0.status`).
 */
export function validateExchangeFile<T extends z.ZodType>(schema: T, data: unknown): FormatResult<z.infer<T>> {
  if (!Array.isArray(data)) {
    return { ok: false, problems: [{ index: null, slug: null, key: "(file)", message: "must be a JSON array of items" }] };
  }
  const problems: FormatProblem[] = [];
  const items: z.infer<T>[] = [];
  const firstIndexOfSlug = new Map<string, number>();
  data.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    const slug = slugAt(data, index);
    if (result.success) {
      items.push(result.data);
    } else {
      for (const issue of result.error.issues) {
        const base = issue.path.map(String).join(".");
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) {
            problems.push({ index, slug, key: base ? `${base}.${key}` : key, message: describe(issue, raw) });
          }
        } else {
          problems.push({ index, slug, key: base || "(item)", message: describe(issue, raw) });
        }
      }
    }
    if (slug !== null) {
      const earlier = firstIndexOfSlug.get(slug);
      if (earlier !== undefined) {
        problems.push({ index, slug, key: "slug", message: `repeats the slug of item ${earlier}` });
      } else {
        firstIndexOfSlug.set(slug, index);
      }
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, items };
}

export function formatProblem(problem: FormatProblem): string {
  const where = problem.index === null ? "file" : `item ${problem.index}${problem.slug ? ` (${problem.slug})` : ""}`;
  return `${where}: ${problem.key} ${problem.message}`;
}
