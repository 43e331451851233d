// The one place Meilisearch filter expressions are written. Values are always quoted and
// escaped, so a value from a URL or a need can never change the expression's meaning.

/** A filter as Meilisearch takes it: clauses ANDed, an inner list ORed. */
export type MeiliFilter = (string | string[])[];

export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `field = value`: numbers bare, strings quoted. */
export function equals(field: string, value: string | number): string {
  return `${field} = ${typeof value === "number" ? value : quoteFilterValue(value)}`;
}

/** Any of the values (an OR group); empty when there are none. */
export function anyOf(field: string, values: readonly (string | number)[]): string[] {
  return values.map((value) => equals(field, value));
}

/** Clauses ANDed, skipping empty OR groups. */
export function allOf(...clauses: (string | string[] | null | undefined)[]): MeiliFilter {
  return clauses.filter((clause): clause is string | string[] => (Array.isArray(clause) ? clause.length > 0 : !!clause));
}

export const PUBLISHED_IDEAS = equals("status", "published");
export const OPEN_NEEDS = equals("status", "open");
