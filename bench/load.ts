// Load generation with autocannon, run in the bench's own process. Every response time is
// recorded (not just autocannon's histogram) so any percentile, and any time window, can be
// computed afterwards.
import autocannon from "autocannon";
import { summarize, type Summary } from "./stats";

export type LoadRequest = { path: string; method?: "GET" | "POST"; body?: string; headers?: Record<string, string> };

export type LoadOptions = {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  requests: LoadRequest[];
  connections: number;
  /** Seconds; the run also stops early through `signal`. */
  durationSeconds: number;
  /** Requests per second over all connections (autocannon's overallRate); unset: as fast as possible. */
  overallRate?: number;
  /** Stop after this many requests (autocannon's amount) instead of after the duration. */
  amount?: number;
  signal?: AbortSignal;
};

export type Sample = { at: number; ms: number; status: number };

export type LoadResult = {
  samples: Sample[];
  latency: Summary;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const samples: Sample[] = [];
  let errors = 0;
  const started = performance.now();
  let finish: (error: Error | null, result: autocannon.Result) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationSeconds,
      amount: options.amount,
      overallRate: options.overallRate,
      timeout: 10,
      // The rows are re-read with every request, so nothing here is cached by the client.
      requests: options.requests.map((request) => ({
        method: request.method ?? "GET",
        path: request.path,
        body: request.body,
        headers: request.headers,
      })),
    },
    (error, result) => finish(error, result),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    samples.push({ at: performance.now(), ms: responseTime, status: statusCode });
  });
  instance.on("reqError", () => {
    errors++;
  });
  const onAbort = () => instance.stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const result = await finished;
  options.signal?.removeEventListener("abort", onAbort);
  const seconds = (performance.now() - started) / 1000;
  const ok = samples.filter((sample) => sample.status >= 200 && sample.status < 300);
  return {
    samples,
    latency: summarize(ok.map((sample) => sample.ms)),
    requestsPerSecond: Math.round((ok.length / seconds) * 10) / 10,
    non2xx: samples.length - ok.length,
    errors: errors || result.errors,
    timeouts: result.timeouts,
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** Latency summary of the successful samples that completed inside [from, to]. */
export function window(samples: Sample[], from: number, to: number): Summary {
  return summarize(samples.filter((sample) => sample.at >= from && sample.at <= to && sample.status < 300).map((sample) => sample.ms));
}
