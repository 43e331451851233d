// `npm run load`: 50 concurrent users on the production build for 60 s, each visit a mix of
// browsing, searching, signing in, posting a draft idea and signing out; reports requests,
// throughput, latency percentiles (p95 included) and errors, and exits non-zero on any error.
// Outside `npm test`. Traffic goes to loopback only.
//
//   npm run load                       # builds if needed, starts its own server on a fresh DATA_DIR
//   npm run load -- --connections 20 --duration 30
//   npm run load -- --url http://127.0.0.1:3000   # an exchange already running (demo data loaded)
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { Command } from "commander";
import { freePort } from "./lib/free-port";

const options = new Command()
  .name("load")
  .option("--connections <n>", "concurrent users", "50")
  .option("--duration <seconds>", "how long to run", "60")
  .option("--url <url>", "a running exchange on loopback (default: start one)")
  .parse()
  .opts<{ connections: string; duration: string; url?: string }>();

const connections = Number(options.connections);
const duration = Number(options.duration);
const password = "load test passphrase 2026";

/** `npm start` on a fresh DATA_DIR with the demo data; resolves once /healthz answers. */
async function startExchange(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = path.resolve("tmp/load-data");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its own Meilisearch in DATA_DIR, whatever the shell says.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, DEMO_DATA: "1", HOST: "127.0.0.1", PORT: String(port) };
  delete env.MEILI_HOST;
  delete env.MEILI_MASTER_KEY;
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, stop };
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("The exchange did not start");
}

function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (!(host === "localhost" || host === "[::1]" || /^127\./.test(host))) throw new Error(`--url must be on loopback, not ${host}`);
}

/** One innovator account per concurrent user, made through the sign-up form. */
async function createUsers(url: string, count: number): Promise<string[]> {
  const stamp = Date.now().toString(36);
  const emails = Array.from({ length: count }, (_, index) => `load-${stamp}-${index}@load.example`);
  for (let start = 0; start < emails.length; start += 4) {
    await Promise.all(
      emails.slice(start, start + 4).map(async (email, offset) => {
        const body = new URLSearchParams({ displayName: `Load user ${start + offset}`, email, password, role: "innovator" });
        const response = await fetch(`${url}/signup`, { method: "POST", body, headers: { Origin: url }, redirect: "manual" });
        if (response.status !== 302) throw new Error(`sign-up of ${email} answered ${response.status}`);
      }),
    );
  }
  return emails;
}

type Step = {
  name: string;
  method: "GET" | "POST";
  path: (context: Visit) => string;
  form?: (context: Visit) => Record<string, string | string[]>;
  signedIn?: boolean;
  expect: number;
};
type Visit = { user?: number; cookie?: string; term?: string; slug?: string };

const terms = ["care", "school", "health", "volunteer", "housing", "energy", "youth", "repair", "loneliness", "transport"];
const slugs = (JSON.parse(fs.readFileSync("db/demo/ideas.json", "utf8")) as { slug: string }[]).map((idea) => idea.slug);
const pick = <T>(values: T[]) => values[Math.floor(Math.random() * values.length)];

const steps: Step[] = [
  { name: "home", method: "GET", path: () => "/", expect: 200 },
  { name: "search ideas", method: "GET", path: (visit) => `/ideas?q=${visit.term}`, expect: 200 },
  { name: "idea page", method: "GET", path: (visit) => `/ideas/${visit.slug}`, expect: 200 },
  { name: "search needs", method: "GET", path: (visit) => `/needs?q=${visit.term}`, expect: 200 },
  { name: "sign in", method: "POST", path: () => "/signin", form: (visit) => ({ email: emails[visit.user!], password }), expect: 302 },
  { name: "account", method: "GET", path: () => "/account", signedIn: true, expect: 200 },
  {
    name: "post a draft",
    method: "POST",
    path: () => "/my/ideas/new",
    signedIn: true,
    form: (visit) => ({
      title: `Load-tested ${visit.term} idea ${Math.random().toString(36).slice(2, 8)}`,
      summary: `A ${visit.term} service tried under load.`,
      sectors: ["ageing"],
      diffusionModels: ["uncontrolled"],
      uncontrolledLicence: "CC BY 4.0",
      intent: "save",
    }),
    expect: 302,
  },
  { name: "API search", method: "GET", path: (visit) => `/api/ideas?q=${visit.term}`, expect: 200 },
  { name: "sign out", method: "POST", path: () => "/signout", signedIn: true, expect: 302 },
];

let emails: string[] = [];
let nextUser = 0;
const perStep = new Map<string, { count: number; unexpected: Map<number, number> }>(steps.map((step) => [step.name, { count: 0, unexpected: new Map() }]));

let server: { url: string; stop: () => Promise<void> } | null = null;
let exitCode = 0;
try {
  if (options.url) assertLoopback(options.url);
  server = options.url ? { url: options.url.replace(/\/$/, ""), stop: async () => {} } : await startExchange();
  const { url } = server;
  console.log(`Load: ${connections} users for ${duration} s against ${url}`);
  emails = await createUsers(url, connections);

  const latencies: number[] = [];
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url,
      connections,
      duration,
      timeout: 30,
      requests: steps.map((step, index) => ({
        method: step.method,
        setupRequest: (request: autocannon.Request, context: Visit) => {
          if (index === 0) {
            // A new visit: the next user of the pool, a search term and an idea to look at.
            context.user = nextUser++ % emails.length;
            context.term = pick(terms);
            context.slug = pick(slugs);
          }
          const headers: Record<string, string> = { ...(request.headers as Record<string, string>) };
          if (step.signedIn && context.cookie) headers.cookie = context.cookie;
          if (step.method === "POST") {
            headers.origin = url;
            headers["content-type"] = "application/x-www-form-urlencoded";
            const body = new URLSearchParams();
            for (const [name, value] of Object.entries(step.form?.(context) ?? {}))
              for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
            return { ...request, path: step.path(context), headers, body: body.toString() };
          }
          return { ...request, path: step.path(context), headers };
        },
        onResponse: (status: number, _body: string, context: Visit, headers: Record<string, string | string[]>) => {
          const stats = perStep.get(step.name)!;
          stats.count++;
          if (status !== step.expect) stats.unexpected.set(status, (stats.unexpected.get(status) ?? 0) + 1);
          if (step.name === "sign in") {
            const setCookie = headers["set-cookie"];
            const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
            if (first) context.cookie = first.split(";")[0];
          }
        },
      })) as autocannon.Request[],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  autocannon.track(instance, { renderProgressBar: process.stdout.isTTY, renderResultsTable: false, renderLatencyTable: false });
  const result = await done;

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : 0);
  const unexpected = [...perStep.values()].reduce((sum, stats) => sum + [...stats.unexpected.values()].reduce((a, b) => a + b, 0), 0);
  const serverErrors = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, stat]) => sum + (stat.count ?? 0), 0);
  const errors = result.errors + result.timeouts + unexpected + serverErrors;

  console.log("");
  console.log(`requests   ${result.requests.total} in ${result.duration} s (${result.requests.average.toFixed(1)}/s), ${connections} users`);
  console.log(
    `latency    p50 ${percentile(50).toFixed(0)} ms, p95 ${percentile(95).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms, max ${percentile(100).toFixed(0)} ms`,
  );
  console.log(
    `statuses   ${Object.entries(result.statusCodeStats ?? {})
      .map(([code, stat]) => `${code}: ${stat.count}`)
      .join(", ")}`,
  );
  for (const [name, stats] of perStep) {
    const wrong = [...stats.unexpected].map(([status, count]) => `${count} × ${status}`).join(", ");
    console.log(`  ${name.padEnd(14)} ${String(stats.count).padStart(6)}${wrong ? `  unexpected: ${wrong}` : ""}`);
  }
  console.log(`errors     ${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, 5xx ${serverErrors}, unexpected statuses ${unexpected})`);
  if (errors > 0 || result.requests.total === 0) exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await server?.stop();
}
process.exit(exitCode);
