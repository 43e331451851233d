// `npm test`: runs Vitest (unit and integration projects) and then Playwright (e2e), streams
// their output, and ends with one summary line, `N passed, M failed[, K skipped]`, summed
// over both. Exits non-zero if either runner failed or if either ran no tests at all.
// The runners' JSON reports are kept in tmp/vitest.json and tmp/playwright.json.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./lib/browser-preflight";

const VITEST_JSON = "tmp/vitest.json";
const PLAYWRIGHT_JSON = "tmp/playwright.json";

type Counts = { passed: number; failed: number; skipped: number; problems: string[] };

let current: ReturnType<typeof spawn> | null = null;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // The runners shut down their own servers: pass the signal on and stop after this runner.
    // (Ctrl-C already reaches the whole process group; a SIGTERM sent to us alone does not.)
    interrupted = true;
    if (signal === "SIGTERM") current?.kill(signal);
  });
}

function run(label: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n▶ ${label}: node ${args.join(" ")}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } });
    current = child;
    child.on("error", (error) => {
      console.error(`${label} could not start: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runners' JSON reports, read field by field with fallbacks
function readJson(file: string): any | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function vitestCounts(exitCode: number): Counts {
  const report = readJson(VITEST_JSON);
  const counts: Counts = { passed: 0, failed: 0, skipped: 0, problems: [] };
  if (!report) {
    counts.failed = 1;
    counts.problems.push(`vitest wrote no report to ${VITEST_JSON} (exit code ${exitCode})`);
    return counts;
  }
  counts.passed = report.numPassedTests ?? 0;
  counts.failed = report.numFailedTests ?? 0;
  counts.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const failedFiles = (report.testResults ?? []).filter(
    (file: { status: string; assertionResults?: { status: string }[] }) =>
      file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  );
  if (failedFiles.length) {
    // A file that fails to load or in a hook has no failed test to count: count the file.
    counts.failed += failedFiles.length;
    counts.problems.push(`vitest: ${failedFiles.length} test file(s) failed outside any test`);
  }
  if ((report.numTotalTests ?? 0) === 0) counts.problems.push("vitest ran no tests");
  if (exitCode !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.problems.push(`vitest exited with code ${exitCode}`);
  }
  return counts;
}

function playwrightCounts(exitCode: number): Counts {
  const report = readJson(PLAYWRIGHT_JSON);
  const counts: Counts = { passed: 0, failed: 0, skipped: 0, problems: [] };
  if (!report?.stats) {
    counts.failed = 1;
    counts.problems.push(`playwright wrote no report to ${PLAYWRIGHT_JSON} (exit code ${exitCode})`);
    return counts;
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  counts.passed = expected + flaky;
  counts.failed = unexpected;
  counts.skipped = skipped;
  if (flaky) counts.problems.push(`playwright: ${flaky} flaky test(s) passed only on retry`);
  const errors: { message?: string }[] = report.errors ?? [];
  if (errors.length) {
    // Errors outside tests (the web server did not start, a file failed to load…).
    counts.failed += errors.length;
    counts.problems.push(`playwright: ${errors.length} error(s) outside tests: ${errors.map((e) => (e.message ?? "").split("\n")[0]).join("; ")}`);
  }
  if (expected + unexpected + flaky + skipped === 0) counts.problems.push("playwright ran no tests");
  if (exitCode !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.problems.push(`playwright exited with code ${exitCode}`);
  }
  return counts;
}

// Checked first, so a missing browser is one clear message rather than every browser test failing.
const chromium = ensureChromium();
if (!chromium.ok) {
  console.error(`\n! ${chromium.message}\nNo tests were run.`);
  process.exit(1);
}
if (chromium.installed) console.log(`Installed Chromium at ${chromium.path}.`);

fs.mkdirSync("tmp", { recursive: true });
for (const file of [VITEST_JSON, PLAYWRIGHT_JSON]) fs.rmSync(file, { force: true });

const started = Date.now();
const vitestExit = await run("vitest", [
  path.resolve("node_modules/vitest/vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${VITEST_JSON}`,
]);
const vitest = vitestCounts(vitestExit);
if (interrupted) {
  console.log("Interrupted.");
  process.exit(130);
}

const playwrightExit = await run("playwright", [path.resolve("node_modules/@playwright/test/cli.js"), "test"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON,
});
const playwright = playwrightCounts(playwrightExit);

const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log("");
console.log(`vitest: ${vitest.passed} passed, ${vitest.failed} failed, ${vitest.skipped} skipped (exit ${vitestExit})`);
console.log(`playwright: ${playwright.passed} passed, ${playwright.failed} failed, ${playwright.skipped} skipped (exit ${playwrightExit})`);
for (const problem of [...vitest.problems, ...playwright.problems]) console.log(`! ${problem}`);
console.log(`(${seconds} s)`);

const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed;
const skipped = vitest.skipped + playwright.skipped;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);

const ranNothing = vitest.passed + vitest.failed === 0 || playwright.passed + playwright.failed === 0;
const ok = vitestExit === 0 && playwrightExit === 0 && failed === 0 && !ranNothing && !interrupted;
process.exit(ok ? 0 : 1);
