/**
 * npm run bench:tickets — candidates printing their 准考证 when the print window opens.
 *
 * 2,000 candidates (different names, ID numbers, courses, seats; each with a photo) download their own
 * ticket PDF over HTTP at concurrency 20, from the real server in a process of its own: every request
 * generates a new PDF (none is in the cache yet). Then the comparator (rawTickets.ts): the same tickets
 * read by one plain mysql2 query each and drawn by the same layout function in this process, with no HTTP
 * and no PDF cache, at the same concurrency; `ratio` is HTTP / raw. The last line printed is one JSON object.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { runConcurrently } from './load';
import { openScratch, type Scratch } from './scratch';
import { startServerProcess } from './serverProcess';
import { RawTickets } from './rawTickets';
import { round, summarize } from './stats';
import { benchPhoto, prepareTickets, type TicketsData } from './ticketsData';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
  },
});
const TICKETS = Number(values.tickets);
const CONCURRENCY = Number(values.concurrency);

/** GET returning the raw bytes; anything but a 200 PDF rejects. */
function download(agent: http.Agent, port: number, path: string, token: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: 'GET', path, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          if (res.statusCode !== 200 || body.subarray(0, 5).toString() !== '%PDF-') {
            reject(new Error(`GET ${path}: ${res.statusCode} ${body.subarray(0, 200).toString()}`));
          } else resolve(body);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The HTTP run: every candidate downloads their ticket from the server in its own process. */
async function overHttp(scratch: Scratch, data: TicketsData) {
  const server = await startServerProcess(scratch.env, scratch.simulator);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    console.log(`downloading ${TICKETS} different tickets at concurrency ${CONCURRENCY}…`);
    let bytes = 0;
    const run = await runConcurrently(data.candidates, CONCURRENCY, async (candidate) => {
      const pdf = await download(agent, server.port, `/api/admission/tickets/${data.periodId}/pdf`, candidate.token);
      bytes += pdf.length;
    });
    return { run, bytes, usage: await server.usage() };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

/** The comparator, once the server has stopped: the same tickets drawn in this process (rawTickets.ts). */
async function inProcess(scratch: Scratch, data: TicketsData) {
  console.log(`raw: the same ${TICKETS} tickets, one mysql2 query each, drawn in this process…`);
  const raw = await RawTickets.open(scratch.databaseUrl, data.periodId, {
    poolSize: scratch.config.database.pool?.max ?? CONCURRENCY,
    services: scratch.services,
  });
  let bytes = 0;
  try {
    // The server draws a made-up ticket when it starts (font parsed, code compiled); so does this side.
    await raw.render(data.candidates[0]!);
    const run = await runConcurrently(data.candidates, CONCURRENCY, async (candidate) => {
      const pdf = await raw.render(candidate);
      bytes += pdf.length;
    });
    return { run, bytes };
  } finally {
    await raw.close();
  }
}

async function main(): Promise<void> {
  const scratch = await openScratch('tickets');
  try {
    const { photoId } = await scratch.services.photos.save(benchPhoto());
    console.log(`preparing ${TICKETS} candidates with paid courses and seats…`);
    const data = await prepareTickets(scratch.db, scratch.services, TICKETS, photoId);
    const { run, bytes, usage } = await overHttp(scratch, data);
    const summary = summarize(run);
    if (summary.errors > 0) console.error(`${summary.errors} downloads failed`);
    const { run: rawRun, bytes: rawBytes } = await inProcess(scratch, data);
    const rawSummary = summarize(rawRun);
    if (rawSummary.errors > 0) console.error(`${rawSummary.errors} raw tickets failed`);
    const perSec = round(summary.requests / run.seconds, 1);
    const rawPerSec = round(rawSummary.requests / rawRun.seconds, 1);
    console.log(
      JSON.stringify({
        tickets: summary.requests - summary.errors,
        perSec,
        p99Ms: summary.p99Ms,
        avgKb: round(bytes / 1024 / Math.max(1, summary.requests - summary.errors), 1),
        peakRssMb: round(usage.peakRssMb, 0),
        rawPerSec,
        rawP99Ms: rawSummary.p99Ms,
        rawAvgKb: round(rawBytes / 1024 / Math.max(1, rawSummary.requests - rawSummary.errors), 1),
        ratio: round(perSec / rawPerSec),
      }),
    );
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
