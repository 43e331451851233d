// A production build of the exchange, served by the real server (scripts/start.ts → scripts/
// server.ts) on loopback, for the tests that must go through real HTTP: headers, the Origin
// check, cookies, rendered pages and the client assets.
//
// The build goes to tmp/prod-build/<hash of the sources>/ (like tests/e2e/server.ts, never
// the shared build/ and public/build that others may be rebuilding) and is reused while the
// sources are unchanged, so only the first run after a change pays for it (~10 s).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { makeDataDir, repoRoot, testEnvSource } from "./helpers";
import { freePort } from "../../scripts/lib/free-port";

const buildsDir = path.join(repoRoot, "tmp/prod-build");

function hashSources(): string {
  const hash = crypto.createHash("sha256");
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) hash.update(path.relative(repoRoot, full)).update(fs.readFileSync(full));
    }
  };
  for (const dir of ["app", "db", "search", "public"]) visit(path.join(repoRoot, dir === "public" ? "public" : dir));
  for (const file of ["remix.config.js", "postcss.config.js", "package-lock.json"]) hash.update(fs.readFileSync(path.join(repoRoot, file)));
  return hash.digest("hex").slice(0, 16);
}

function prepareAppRoot(appRoot: string) {
  fs.mkdirSync(path.join(appRoot, "public"), { recursive: true });
  fs.writeFileSync(
    path.join(appRoot, "remix.config.js"),
    'import base from "../../../remix.config.js";\nexport default { ...base, appDirectory: "../../../app" };\n',
  );
  // Tailwind finds its sources from its base: the repository root, as in a normal build.
  fs.writeFileSync(
    path.join(appRoot, "postcss.config.js"),
    [
      'import config from "../../../postcss.config.js";',
      `const base = ${JSON.stringify(repoRoot.replace(/\/$/, ""))};`,
      'const tailwind = config.plugins["@tailwindcss/postcss"];',
      'export default { ...config, plugins: { ...config.plugins, "@tailwindcss/postcss": { ...tailwind, base } } };',
      "",
    ].join("\n"),
  );
  fs.writeFileSync(path.join(appRoot, "tsconfig.json"), '{ "extends": "../../../tsconfig.json" }\n');
  fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(appRoot, "package.json"));
  for (const entry of fs.readdirSync(path.join(repoRoot, "public"), { withFileTypes: true })) {
    if (entry.name !== "build") fs.cpSync(path.join(repoRoot, "public", entry.name), path.join(appRoot, "public", entry.name), { recursive: true });
  }
  // Paths the server resolves from its working directory (migrations).
  fs.symlinkSync(path.join(repoRoot, "db"), path.join(appRoot, "db"), "dir");
}

/** The directory of an up-to-date production build (build/ and public/build/ inside it). */
export function ensureProductionBuild(): string {
  const hash = hashSources();
  const appRoot = path.join(buildsDir, hash);
  if (fs.existsSync(path.join(appRoot, "build/index.js"))) return appRoot;
  // Build beside it and rename into place, so a concurrent run never sees half a build.
  const staging = `${appRoot}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  prepareAppRoot(staging);
  try {
    execFileSync(process.execPath, [path.join(repoRoot, "node_modules/@remix-run/dev/dist/cli.js"), "build", staging], {
      cwd: staging,
      stdio: "pipe",
      env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`remix build failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  try {
    fs.renameSync(staging, appRoot);
  } catch {
    // Another run finished the same build first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  // Older builds: keep the directory small (a build of a minute ago may still be in use).
  for (const name of fs.readdirSync(buildsDir)) {
    const full = path.join(buildsDir, name);
    if (name !== hash && Date.now() - fs.statSync(full).mtimeMs > 60 * 60_000) fs.rmSync(full, { recursive: true, force: true });
  }
  return appRoot;
}

export type ProductionServer = { url: string; dataDir: string; appRoot: string; output: () => string; stop: () => Promise<void> };

/** Starts `npm start` (without its build step) on a fresh DATA_DIR and waits for /healthz. */
export async function startProductionServer(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ProductionServer> {
  const appRoot = ensureProductionBuild();
  const dataDir = makeDataDir("exchange-http");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(repoRoot, "scripts/start.ts")], {
    cwd: appRoot,
    env: { ...testEnvSource(dataDir), NODE_ENV: "production", SKIP_BUILD: "1", HOST: "127.0.0.1", PORT: String(port), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, dataDir, appRoot, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`The production server did not start:\n${output}`);
}
