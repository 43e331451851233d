// Zod fields the owners' forms (ideas, their case studies, needs) share, with their messages.
// Shared by the server and the browser.
import { z } from "zod";

/** Text that may be left blank, up to `max` characters; `label` names it in the message. */
export const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional();

/** A two-letter country code, like GB, that may be left blank. */
export const optionalCountryCode = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Enter a two-letter country code, like GB")
    .optional();

/** The form's optional fields as row columns: what was left blank is null. */
export function nullWhereBlank<Values extends object, Key extends keyof Values>(values: Values, keys: readonly Key[]) {
  return Object.fromEntries(keys.map((key) => [key, values[key] ?? null])) as { [K in Key]: Exclude<Values[K], undefined> | null };
}

/** A row's optional columns as the form's fields: what is null is blank. */
export function blankWhereNull<Row extends object, Key extends keyof Row>(row: Row, keys: readonly Key[]) {
  return Object.fromEntries(keys.map((key) => [key, row[key] ?? ""])) as { [K in Key]: Exclude<Row[K], null> | "" };
}

/** The message for text that is too long, naming it: "Keep the reason to 2000 characters or fewer". */
const keepWithin = (name: string, max: number) => `Keep the ${name} to ${max} characters or fewer`;

/** Text that must be written: `missing` says what to write when it is not. */
export const writtenText = (missing: string, name: string, max: number) => z.string({ error: missing }).trim().min(1, missing).max(max, keepWithin(name, max));

/** Text that may be left out (a note, a reason not always owed). */
export const unrequiredText = (name: string, max: number) => z.string().trim().max(max, keepWithin(name, max)).optional();
