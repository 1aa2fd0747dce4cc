/** What a timed run of requests comes to: rate, latency percentiles, failures. */
export interface LoadResult {
  /** Milliseconds per request, failed ones included. */
  latencies: number[];
  errors: number;
  seconds: number;
}

export interface LoadSummary {
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** The p-th percentile of values sorted ascending (nearest rank); 0 when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(result: LoadResult): LoadSummary {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    requests: result.latencies.length,
    perSec: Math.round(result.latencies.length / result.seconds),
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
    errors: result.errors,
  };
}

/** Rounds to `digits` decimals, for the JSON lines. */
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
