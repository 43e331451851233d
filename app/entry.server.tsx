import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { bootExchange, getExchange } from "./utils/exchange.server";
import { isDatabaseEmpty, loadDemoData } from "./models/demo-data.server";
import { drainOutbox } from "../search/outbox-relay";
import { startMailJobs, type MailJobs } from "./models/mail-jobs.server";
import { startAlertJobs, type AlertJobs } from "./models/alerts.server";
import { runSuggestionPass, startSuggestionJobs, type SuggestionJobs } from "./models/match-suggestions.server";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

// The mail jobs (daily digest, SMTP sending) live as long as the booted context.
const globalForMail = globalThis as unknown as { __exchangeMailJobs?: MailJobs; __exchangeAlertJobs?: AlertJobs; __exchangeSuggestionJobs?: SuggestionJobs };

/** Called by the server (scripts/start.ts) before it listens. */
export async function boot() {
  return bootExchange(async (context) => {
    if (context.env.DEMO_DATA === "1" && isDatabaseEmpty(context.db)) {
      const loaded = await loadDemoData(context.db);
      console.log(`Loaded demo data: ${loaded.ideas} ideas, ${loaded.needs} needs, one account per role.`);
      try {
        await drainOutbox(context.db, context.meili, { timeoutMs: 60_000 });
        // The engine's suggestions for the demo needs, so the brokers' match queue has them at once.
        await runSuggestionPass(context.db, context.meili);
      } catch (error) {
        console.warn(`Demo data saved; search will catch up: ${error instanceof Error ? error.message : error}`);
      }
    }
    globalForMail.__exchangeMailJobs ??= startMailJobs(context);
    // Follows and saved searches: notifications for new case studies, changed needs, new ideas.
    globalForMail.__exchangeAlertJobs ??= startAlertJobs(context.db);
    // The engine's top ideas as suggested matches for open needs that have fewer (retries failures).
    globalForMail.__exchangeSuggestionJobs ??= startSuggestionJobs(context);
  });
}

export async function shutdown() {
  await globalForMail.__exchangeMailJobs?.stop();
  globalForMail.__exchangeMailJobs = undefined;
  await globalForMail.__exchangeAlertJobs?.stop();
  globalForMail.__exchangeAlertJobs = undefined;
  await globalForMail.__exchangeSuggestionJobs?.stop();
  globalForMail.__exchangeSuggestionJobs = undefined;
  try {
    await getExchange().close();
  } catch {
    // never booted
  }
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Unknown URLs reach here as 404 error responses: an expected outcome, not a fault to log.
  if (error && typeof error === "object" && "status" in error && (error as { status: unknown }).status === 404) return;
  console.error(error);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy nonce scripts/server.ts made for this response.
  const nonce = loadContext.cspNonce;
  // Pages are rendered whole and sent in one write: nothing here streams (no defer), and
  // piping React's many small chunks through a web stream to the socket cost a tenth of the
  // search page's CPU in writev calls (bench profile).
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const app = (
      <NonceProvider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        const chunks: Buffer[] = [];
        const body = new Writable({
          write(chunk: Buffer | string, _encoding, callback) {
            chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
            callback();
          },
        });
        body.on("finish", () => {
          const html = Buffer.concat(chunks);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Length", String(html.byteLength));
          resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
        });
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
