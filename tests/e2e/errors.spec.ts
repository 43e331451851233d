import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("an unknown idea shows a 404 page", async ({ page }) => {
  const response = await page.goto("/ideas/no-such-idea-here");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(/not found/i);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("There is no published idea at this address.");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("an unknown address shows a 404 page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(/not found/i);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("If you typed the web address, check it is correct.");
  await expect(page.getByRole("main")).not.toContainText("route");
});

test("a signed-in user's 404 page keeps their header, with or without a matching route", async ({ page }) => {
  await signInAs(page, "broker@demo.example");
  for (const path of ["/no/such/page", "/ideas/no-such-idea-here"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Review queue" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  }
});

test("the ideas API rejects an unknown sector with a 400 JSON message", async ({ request }) => {
  const response = await request.get("/api/ideas?sector=bogus");
  expect(response.status()).toBe(400);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = await response.json();
  expect(typeof body.error).toBe("string");
  expect(body.error).toContain("sector");
  expect(body.error).toContain("bogus");
});

test("the ideas API answers a valid query", async ({ request }) => {
  const response = await request.get("/api/ideas?q=lonelyness&diffusionModel=uncontrolled");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.total).toBeGreaterThan(0);
  for (const hit of body.hits) expect(hit.diffusionModels).toContain("uncontrolled");
});
