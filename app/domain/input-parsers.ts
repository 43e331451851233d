// What people type for money and dates, read one way everywhere: by the forms' zod schemas
// (so the server and the browser's check agree) and by the need form's live quality check.
// Each parser returns the value or a message saying what to type instead.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MULTIPLIERS: Record<string, number> = { k: 1_000, thousand: 1_000, m: 1_000_000, million: 1_000_000, bn: 1_000_000_000, billion: 1_000_000_000 };

/**
 * A sum in whole pounds: `20000`, `£20,000`, `£50k`, `£1.5m`, `20 000`, `£20,000.00`.
 * `label` names the sum in messages, like "the lowest budget".
 */
export function parseMoney(input: string, label: string): Parsed<number> {
  const example = `Enter ${label} in pounds, like £50,000 or £50k`;
  const text = input
    .trim()
    .toLowerCase()
    .replace(/^gbp\s*/, "")
    .replace(/\s*gbp$/, "");
  const match = /^(-)?\s*£?\s*(\d[\d,\s]*(?:\.\d+)?|\.\d+)\s*(k|thousand|m|million|bn|billion)?$/.exec(text);
  if (!match) return { ok: false, message: example };
  const [, minus, digits, suffix] = match;
  const grouped = digits.replace(/[\s,]/g, "");
  // Commas must group thousands: "2,00" is a typo, not 200.
  if (/,/.test(digits) && !/^\d{1,3}(,\d{3})*(\.\d+)?$/.test(digits.replace(/\s/g, ""))) return { ok: false, message: example };
  const amount = Number(grouped) * (suffix ? MULTIPLIERS[suffix] : 1);
  if (!Number.isFinite(amount)) return { ok: false, message: example };
  if (minus) return { ok: false, message: `${capitalise(label)} must not be negative` };
  const pounds = Math.round(amount * 100) / 100;
  if (!Number.isInteger(pounds)) return { ok: false, message: `Enter ${label} in whole pounds, like £50,000` };
  if (pounds > 1_000_000_000) return { ok: false, message: `${capitalise(label)} must be £1bn or less` };
  return { ok: true, value: pounds };
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function monthNumber(text: string): number | null {
  const value = text.trim().toLowerCase().replace(/\.$/, "");
  if (/^\d{1,2}$/.test(value)) return Number(value);
  if (value.length < 3) return null;
  const index = MONTHS.findIndex((month) => month.startsWith(value) || (value === "sept" && month === "september"));
  return index === -1 ? null : index + 1;
}

export type DateParts = { day?: string; month?: string; year?: string };

/**
 * A date from the GOV.UK date input's three boxes, in the GOV.UK pattern's messages. A whole
 * date typed or pasted into the day box (`31/12/2026`, `31-12-2026`, `31 December 2026`,
 * `2026-12-31`) is read too. Returns the ISO date (YYYY-MM-DD), or null when all are empty.
 * `label` starts the messages, like "The deadline".
 */
export function parseDateParts(parts: DateParts, label: string): Parsed<string | null> {
  let day = (parts.day ?? "").trim();
  let month = (parts.month ?? "").trim();
  let year = (parts.year ?? "").trim();
  if (!day && !month && !year) return { ok: true, value: null };
  if (day && !month && !year) {
    const whole = splitWholeDate(day);
    if (whole) ({ day, month, year } = whole);
  }
  const missing = [!day && "a day", !month && "a month", !year && "a year"].filter(Boolean) as string[];
  if (missing.length) return { ok: false, message: `${label} must include ${missing.join(" and ")}` };
  const monthValue = monthNumber(month);
  if (!/^\d{1,2}$/.test(day) || monthValue === null || !/^\d+$/.test(year)) return { ok: false, message: `${label} must be a real date` };
  if (year.length !== 4) return { ok: false, message: "Year must include 4 numbers" };
  const date = new Date(Date.UTC(Number(year), monthValue - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== monthValue - 1 || date.getUTCDate() !== Number(day)) {
    return { ok: false, message: `${label} must be a real date` };
  }
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

function splitWholeDate(text: string): Required<DateParts> | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return { year: iso[1], month: iso[2], day: iso[3] };
  const dmy = /^(\d{1,2})[\s/.-]+([a-z]+\.?|\d{1,2})[\s/.-]+(\d{2,4})$/i.exec(text);
  if (dmy) return { day: dmy[1], month: dmy[2], year: dmy[3] };
  return null;
}

/** The ISO date's parts, to fill the three boxes again. */
export function datePartsOf(iso: string | null | undefined): Required<DateParts> {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return { day: "", month: "", year: "" };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
