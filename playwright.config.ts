// End-to-end tests: a real production build of the exchange, its own Meilisearch server and
// a fresh DATA_DIR (demo data loaded on start), driven through Debian's Chromium.
import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

// The port: E2E_PORT, or a free one picked once per run. A fixed port made two runs on one
// machine (a CI clone and a working tree) meet on it, and one run's tests then hit the other
// run's server. The runner exports the choice, so its workers (which load this file again,
// with the runner's environment) agree on it.
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}
process.env.E2E_PORT ??= freePort();
const PORT = Number(process.env.E2E_PORT);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Per run too: a fresh DATA_DIR (demo data loaded on start) and build, removed on exit.
const RUN_DIR = `./tmp/e2e/${PORT}`;

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
    // tests/e2e/server.ts builds the app into E2E_RUN_DIR/app (isolated from the shared build/
    // that others may rebuild while the tests run), wipes E2E_RUN_DIR/data and runs
    // scripts/start.ts, which loads the demo data. `exec`: tsx heads the process group.
    command: "exec node_modules/.bin/tsx tests/e2e/server.ts",
    url: `${BASE_URL}/healthz`,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      E2E_RUN_DIR: RUN_DIR,
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
