import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';

/** How long an action takes, in milliseconds. */
export async function elapsedMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Two answers an attacker compares must not be told apart by their time: medians within `tolerance`
 * of the larger. Take the samples interleaved, so the machine's load falls on both alike.
 */
export function expectSameTiming(first: number[], second: number[], tolerance = 0.2): void {
  const [a, b] = [median(first), median(second)];
  expect(Math.abs(a - b), `medians ${a.toFixed(1)} ms and ${b.toFixed(1)} ms`).toBeLessThanOrEqual(
    tolerance * Math.max(a, b),
  );
}
