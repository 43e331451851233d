import { expect, test, type Page } from "@playwright/test";
import { newPassword, signIn, signUp, uniqueEmail, waitForHydration } from "./helpers";

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test.describe("accounts", () => {
  test("an innovator signs up, signs out, fails with a wrong password and signs in again", async ({ page }) => {
    const email = uniqueEmail("innovator");
    await signUp(page, { email, name: "Ivy Innovator", role: "innovator", organisation: "Shed Network" });

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(email);
    await expect(page.getByRole("main")).toContainText("innovator");
    await expect(mainNav(page).getByRole("link", { name: /Ivy Innovator/ })).toBeVisible();

    await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(mainNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: /Ivy Innovator/ })).toHaveCount(0);

    await mainNav(page).getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await waitForHydration(page);
    await signIn(page, email, "not the right password");
    await expect(page.getByRole("alert")).toContainText("The email address or password is not correct");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(mainNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveValue(email);

    await signIn(page, email, newPassword);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("main")).toContainText(email);
    await expect(mainNav(page).getByRole("link", { name: /Ivy Innovator/ })).toBeVisible();
  });

  test("a sign-up with invalid input shows field errors and creates nothing", async ({ page }) => {
    const email = uniqueEmail("invalid");
    await page.goto("/signup");
    await waitForHydration(page);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/signup$/);
    const name = page.getByLabel("Your name");
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription(/Enter your name/);
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Password must be at least 8 characters/);
    await expect(page.getByRole("group", { name: "How will you use the exchange?" })).toContainText("Choose whether you publish ideas or commission services");
    await expect(page.getByLabel("Email address")).not.toHaveAttribute("aria-invalid", "true");

    // Nothing was created: the same address can still sign up.
    await signUp(page, { email, role: "commissioner", name: "Cora Commissioner" });
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("main")).toContainText(email);
    await expect(page.getByRole("main")).toContainText("commissioner");
  });

  test("an email address can only sign up once", async ({ page, browser }) => {
    const email = uniqueEmail("twice");
    await signUp(page, { email });
    await expect(page).toHaveURL(/\/account$/);

    const other = await browser.newPage();
    try {
      await signUp(other, { email });
      await expect(other).toHaveURL(/\/signup$/);
      await expect(other.getByLabel("Email address")).toHaveAccessibleDescription(/already exists/);
    } finally {
      await other.close();
    }
  });
});

test.describe("accounts without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server rejects an invalid sign-up with field errors and creates nothing", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("   ");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByLabel("Your name")).toHaveAccessibleDescription(/Enter your name/);
    await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/at least 8 characters/);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    await expect(page.getByRole("group", { name: "How will you use the exchange?" })).toContainText("Choose whether");
    // The error summary comes first and links each problem to its field, without JavaScript too.
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Enter your name" })).toHaveAttribute("href", /#.+-displayName$/);
    await expect(summary.getByRole("link", { name: /Choose whether/ })).toBeVisible();
    await summary.getByRole("link", { name: "Enter your name" }).click();
    await expect(page).toHaveURL(/#.+-displayName$/);
    // The valid answer is kept.
    await expect(page.getByLabel("Email address")).toHaveValue(email);

    await signUp(page, { email });
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("main")).toContainText(email);
  });
});

test.describe("signed-out access", () => {
  test("/account sends a visitor to sign in and back again", async ({ page, browser }) => {
    const email = uniqueEmail("redirect");
    // Create the account in another context, so this page stays signed out.
    const setup = await browser.newPage();
    try {
      await signUp(setup, { email });
      await expect(setup).toHaveURL(/\/account$/);
    } finally {
      await setup.close();
    }

    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await waitForHydration(page);
    await signIn(page, email, newPassword);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("main")).toContainText(email);

    // Signed in, the sign-in page itself moves on to the account.
    await page.goto("/signin");
    await expect(page).toHaveURL(/\/account$/);
  });

  test("an off-site redirectTo is ignored", async ({ page, browser }) => {
    const email = uniqueEmail("offsite");
    const setup = await browser.newPage();
    try {
      await signUp(setup, { email });
      await expect(setup).toHaveURL(/\/account$/);
    } finally {
      await setup.close();
    }
    await page.goto(`/signin?redirectTo=${encodeURIComponent("//evil.example/steal")}`);
    await waitForHydration(page);
    await signIn(page, email, newPassword);
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/account$/);
  });
});
