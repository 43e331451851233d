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

/** Asks the page and the API to leave facet counts out (how the bench measures what facets cost the app). */
export const FACETS_OFF_HEADER = { "x-exchange-facets": "off" };

/** Several runs as one: every sample kept, the rate averaged over their time. */
export function mergeLoads(runs: LoadResult[]): LoadResult {
  const samples = runs.flatMap((run) => run.samples);
  const ok = samples.filter((sample) => sample.status >= 200 && sample.status < 300);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    samples,
    latency: summarize(ok.map((sample) => sample.ms)),
    requestsPerSecond: Math.round((ok.length / seconds) * 10) / 10,
    non2xx: samples.length - ok.length,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
    seconds: Math.round(seconds * 10) / 10,
  };
}

/**
 * Runs each target for `seconds` in all, in `rounds` turns (A B C, A B C, ...), so that a
 * change in the machine's load part-way falls on every target alike. `meter` starts a
 * measurement of something else over a turn (CPU use) and the turns' readings are averaged.
 */
export async function interleaved<Reading extends Record<string, number>>(
  targets: Record<string, { url: string; requests: LoadRequest[] }>,
  options: { connections: number; seconds: number; rounds: number },
  meter: () => () => Reading,
): Promise<Record<string, { load: LoadResult; cpu: Reading }>> {
  const runs: Record<string, LoadResult[]> = {};
  const readings: Record<string, Reading[]> = {};
  const turn = Math.max(1, Math.round(options.seconds / options.rounds));
  for (let round = 0; round < options.rounds; round++) {
    for (const [name, target] of Object.entries(targets)) {
      const stop = meter();
      (runs[name] ??= []).push(await runLoad({ ...target, connections: options.connections, durationSeconds: turn }));
      (readings[name] ??= []).push(stop());
    }
  }
  const average = (list: Reading[]) =>
    Object.fromEntries(
      Object.keys(list[0]).map((key) => [key, Math.round((list.reduce((sum, reading) => sum + reading[key], 0) / list.length) * 100) / 100]),
    ) as Reading;
  return Object.fromEntries(Object.keys(targets).map((name) => [name, { load: mergeLoads(runs[name]), cpu: average(readings[name]) }]));
}
