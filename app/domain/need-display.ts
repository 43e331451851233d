// A need's budget and deadline in words, for its pages, the broker's review and matches. Pure.
const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export function budgetText(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return `${pounds.format(min)} to ${pounds.format(max)}`;
  if (max !== null) return `up to ${pounds.format(max)}`;
  if (min !== null) return `from ${pounds.format(min)}`;
  return null;
}

export function deadlineText(deadline: string | null): string | null {
  if (!deadline) return null;
  return new Date(`${deadline}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
