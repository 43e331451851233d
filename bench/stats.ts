// Latency summaries: exact percentiles over every recorded sample (autocannon's own
// histogram has no p95, so the bench records each response time itself).

export type Summary = { count: number; p50: number; p95: number; p97_5: number; p99: number; mean: number; max: number };

/** The percentiles every figure is reported at (p97.5 because issue 15's target is set there). */
export const percentiles = ["p50", "p95", "p97_5", "p99"] as const;
export type Percentile = (typeof percentiles)[number];
export const percentileLabel = (p: Percentile) => p.replace("_", ".");

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p97_5: round(percentile(values, 97.5)),
    p99: round(percentile(values, 99)),
    mean: round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)),
    max: round(values[values.length - 1] ?? Number.NaN),
  };
}

export const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;

/** The ratio of two summaries at each percentile. */
export function ratios(value: Summary, baseline: Summary): Record<Percentile, number> {
  return Object.fromEntries(percentiles.map((p) => [p, ratio(value[p], baseline[p])])) as Record<Percentile, number>;
}
