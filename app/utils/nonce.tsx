// The Content-Security-Policy nonce of this response (scripts/server.ts makes one per request
// and allows only scripts carrying it): entry.server.tsx provides it, root.tsx puts it on
// Remix's inline scripts. In the browser it is empty: the scripts are already there.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
