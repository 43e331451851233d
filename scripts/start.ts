// `npm start`: builds if the build is missing or older than the sources, then serves the
// exchange (loading the demo data into an empty database unless DEMO_DATA=0).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer } from "./server";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const built = fs.existsSync("build/index.js") ? fs.statSync("build/index.js").mtimeMs : 0;
  const sources = Math.max(...["app", "db", "search"].map(newestMtime));
  if (built >= sources && fs.existsSync("public/build")) return;
  console.log("Building the exchange…");
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" },
  });
}

process.env.NODE_ENV ??= "production";
if (process.env.SKIP_BUILD !== "1") buildIfNeeded();
const { close, url } = await startServer();
console.log(`Innovation Exchange listening on ${url.replace("127.0.0.1", "localhost")}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
