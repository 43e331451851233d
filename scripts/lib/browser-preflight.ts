// Before the browser tests: make sure the Chromium that Playwright drives is there. On a fresh
// Debian machine run as root it installs Debian's `chromium` (as .ci/run does); anywhere else it
// says exactly what is missing and how to get it, instead of every browser test failing alike.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export type PreflightResult = { ok: true; path: string; installed: boolean } | { ok: false; path: string; message: string };

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function canInstallWithApt(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && isExecutable("/usr/bin/apt-get");
}

function apt(args: string[]): boolean {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

/** Finds Chromium at CHROMIUM_PATH (default /usr/bin/chromium), installing Debian's package when it can. */
export function ensureChromium(env: Record<string, string | undefined> = process.env): PreflightResult {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  if (isExecutable(path)) return { ok: true, path, installed: false };
  const howTo = `Install it with \`sudo apt-get update && sudo apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
  if (env.CHROMIUM_PATH) return { ok: false, path, message: `CHROMIUM_PATH is set to ${path}, which is not an executable file. ${howTo}` };
  if (env.SKIP_BROWSER_INSTALL === "1" || !canInstallWithApt()) {
    return { ok: false, path, message: `The end-to-end tests need Chromium at ${path} and it is not there. ${howTo}` };
  }
  console.log(`Chromium is not at ${path}: installing Debian's chromium package (apt-get, about 30 s)…`);
  if (!apt(["update"]) || !apt(["install", "-y", "--no-install-recommends", "chromium"]) || !isExecutable(path)) {
    return { ok: false, path, message: `Installing Chromium with apt-get failed (see above). ${howTo}` };
  }
  return { ok: true, path, installed: true };
}
