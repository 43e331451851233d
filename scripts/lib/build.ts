// The production build as `npm start` and `npm run bench` use it: rebuilt when it is missing
// or older than the sources.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsStale(): boolean {
  const built = fs.existsSync("build/index.js") ? fs.statSync("build/index.js").mtimeMs : 0;
  const sources = Math.max(...["app", "db", "search"].map(newestMtime));
  return built < sources || !fs.existsSync("public/build");
}

/** Runs `remix build` for production; `quiet` captures its output (thrown with the error on failure). */
export function buildForProduction(options: { quiet?: boolean } = {}): void {
  try {
    execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`remix build failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
