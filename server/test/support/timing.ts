import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';

/** How long an action takes, in milliseconds. */
export async function elapsedMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Prepares one request (untimed) and returns it, to be timed. */
export type Sample = () => Promise<() => Promise<unknown>>;

const WARM_UP_ROUNDS = 4;

/**
 * Times two kinds of request in turns, `rounds` of each after a few untimed warm-up rounds; which goes
 * first swaps every round, so the machine's load falls on both alike. `between` runs untimed after
 * each request (e.g. waiting for work the answer left behind).
 */
export async function timeInTurns(
  rounds: number,
  first: Sample,
  second: Sample,
  between?: () => Promise<void>,
): Promise<[number[], number[]]> {
  const times: [number[], number[]] = [[], []];
  for (let round = -WARM_UP_ROUNDS; round < rounds; round++) {
    const actions = [await first(), await second()];
    for (const which of round % 2 ? [1, 0] : [0, 1]) {
      const ms = await elapsedMs(actions[which]!);
      if (round >= 0) times[which]!.push(ms);
      await between?.();
    }
  }
  return times;
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
