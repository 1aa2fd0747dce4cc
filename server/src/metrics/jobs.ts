import { performance } from 'node:perf_hooks';
import { jobDuration } from './registry';

/** Runs one tick of a scheduled job, timing it by outcome; a failure is passed on to the caller's handler. */
export async function timedJob<T>(job: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  let outcome = 'failed';
  try {
    const result = await run();
    outcome = 'ok';
    return result;
  } finally {
    jobDuration.observe({ job, outcome }, (performance.now() - start) / 1000);
  }
}
