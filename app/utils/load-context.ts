// What the express server (scripts/server.ts getLoadContext) passes to every loader and action.
// Loaders called without a server (tests) get an empty context: every field is optional.
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /**
     * The address of the client's TCP connection (express `req.ip`; without a `trust proxy`
     * setting that is the socket's peer, never a forwarded header a client could forge).
     */
    clientAddress?: string;
    /** This response's Content-Security-Policy nonce, for Remix's inline scripts. */
    cspNonce?: string;
  }
}

export function clientAddress(context: AppLoadContext | undefined): string | null {
  return context?.clientAddress || null;
}
