// `npm start`: builds if the build is missing or older than the sources, then serves the
// exchange (loading the demo data into an empty database unless DEMO_DATA=0).
import { buildForProduction, buildIsStale } from "./lib/build";
import { reportEventLoopToParent } from "./lib/event-loop-monitor";
import { startServer } from "./server";

function buildIfNeeded() {
  if (!buildIsStale()) return;
  console.log("Building the exchange…");
  buildForProduction();
}

// Event-loop delay figures for a parent that asks (the bench); nothing without an IPC channel.
reportEventLoopToParent();
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
