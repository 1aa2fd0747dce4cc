/**
 * npm run bench:paths — the opening minute's other paths, against the real server (a process of its
 * own) on a scratch MariaDB database: password login, seat polling, asking for the hold code, and
 * confirming. One JSON line per path as it finishes; the last line printed is one JSON object with all.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { hashPassword } from '../src/lib/passwords';
import { createHttpClient, type HttpClient } from './httpClient';
import { runConcurrently } from './load';
import { measure } from './measure';
import { RawHolds } from './rawHolds';
import { prepareRush, type RushCandidate } from './rushData';
import { openScratch, type Scratch } from './scratch';
import { ServerCounters } from './serverCounters';
import { startServerProcess } from './serverProcess';
import { round, summarize } from './stats';

const { values } = parseArgs({
  options: {
    logins: { type: 'string', default: '300' },
    polls: { type: 'string', default: '20000' },
    'hold-codes': { type: 'string', default: '1000' },
    confirms: { type: 'string', default: '1000' },
  },
});
const PASSWORD = 'Bench-2027-password';

interface Path<T> {
  name: string;
  concurrency: number;
  items: readonly T[];
  request: (client: HttpClient, item: T) => Promise<unknown>;
}

/**
 * One path at its concurrency against a server process of its own, so the peak memory is this path's
 * (memory a path leaves resident would count against the next), with the server's CPU time and the SQL
 * counts meanwhile.
 */
async function runPath<T>(scratch: Scratch, counters: ServerCounters, path: Path<T>) {
  console.log(`${path.name}: ${path.items.length} requests at concurrency ${path.concurrency}…`);
  const server = await startServerProcess(scratch.env, scratch.simulator);
  const client = createHttpClient(server.port, path.concurrency);
  try {
    const measured = await measure(counters, server, () =>
      runConcurrently(path.items, path.concurrency, async (item) => {
        await path.request(client, item);
      }),
    );
    const summary = summarize(measured.result);
    const perRequest = (value: number | null) => (value === null ? null : round(value / summary.requests));
    const line = {
      path: path.name,
      concurrency: path.concurrency,
      ...summary,
      peakRssMb: Math.round((await server.usage()).peakRssMb),
      nodeCpuMsPerRequest: perRequest(measured.serverCpuMs),
      sqlRoundTripsPerRequest: perRequest(measured.serverRoundTrips),
      sqlStatementsPerRequest: perRequest(measured.counters.statements),
      commitsPerRequest: perRequest(measured.counters.commits),
      sqlCountersClean: measured.counters.clean,
    };
    console.log(JSON.stringify(line));
    return line;
  } finally {
    client.close();
    await server.stop();
  }
}

const booking = (c: RushCandidate) => ({ periodId: c.periodId, countyId: c.countyId, courseCodes: c.courseCodes });

async function main(): Promise<void> {
  const scratch = await openScratch('paths');
  const counters = await ServerCounters.open(scratch.databaseUrl);
  try {
    console.log('preparing candidates: with a password, without a hold code yet, holding seats…');
    const logins = await prepareRush(scratch.db, scratch.services, Number(values.logins), 'L', {
      passwordHash: await hashPassword(PASSWORD),
    });
    const holdCodes = await prepareRush(scratch.db, scratch.services, Number(values['hold-codes']), 'C', {
      smsCodes: false,
    });
    const confirms = await prepareRush(scratch.db, scratch.services, Number(values.confirms), 'K', {
      ampleSeats: true,
    });
    const holds = await RawHolds.open(scratch.databaseUrl, confirms, {
      poolSize: scratch.config.database.pool!.max,
      services: scratch.services,
      maxWrongTries: scratch.config.limits.sms.maxWrongTries,
    });
    const held = await runConcurrently(confirms.candidates, 50, (c) => holds.hold(c)).finally(() => holds.close());
    if (held.errors > 0) throw new Error(`${held.errors} candidates could not hold seats before confirming`);

    const board = logins.candidates.slice(0, 3);
    const lines = {
      login: await runPath(scratch, counters, {
        name: 'login',
        concurrency: 50,
        items: logins.candidates,
        request: (client, c) =>
          client.ok('POST', '/api/accounts/login', { body: { account: c.ticketNo, password: PASSWORD } }),
      }),
      seatPolling: await runPath(scratch, counters, {
        name: 'seatPolling',
        concurrency: 500,
        items: Array.from({ length: Number(values.polls) }, (_, i) => board[i % board.length]!),
        request: (client, c) => client.ok('GET', `/api/catalog/periods/${c.periodId}/seats?countyId=${c.countyId}`),
      }),
      holdCode: await runPath(scratch, counters, {
        name: 'holdCode',
        concurrency: 200,
        items: holdCodes.candidates,
        request: (client, c) => client.ok('POST', '/api/booking/hold-code', { token: c.token, body: booking(c) }),
      }),
      confirm: await runPath(scratch, counters, {
        name: 'confirm',
        concurrency: 200,
        items: confirms.candidates,
        request: (client, c) =>
          client.ok('POST', '/api/booking/confirm', { token: c.token, body: { periodId: c.periodId } }),
      }),
    };
    const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    console.log(JSON.stringify({ machine, ...lines }));
    if (Object.values(lines).some((line) => line.errors > 0)) process.exitCode = 1;
  } finally {
    await counters.close();
    await scratch.close();
  }
}

await main();
