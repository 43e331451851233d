// The web server of the e2e tests (playwright.config.ts `webServer`): a fresh production build
// and a fresh DATA_DIR, then scripts/start.ts, which loads the demo data and serves.
//
// Everything lives in E2E_RUN_DIR (tmp/e2e/<port>, one per run): data/ is the DATA_DIR, and
// app/ holds the build (its own build/ and public/build/) instead of the shared ones: anyone
// else running `npm start` or `npm run build` in this working tree replaces the hashed assets
// in public/build, which would break a test run midway (and our build would break their
// server). app/remix.config.js extends the real config with appDirectory pointing at the
// repository's app/, so the code under test is exactly the app's.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const runDir = path.resolve(root, process.env.E2E_RUN_DIR ?? `tmp/e2e/${process.env.PORT ?? "3210"}`);
const appRoot = path.join(runDir, "app");
const dataDir = path.join(runDir, "data");
const fromApp = (file: string) => JSON.stringify(path.relative(appRoot, path.join(root, file)));

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

// Leftovers of runs that were killed (their owner process is gone); other runs are left alone.
const runsDir = path.dirname(runDir);
for (const name of fs.existsSync(runsDir) ? fs.readdirSync(runsDir) : []) {
  const dir = path.join(runsDir, name);
  let owner = 0;
  try {
    owner = Number(fs.readFileSync(path.join(dir, "owner.pid"), "utf8")) || 0;
  } catch {
    // no owner yet: another run may be creating it, unless it is old
  }
  const stale = owner ? !isAlive(owner) : Date.now() - fs.statSync(dir).mtimeMs > 60_000;
  if (dir === runDir || stale) fs.rmSync(dir, { recursive: true, force: true });
}
fs.mkdirSync(path.join(appRoot, "public"), { recursive: true });
fs.writeFileSync(path.join(runDir, "owner.pid"), String(process.pid));
// Removed when the server exits (after start.ts has stopped Meilisearch).
process.on("exit", () => fs.rmSync(runDir, { recursive: true, force: true }));

fs.writeFileSync(
  path.join(appRoot, "remix.config.js"),
  `import base from ${fromApp("remix.config.js")};\nexport default { ...base, appDirectory: ${fromApp("app")} };\n`,
);
// Tailwind finds its sources from its base, by default the working directory: keep it the
// repository root, as in a normal build.
fs.writeFileSync(
  path.join(appRoot, "postcss.config.js"),
  [
    `import config from ${fromApp("postcss.config.js")};`,
    `const base = ${JSON.stringify(root.replace(/\/$/, ""))};`,
    'const tailwind = config.plugins["@tailwindcss/postcss"];',
    'export default { ...config, plugins: { ...config.plugins, "@tailwindcss/postcss": { ...tailwind, base } } };',
    "",
  ].join("\n"),
);
fs.writeFileSync(path.join(appRoot, "tsconfig.json"), `{ "extends": ${fromApp("tsconfig.json")} }\n`);
fs.copyFileSync(path.join(root, "package.json"), path.join(appRoot, "package.json"));
for (const entry of fs.readdirSync(path.join(root, "public"), { withFileTypes: true })) {
  if (entry.name !== "build") fs.cpSync(path.join(root, "public", entry.name), path.join(appRoot, "public", entry.name), { recursive: true });
}
// Paths the server resolves from its working directory (migrations, demo data).
fs.symlinkSync(path.join(root, "db"), path.join(appRoot, "db"), "dir");

const started = Date.now();
try {
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build", appRoot], {
    // Remix's CSS bundling needs the working directory to be the project root.
    cwd: appRoot,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" },
  });
} catch (error) {
  // The build's output (future-flag warnings) is only worth showing when it fails.
  const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
  process.stderr.write(`${stdout ?? ""}${stderr ?? ""}`);
  throw error;
}
console.log(`e2e: built the exchange in ${Date.now() - started} ms`);

process.chdir(appRoot);
process.env.DATA_DIR = dataDir;
process.env.SKIP_BUILD = "1";
// start.ts serves ./build, boots the exchange and stops it (with its Meilisearch) on SIGTERM.
await import(pathToFileURL(path.join(root, "scripts/start.ts")).href);
