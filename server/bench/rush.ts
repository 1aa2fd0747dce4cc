/**
 * npm run bench:rush — the opening minute of a booking period, against the real server on MySQL.
 *
 * Thousands of logged-in candidates, each with a valid SMS code, hold 2–4 courses in one of a few
 * counties whose morning units have fewer seats than demand, at a chosen concurrency; then fresh
 * candidates at concurrency 50 for the latency a calmer minute sees. The server runs in a process of its
 * own, so its CPU time and memory are measured alone. Then the same business work runs straight through
 * mysql2, written the fastest way it allows (rawHolds.ts), at the same concurrency and pool size: the
 * ratio HTTP / raw. The last line printed is one JSON object.
 *
 * `--instances N` runs N server processes on the database behind nginx (round robin, as the multi-instance
 * test does); one instance is reached straight unless `--proxy` puts nginx in front of it too. The JSON
 * says which (`instances`, `proxy`) and how the rush's CPU time split between the servers, MariaDB, nginx
 * and this load generator (which also runs the simulator), beside what the whole machine spent.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { checkSeats } from '../src/modules/booking/checkSeats';
import { noOutcomes, type HoldOutcomes } from './holdOutcomes';
import { createHttpClient } from './httpClient';
import { runConcurrently } from './load';
import { measure } from './measure';
import { RawHolds } from './rawHolds';
import { holdBody, prepareRush, type RushCandidate, type RushData } from './rushData';
import { openScratch, type Scratch } from './scratch';
import { ServerCounters } from './serverCounters';
import { cpuMsOf, machineBusyMs } from './cpuSplit';
import { startServerGroup, type ServerGroup } from './serverGroup';
import { round, summarize, type LoadResult } from './stats';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '200' },
    instances: { type: 'string', default: '1' },
    proxy: { type: 'boolean' },
  },
});
const INSTANCES = Number(values.instances);
const PROXY = values.proxy ?? INSTANCES > 1;
const CANDIDATES = Number(values.candidates);
const CONCURRENCY = Number(values.concurrency);
const CALM_CONCURRENCY = 50;

/** Hold requests over HTTP; a non-200 answer is an error, every course's result is tallied. */
function holdOverHttp(port: number, candidates: RushCandidate[], concurrency: number, outcomes: HoldOutcomes) {
  const client = createHttpClient(port, concurrency);
  return runConcurrently(candidates, concurrency, async (candidate) => {
    const { items } = await client.ok<{ items: Array<{ result: string }> }>('POST', '/api/booking/holds', {
      token: candidate.token,
      body: holdBody(candidate),
    });
    for (const item of items) {
      if (item.result === 'held') outcomes.itemsHeld += 1;
      else if (item.result === 'seat_full') outcomes.seatFull += 1;
      else outcomes.refused += 1;
    }
  }).finally(() => client.close());
}

/** Items without their event: every held item must have one, the raw comparator's included. */
async function unrecordedItems(scratch: Scratch): Promise<number> {
  const [[row]] = (await scratch.db.sequelize.query(
    'SELECT COUNT(*) AS n FROM booking_items i LEFT JOIN booking_events e ON e.booking_item_id = i.id WHERE e.id IS NULL',
  )) as [Array<{ n: number }>, unknown];
  return Number(row!.n);
}

/** CPU time (ms) spent during `work` by each party of the run, and by the whole machine (other users too). */
async function cpuSplit<T>(group: ServerGroup, work: () => Promise<T>) {
  const read = async () => ({
    servers: (await group.usage()).cpuMs,
    mariadb: cpuMsOf({ comm: ['mariadbd', 'mysqld'] }),
    nginx: group.nginx ? cpuMsOf({ tree: group.nginx.pid }) : 0,
    loadGenerator: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    machine: machineBusyMs(),
    wall: performance.now(),
  });
  const before = await read();
  const result = await work();
  const after = await read();
  const split = Object.fromEntries(
    Object.keys(before).map((key) => [key, Math.round(after[key as 'wall'] - before[key as 'wall'])]),
  ) as Record<keyof typeof before, number>;
  return { result, split };
}

/** The rush at full concurrency, measured, then the calmer pass, against the server processes. */
async function runOverHttp(scratch: Scratch, counters: ServerCounters, sets: Record<'rush' | 'calm', RushData>) {
  const server = await startServerGroup(scratch.env, scratch.simulator, { instances: INSTANCES, proxy: PROXY });
  try {
    const outcomes = noOutcomes();
    console.log(
      `HTTP rush: ${CANDIDATES} hold requests at concurrency ${CONCURRENCY}, ${INSTANCES} instance(s)${PROXY ? ' behind nginx' : ''}…`,
    );
    // The split is read inside the measured window, after measure() waited for a lull.
    const measured = await measure(counters, server, () =>
      cpuSplit(server, () => holdOverHttp(server.port, sets.rush.candidates, CONCURRENCY, outcomes)),
    );
    const rush = { ...measured, result: measured.result.result };
    const { split } = measured.result;
    console.log(`HTTP at concurrency ${CALM_CONCURRENCY}: ${CANDIDATES} more hold requests…`);
    const calm = await holdOverHttp(server.port, sets.calm.candidates, CALM_CONCURRENCY, noOutcomes());
    const usage = await server.usage();
    return { rush, split, outcomes, calm, peakRssMb: usage.peakRssMb, totalPeakRssMb: usage.totalPeakRssMb };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const scratch = await openScratch('rush');
  const poolSize = scratch.config.database.pool!.max;
  const counters = await ServerCounters.open(scratch.databaseUrl);
  try {
    console.log(`preparing ${CANDIDATES} candidates for each of the three runs…`);
    const sets = {
      rush: await prepareRush(scratch.db, scratch.services, CANDIDATES, 'H'),
      calm: await prepareRush(scratch.db, scratch.services, CANDIDATES, 'F'),
      raw: await prepareRush(scratch.db, scratch.services, CANDIDATES, 'R'),
    };
    const {
      rush,
      split,
      outcomes: httpOutcomes,
      calm,
      peakRssMb,
      totalPeakRssMb,
    } = await runOverHttp(scratch, counters, sets);

    console.log(`raw mysql2: the same business work at concurrency ${CONCURRENCY}, pool ${poolSize}…`);
    const raw = await RawHolds.open(scratch.databaseUrl, sets.raw, {
      poolSize,
      services: scratch.services,
      maxWrongTries: scratch.config.limits.sms.maxWrongTries,
    });
    const rawRun = await measure<LoadResult>(counters, null, () =>
      runConcurrently(sets.raw.candidates, CONCURRENCY, (candidate) => raw.hold(candidate)),
    ).finally(() => raw.close());
    // The comparator's counts are known exactly: they check what the server's counters say. InnoDB's
    // background statistics updates commit too, a few per run.
    const commitsOff = Math.abs((rawRun.counters.commits ?? raw.commits) - raw.commits) > raw.commits / 100;
    if (rawRun.counters.statements !== raw.statements || commitsOff) {
      console.error(
        `counter check: MariaDB counted ${rawRun.counters.statements} statements and ${rawRun.counters.commits} commits ` +
          `where the comparator sent ${raw.statements} and committed ${raw.commits}` +
          (rawRun.counters.clean ? '' : ' (another client was busy meanwhile)'),
      );
    }

    const oversold = (await checkSeats(scratch.db)).length;
    const unrecorded = await unrecordedItems(scratch);
    const http = summarize(rush.result);
    const rawSummary = summarize(rawRun.result);
    const perHold = (value: number | null, digits = 1) =>
      value === null ? null : round(value / http.requests, digits);
    const result = {
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      instances: INSTANCES,
      proxy: PROXY ? 'nginx' : null,
      candidates: CANDIDATES,
      concurrency: CONCURRENCY,
      poolSize,
      requests: http.requests,
      holdsPerSec: http.perSec,
      p50Ms: http.p50Ms,
      p99Ms: http.p99Ms,
      itemsHeld: httpOutcomes.itemsHeld,
      seatFull: httpOutcomes.seatFull,
      refused: httpOutcomes.refused,
      errors: http.errors,
      oversold,
      nodeCpuMsPerHold: perHold(rush.serverCpuMs, 2),
      sqlRoundTripsPerHold: perHold(rush.serverRoundTrips, 1),
      sqlStatementsPerHold: perHold(rush.counters.statements, 1),
      commitsPerHold: perHold(rush.counters.commits, 2),
      peakRssMb: Math.round(peakRssMb),
      totalPeakRssMb: Math.round(totalPeakRssMb),
      // CPU ms during the rush: server processes, MariaDB, nginx, this process (load + simulator), the machine.
      cpuMs: split,
      holdsPerSecAt50: summarize(calm).perSec,
      p99MsAt50: summarize(calm).p99Ms,
      errorsAt50: calm.errors,
      rawSqlHoldsPerSec: rawSummary.perSec,
      rawItemsHeld: raw.outcomes.itemsHeld,
      rawSeatFull: raw.outcomes.seatFull,
      rawErrors: rawSummary.errors,
      rawRoundTripsPerHold: round(raw.roundTrips / rawSummary.requests, 1),
      rawSqlStatementsPerHold: round(rawRun.counters.statements / rawSummary.requests, 1),
      rawCommitsPerHold: rawRun.counters.commits === null ? null : round(rawRun.counters.commits / rawSummary.requests),
      ratio: round(http.perSec / rawSummary.perSec),
      sqlCountersClean: rush.counters.clean && rawRun.counters.clean,
    };
    console.table({
      http: {
        'holds/s': result.holdsPerSec,
        'p50 ms': result.p50Ms,
        'p99 ms': result.p99Ms,
        held: result.itemsHeld,
        'seat full': result.seatFull,
        errors: result.errors,
      },
      [`http at ${CALM_CONCURRENCY}`]: {
        'holds/s': result.holdsPerSecAt50,
        'p99 ms': result.p99MsAt50,
        errors: calm.errors,
      },
      'raw mysql2': {
        'holds/s': result.rawSqlHoldsPerSec,
        'p50 ms': rawSummary.p50Ms,
        'p99 ms': rawSummary.p99Ms,
        held: result.rawItemsHeld,
        'seat full': result.rawSeatFull,
        errors: result.rawErrors,
      },
    });
    if (!result.sqlCountersClean) console.error('another client used MariaDB meanwhile: SQL counts include its work');
    if (unrecorded > 0) console.error(`${unrecorded} held items have no event`);
    console.log(JSON.stringify(result));
    if (oversold > 0 || unrecorded > 0 || http.errors > 0 || calm.errors > 0 || rawSummary.errors > 0) {
      process.exitCode = 1;
    }
  } finally {
    await counters.close();
    await scratch.close();
  }
}

await main();
