import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import crypto from "node:crypto";

/** The demo data loaded into the e2e server's fresh DATA_DIR (app/models/demo-data.server.ts). */
export const demoPassword = "exchange-demo-2026";

/** An email address no other test (or earlier run against the same data) has used. */
export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString("hex")}@example.org`;
}

export const newPassword = "correct horse battery staple";

export async function signUp(page: Page, options: { email: string; name?: string; role?: "innovator" | "commissioner"; organisation?: string }) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(options.name ?? "Eve Example");
  await page.getByLabel("Email address").fill(options.email);
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByLabel(options.role === "commissioner" ? /commission services/ : /publish ideas/).check();
  if (options.organisation) await page.getByLabel("Organisation (optional)").fill(options.organisation);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in as a demo account (demo password) and waits until the sign-in page has been left. */
export async function signInAs(page: Page, email: string) {
  await page.goto("/signin");
  await signIn(page, email, demoPassword);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe on the whole page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replace(/\n/g, " ")}`).join("\n"),
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Waits until React has hydrated the page, so that clicks reach its handlers (the pages
 * also work without JavaScript, but then a test would exercise the wrong path).
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const last = document.querySelector("footer a");
    return !!last && Object.keys(last).some((key) => key.startsWith("__reactProps$"));
  });
}
