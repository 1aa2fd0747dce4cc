/**
 * npm run bench:scores — the morning scores are published (成绩查询).
 *
 * 20,000 candidates with 1–4 results each in one period whose publish time is a few seconds after the
 * server starts. In its last 3 s, 1,000 candidates ask 500 at a time and must be told "not yet" (nothing
 * is served early, not even from a cache; this also opens every client socket and warms the server, the
 * raw one alike); right after it, every candidate asks once, 500 at a time, over HTTP
 * to the real server in a process of its own; then a public-lookup variant (name + ID number + captcha,
 * no login, each visitor from its own address behind a trusted proxy).
 *
 * Two comparators make the same reads straight through mysql2 (rawScores.ts: 成绩查询's reads batched
 * as the server's, periods in memory): **raw HTTP** (rawScoresServer.ts), the same requests answered by a bare node:http
 * server in its own process — `ratio` is the real server's rate over this one's, what Koa, the router,
 * validation, logging and Sequelize cost; and **in-process**, the reads called in this process with no
 * HTTP at all, for the cost of HTTP itself. The last line printed is one JSON object.
 */
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { MyScoresView, PublicScoresAnswer } from '@kaowei/shared';
import { createHttpClient, type HttpClient } from './httpClient';
import { runConcurrently } from './load';
import { RawScores } from './rawScores';
import { openScratch, type Scratch } from './scratch';
import { BENCH_CAPTCHA_ANSWER, prepareCaptchas, prepareScores, type ScoresBenchData } from './scoresData';
import { startServerProcess } from './serverProcess';
import { round, summarize, type LoadResult } from './stats';
import type { TicketBenchCandidate } from './ticketsData';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '500' },
    public: { type: 'string', default: '5000' },
  },
});
const CANDIDATES = Number(values.candidates);
const CONCURRENCY = Number(values.concurrency);
const PUBLIC = Math.min(Number(values.public), CANDIDATES);
/** How long after the server is ready the scores are published: time for the "not yet" sample. */
const PUBLISH_AFTER_MS = 8_000;
/** Requests per client socket before the publish time, sent in its last EARLY_LEAD_MS. */
const EARLY_PER_SOCKET = 2;
const EARLY_LEAD_MS = 3_000;
const RAW_SERVER = fileURLToPath(new URL('./rawScoresServer.ts', import.meta.url));

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** A logged-in 成绩查询 that must show the period published, with its results. */
async function myScores(client: HttpClient, candidate: TicketBenchCandidate, periodId: number) {
  const view = await client.ok<MyScoresView>('GET', '/api/records/scores', { token: candidate.token });
  const period = view.periods.find((p) => p.periodId === periodId);
  if (!period?.published || period.scores.length === 0) throw new Error(`scores not shown: ${JSON.stringify(period)}`);
}

/** Visitor k's own address: the server sits behind one proxy (TRUST_PROXY) that says who asked. */
const visitorIp = (k: number) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;

/** The public lookup: the person's published results of the latest period. */
async function publicScores(client: HttpClient, candidate: TicketBenchCandidate, captchaId: string, ip: string) {
  const answer = await client.ok<PublicScoresAnswer>('POST', '/api/public/scores', {
    body: { name: candidate.name, idCardNo: candidate.idCardNo, captchaId, captchaAnswer: BENCH_CAPTCHA_ANSWER },
    headers: { 'X-Forwarded-For': ip },
  });
  if (answer.scores.length === 0) throw new Error(`public lookup showed too little: ${JSON.stringify(answer)}`);
}

interface HttpRun {
  run: LoadResult;
  pub: LoadResult;
  cpuMsPerQuery: number;
  publicCpuMsPerQuery: number;
  roundTripsPerQuery: number;
  publicRoundTripsPerQuery: number;
  peakRssMb: number;
  /** The first candidate's 成绩查询 answer, to hold against the other server's. */
  sample: unknown;
}

/**
 * One server (the real one, or the raw one) in its own process: the "not yet" sample before the publish
 * time, then every candidate's 成绩查询 and the public lookups. `captchas` are this run's own.
 */
async function overHttp(scratch: Scratch, data: ScoresBenchData, captchas: string[], entry?: string): Promise<HttpRun> {
  const server = await startServerProcess({ ...scratch.env, TRUST_PROXY: 'true' }, scratch.simulator, entry);
  const client = createHttpClient(server.port, CONCURRENCY);
  try {
    // The publish time lies just ahead: the server has cached the period, as it would on the day.
    const publishAt = new Date(Date.now() + PUBLISH_AFTER_MS);
    await scratch.db.models.ExamPeriod.update({ scoresPublishAt: publishAt }, { where: { id: data.periodId } });
    // Before it, candidates ask as the crowd will (at the same concurrency, so every client socket is open
    // and the server's code warm when the publish time comes, on both servers alike); the real server must
    // show nothing yet. The raw one holds the periods it read at start and is not asked that.
    // Sent in the last seconds before it: Node's HTTP server closes a socket idle for 5 s.
    await sleepUntil(publishAt.getTime() - EARLY_LEAD_MS);
    let early = 0;
    const askedEarly = data.candidates.slice(0, Math.min(CANDIDATES, EARLY_PER_SOCKET * CONCURRENCY));
    await runConcurrently(askedEarly, CONCURRENCY, async (candidate) => {
      const view = await client.ok<MyScoresView>('GET', '/api/records/scores', { token: candidate.token });
      if (Date.now() < publishAt.getTime() && view.periods.some((p) => p.published)) early += 1;
    });
    if (!entry && early > 0) throw new Error(`${early} candidates saw scores before the publish time`);
    await sleepUntil(publishAt.getTime());
    console.log(`published: ${CANDIDATES} candidates ask at concurrency ${CONCURRENCY} (${data.scores} results)…`);
    const before = await server.usage();
    const run = await runConcurrently(data.candidates, CONCURRENCY, (c) => myScores(client, c, data.periodId));
    const between = await server.usage();
    console.log(`public lookup: ${PUBLIC} visitors at concurrency ${CONCURRENCY}…`);
    const visitors = data.candidates.slice(0, PUBLIC).map((c, k) => ({ c, k }));
    const pub = await runConcurrently(visitors, CONCURRENCY, ({ c, k }) =>
      publicScores(client, c, captchas[k]!, visitorIp(k)),
    );
    const after = await server.usage();
    const sample = await client.ok('GET', '/api/records/scores', { token: data.candidates[0]!.token });
    return {
      sample,
      run,
      pub,
      cpuMsPerQuery: (between.cpuMs - before.cpuMs) / CANDIDATES,
      publicCpuMsPerQuery: (after.cpuMs - between.cpuMs) / PUBLIC,
      roundTripsPerQuery: (between.sqlRoundTrips - before.sqlRoundTrips) / CANDIDATES,
      publicRoundTripsPerQuery: (after.sqlRoundTrips - between.sqlRoundTrips) / PUBLIC,
      peakRssMb: after.peakRssMb,
    };
  } finally {
    client.close();
    await server.stop();
  }
}

/** The same reads called in this process, no HTTP. */
async function inProcess(scratch: Scratch, data: ScoresBenchData, captchas: string[]) {
  const raw = await RawScores.open(scratch.databaseUrl, {
    poolSize: scratch.config.database.pool?.max ?? 10,
    services: scratch.services,
  });
  try {
    const run = await runConcurrently(data.candidates, CONCURRENCY, (c) => raw.checkMyScores(c, data.periodId));
    const visitors = data.candidates.slice(0, PUBLIC).map((c, k) => ({ c, k }));
    const pub = await runConcurrently(visitors, CONCURRENCY, ({ c, k }) =>
      raw.checkPublicScores(c, captchas[k]!, BENCH_CAPTCHA_ANSWER, visitorIp(k)),
    );
    return { run, pub };
  } finally {
    await raw.close();
  }
}

const perSec = (r: LoadResult) => round(r.latencies.length / r.seconds, 1);

async function main(): Promise<void> {
  const scratch = await openScratch('scores');
  try {
    console.log(`preparing ${CANDIDATES} candidates with results to publish…`);
    const data = await prepareScores(scratch.db, scratch.services, CANDIDATES);
    const captchas = await prepareCaptchas(scratch.db, PUBLIC * 3);
    const real = await overHttp(scratch, data, captchas.slice(0, PUBLIC));
    console.log('raw HTTP: the same requests answered by node:http + mysql2…');
    const raw = await overHttp(scratch, data, captchas.slice(PUBLIC, 2 * PUBLIC), RAW_SERVER);
    console.log('in-process: the same reads with no HTTP…');
    const local = await inProcess(scratch, data, captchas.slice(2 * PUBLIC));
    if (!isDeepStrictEqual(real.sample, raw.sample)) {
      throw new Error(
        `the raw server answers otherwise: ${JSON.stringify(raw.sample)} ≠ ${JSON.stringify(real.sample)}`,
      );
    }

    const [s, p, rs, rp] = [real.run, real.pub, raw.run, raw.pub].map(summarize);
    const errors = s!.errors + p!.errors;
    console.log(
      JSON.stringify({
        candidates: CANDIDATES,
        concurrency: CONCURRENCY,
        queriesPerSec: perSec(real.run),
        p50Ms: s!.p50Ms,
        p99Ms: s!.p99Ms,
        rawQueriesPerSec: perSec(raw.run),
        rawP99Ms: rs!.p99Ms,
        ratio: round(perSec(real.run) / perSec(raw.run)),
        errors,
        serverCpuMsPerQuery: round(real.cpuMsPerQuery, 3),
        rawServerCpuMsPerQuery: round(raw.cpuMsPerQuery, 3),
        sqlRoundTripsPerQuery: round(real.roundTripsPerQuery, 2),
        publicQueriesPerSec: perSec(real.pub),
        publicP99Ms: p!.p99Ms,
        rawPublicQueriesPerSec: perSec(raw.pub),
        rawPublicP99Ms: rp!.p99Ms,
        publicRatio: round(perSec(real.pub) / perSec(raw.pub)),
        publicServerCpuMsPerQuery: round(real.publicCpuMsPerQuery, 3),
        rawPublicServerCpuMsPerQuery: round(raw.publicCpuMsPerQuery, 3),
        publicSqlRoundTripsPerQuery: round(real.publicRoundTripsPerQuery, 2),
        inProcessQueriesPerSec: perSec(local.run),
        inProcessPublicQueriesPerSec: perSec(local.pub),
        rawErrors: rs!.errors + rp!.errors + local.run.errors + local.pub.errors,
        peakRssMb: round(real.peakRssMb, 0),
      }),
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
