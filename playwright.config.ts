// End-to-end tests: a real production build of the exchange, its own Meilisearch server and
// a fresh DATA_DIR (demo data loaded on start), driven through Debian's Chromium.
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATA_DIR = "./tmp/e2e-data";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tmp/playwright-results",
  // Files run in parallel on two workers (this is a 2-core machine); tests inside a file run in order.
  workers: 2,
  fullyParallel: false,
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "tmp/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-GB",
    timezoneId: "Europe/London",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // tests/e2e/server.ts wipes DATA_DIR, builds the app into tmp/e2e-app (isolated from the
    // shared build/ that others may rebuild while the tests run) and runs scripts/start.ts,
    // which loads the demo data. `exec` makes tsx the process at the head of the group.
    command: "exec node_modules/.bin/tsx tests/e2e/server.ts",
    url: `${BASE_URL}/healthz`,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR,
      NODE_ENV: "production",
      DEMO_DATA: "1",
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    // Playwright sends SIGTERM to the server's process group (tsx, the node process it runs,
    // Meilisearch) and waits; scripts/start.ts closes the server and stops Meilisearch.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
