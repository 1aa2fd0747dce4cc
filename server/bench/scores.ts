/**
 * npm run bench:scores — the morning scores are published (成绩查询).
 *
 * 20,000 candidates with 2–4 results each in one period whose publish time is a few seconds after the
 * server starts. Before it, a sample of candidates asks and must be told "not yet" (nothing is served
 * early, not even from a cache); right after it, every candidate asks once, 500 at a time, over HTTP
 * to the real server in a process of its own; then a public-lookup variant (name + ID number +
 * captcha, no login). The comparator (rawScores.ts) makes the same reads straight through mysql2 in
 * this process at the same concurrency; `ratio` is HTTP / raw. The last line printed is one JSON object.
 */
import { parseArgs } from 'node:util';
import type { MyScoresView, PublicScoresAnswer } from '@kaowei/shared';
import { createHttpClient, type HttpClient } from './httpClient';
import { runConcurrently } from './load';
import { RawScores } from './rawScores';
import { openScratch } from './scratch';
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
const EARLY_SAMPLE = 200;

/** A logged-in 成绩查询 that must show the period published, with a result in every row. */
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

async function main(): Promise<void> {
  const scratch = await openScratch('scores');
  try {
    console.log(`preparing ${CANDIDATES} candidates with published-to-be results…`);
    const data: ScoresBenchData = await prepareScores(scratch.db, scratch.services, CANDIDATES);
    const captchas = await prepareCaptchas(scratch.db, PUBLIC * 2);
    const server = await startServerProcess({ ...scratch.env, TRUST_PROXY: 'true' }, scratch.simulator);
    const client = createHttpClient(server.port, CONCURRENCY);
    let http: { run: LoadResult; pub: LoadResult; peakRssMb: number };
    try {
      // The publish time lies just ahead: the server has cached the period with it, as it would on the day.
      const publishAt = new Date(Date.now() + PUBLISH_AFTER_MS);
      await scratch.db.models.ExamPeriod.update({ scoresPublishAt: publishAt }, { where: { id: data.periodId } });
      let early = 0;
      for (const candidate of data.candidates.slice(0, EARLY_SAMPLE)) {
        const view = await client.ok<MyScoresView>('GET', '/api/records/scores', { token: candidate.token });
        if (Date.now() < publishAt.getTime() && view.periods.some((p) => p.published)) early += 1;
      }
      if (early > 0) throw new Error(`${early} candidates saw scores before the publish time`);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, publishAt.getTime() - Date.now())));
      console.log(`published: ${CANDIDATES} candidates ask at concurrency ${CONCURRENCY} (${data.scores} results)…`);
      const run = await runConcurrently(data.candidates, CONCURRENCY, (c) => myScores(client, c, data.periodId));
      console.log(`public lookup: ${PUBLIC} visitors at concurrency ${CONCURRENCY}…`);
      const visitors = data.candidates.slice(0, PUBLIC).map((c, k) => ({ c, k }));
      const pub = await runConcurrently(visitors, CONCURRENCY, ({ c, k }) =>
        publicScores(client, c, captchas[k]!, visitorIp(k)),
      );
      http = { run, pub, peakRssMb: (await server.usage()).peakRssMb };
    } finally {
      client.close();
      await server.stop();
    }

    console.log('raw: the same reads straight through mysql2…');
    const raw = await RawScores.open(scratch.databaseUrl, {
      poolSize: scratch.config.database.pool?.max ?? 10,
      services: scratch.services,
    });
    let rawRun: LoadResult;
    let rawPub: LoadResult;
    try {
      rawRun = await runConcurrently(data.candidates, CONCURRENCY, (c) => raw.myScores(c, data.periodId));
      const visitors = data.candidates.slice(0, PUBLIC).map((c, k) => ({ c, k }));
      rawPub = await runConcurrently(visitors, CONCURRENCY, ({ c, k }) =>
        raw.publicScores(c, captchas[PUBLIC + k]!, BENCH_CAPTCHA_ANSWER, visitorIp(k)),
      );
    } finally {
      await raw.close();
    }

    const s = summarize(http.run);
    const p = summarize(http.pub);
    const rs = summarize(rawRun);
    const rp = summarize(rawPub);
    const perSec = (r: LoadResult) => r.latencies.length / r.seconds;
    console.log(
      JSON.stringify({
        candidates: CANDIDATES,
        concurrency: CONCURRENCY,
        queriesPerSec: round(perSec(http.run), 1),
        p50Ms: s.p50Ms,
        p99Ms: s.p99Ms,
        rawQueriesPerSec: round(perSec(rawRun), 1),
        ratio: round(perSec(http.run) / perSec(rawRun)),
        errors: s.errors + p.errors,
        publicQueriesPerSec: round(perSec(http.pub), 1),
        publicP99Ms: p.p99Ms,
        rawPublicQueriesPerSec: round(perSec(rawPub), 1),
        publicRatio: round(perSec(http.pub) / perSec(rawPub)),
        rawErrors: rs.errors + rp.errors,
        peakRssMb: round(http.peakRssMb, 0),
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
