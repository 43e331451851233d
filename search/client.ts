import { Meilisearch } from "meilisearch";

/**
 * Node 20's fetch is about 20x slower on compressed responses, so ask Meilisearch for
 * identity encoding (measured: 48 ms -> 2.7 ms median per search).
 */
export function createMeiliClient(host: string, apiKey: string | undefined): Meilisearch {
  return new Meilisearch({
    host,
    apiKey,
    timeout: 10_000,
    requestInit: { headers: { "Accept-Encoding": "identity" } },
  });
}

export async function isMeiliHealthy(host: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/health", host), { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
