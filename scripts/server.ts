// The production HTTP server: boots the exchange (database, Meilisearch, demo data, outbox
// relay) before it listens, serves the Remix build, and shuts everything down on a signal.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

type ExchangeBuild = ServerBuild & { entry: { module: { boot: () => Promise<unknown>; shutdown: () => Promise<void> } } };

export async function startServer(options: { port?: number; host?: string } = {}) {
  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ExchangeBuild;
  await build.entry.module.boot();

  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    // Only scripts that carry this response's nonce run (Remix's inline data and module
    // scripts get it in app/entry.server.tsx): a script tag smuggled into a page does not.
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    );
    if (process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "0") {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  });
  // Cross-site form posts are refused: a non-GET request must come from our own origin.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    if (origin && origin !== "null") {
      try {
        if (new URL(origin).host === req.get("host")) return next();
      } catch {
        // fall through to the refusal
      }
      res.status(403).type("text/plain").send("Cross-origin request refused");
      return;
    }
    if (origin === "null") {
      res.status(403).type("text/plain").send("Cross-origin request refused");
      return;
    }
    // No Origin header: a browser that sends Fetch Metadata still says where the request came from.
    const site = req.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") {
      res.status(403).type("text/plain").send("Cross-origin request refused");
      return;
    }
    next();
  });
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only file-like paths reach the static handler: it stats the disk, and pages have no extension.
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
  // The client's address for the sign-in throttle (app/utils/load-context.ts).
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress, cspNonce: res.locals.cspNonce as string }),
    }),
  );

  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const host = options.host ?? process.env.HOST ?? "127.0.0.1";
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await build.entry.module.shutdown();
    })());
  return { server, close, url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}` };
}
