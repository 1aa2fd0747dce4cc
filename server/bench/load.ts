import type { LoadResult } from './stats';

/**
 * Runs `work` once per item, `concurrency` at a time (each worker takes the next item as soon as it is
 * free, as a crowd of clients would). A rejected `work` counts as an error; every latency is kept. The
 * first few errors are written to stderr, so a failing run says why.
 */
export async function runConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], errors: 0, seconds: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t0 = performance.now();
        try {
          await work(item);
        } catch (error) {
          result.errors += 1;
          if (result.errors <= 3) console.error(`  request failed: ${(error as Error).message}`);
        }
        result.latencies.push(performance.now() - t0);
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
