import type { CounterDelta, ServerCounters } from './serverCounters';
import type { ServerProcess } from './serverProcess';

export interface Measured<T> {
  result: T;
  counters: CounterDelta;
  /** CPU time the server process spent meanwhile; null without a server process. */
  serverCpuMs: number | null;
  /** Round trips the server process made to the database meanwhile; null without a server process. */
  serverRoundTrips: number | null;
}

/**
 * Runs `work` between two readings of the database's counters and of the server process's CPU time,
 * in a lull of other clients' work if one comes within a minute.
 */
export async function measure<T>(
  counters: ServerCounters,
  server: ServerProcess | null,
  work: () => Promise<T>,
): Promise<Measured<T>> {
  await counters.quiet();
  const cpuBefore = await server?.usage();
  const before = await counters.snapshot();
  const result = await work();
  const after = await counters.snapshot();
  const cpuAfter = await server?.usage();
  return {
    result,
    counters: counters.between(before, after),
    serverCpuMs: cpuBefore && cpuAfter ? cpuAfter.cpuMs - cpuBefore.cpuMs : null,
    serverRoundTrips: cpuBefore && cpuAfter ? cpuAfter.sqlRoundTrips - cpuBefore.sqlRoundTrips : null,
  };
}
