// The admins' forms: a user's role and organisation, organisations. Pure.
import { slugify } from "./slug";
import { z } from "zod";
import { roles } from "./vocabulary";

export const roleLabels = { innovator: "Innovator", commissioner: "Commissioner", broker: "Broker", admin: "Admin" } as const;

export const userAccountSchema = z.object({
  intent: z.literal("update-user"),
  userId: z.string().min(1).max(64),
  role: z.enum(roles, { error: "Choose a role" }),
  // An empty choice means "no organisation".
  organisationId: z.number().int().positive().optional(),
});

const organisationName = z
  .string({ error: "Enter the organisation's name" })
  .trim()
  .min(2, "Enter the organisation's name (at least 2 characters)")
  .max(120, "Keep the name to 120 characters or fewer");

export const createOrganisationSchema = z.object({
  intent: z.literal("create"),
  name: organisationName,
});

export const renameOrganisationSchema = z.object({
  intent: z.literal("rename"),
  organisationId: z.number().int().positive(),
  name: organisationName,
});

/** An organisation's web address from its name: "Northshire County Council" -> "northshire-county-council". */
export function organisationSlug(name: string): string {
  return slugify(name, "organisation");
}

export const USERS_PER_PAGE = 50;

export const userListSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});
