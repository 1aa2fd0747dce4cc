import type { MyPassedCoursesView, MyProgressView, MyScoresView, PublicScoresAnswer } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graduationProgress } from '../../src/modules/records/myRecords/graduationProgress';
import { myScores } from '../../src/modules/records/myRecords/myScores';
import { solvedCaptcha } from '../support/accountFlows';
import { ApiClient, randomPhone } from '../support/apiClient';
import { freshIdCardNo, insertCandidateWithTicket } from '../support/fixtures';
import { insertPassed, insertRecordsWorld, insertScore } from '../support/records';
import { startTestServer, type TestServer } from '../support/testApp';
import { expectSameTiming, timeInTurns } from '../support/timing';

const HOUR = 3600_000;

describe('成绩查询, 已合格课程, 毕业进度', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof insertRecordsWorld>>;
  let api: ApiClient;
  /** The older period published an hour ago; the newer one publishes in a day. */
  const publishAt = [new Date(Date.now() - HOUR), new Date(Date.now() + 24 * HOUR)] as const;

  const signedIn = (candidateId: number, ticketId: number) => {
    const client = new ApiClient(server.baseUrl);
    client.token = server.services.tokens.sign('candidate-access', { sub: String(candidateId), ver: 0, tk: ticketId });
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', CAPTCHA_IP_PER_MINUTE: '5' });
    world = await insertRecordsWorld(server.db, [...publishAt]);
    const { candidateId, ticketId } = world.candidate;
    const [older, newer] = world.periods;
    const [c0, c1, c2, c3] = world.courses;
    const mine = { candidateId, ticketId };
    await insertScore(server.db, { ...mine, periodId: older!.id, courseId: c0!.id }, { score: 78, passed: true });
    await insertScore(server.db, { ...mine, periodId: older!.id, courseId: c1!.id }, { mark: 'absent', passed: false });
    await insertScore(server.db, { ...mine, periodId: older!.id, courseId: c3!.id }, { grade: '良好', passed: true });
    await insertScore(server.db, { ...mine, periodId: newer!.id, courseId: c1!.id }, { score: 91, passed: true });
    await insertPassed(
      server.db,
      { ticketId, courseId: c0!.id, periodCode: older!.code, periodId: older!.id },
      'exam',
      {
        score: 78,
      },
    );
    await insertPassed(
      server.db,
      { ticketId, courseId: c3!.id, periodCode: older!.code, periodId: older!.id },
      'exam',
      {
        grade: '良好',
      },
    );
    await insertPassed(
      server.db,
      { ticketId, courseId: c1!.id, periodCode: newer!.code, periodId: newer!.id },
      'exam',
      {
        score: 91,
      },
    );
    await insertPassed(server.db, { ticketId, courseId: c2!.id, periodCode: '201910' }, 'exempt');
    await insertPassed(server.db, { ticketId, courseId: world.courses[4]!.id, periodCode: '202004' }, 'transfer', {
      score: 66,
    });
    api = signedIn(candidateId, ticketId);
  });
  afterAll(() => server.close());

  it('shows a published period’s results and only the publish time of one not yet published', async () => {
    const answer = await api.get<MyScoresView>('/api/records/scores');
    expect(answer.status, answer.text).toBe(200);
    const [newer, older] = answer.body.periods;
    expect(newer).toEqual({
      periodId: world.periods[1]!.id,
      periodCode: world.periods[1]!.code,
      periodName: world.periods[1]!.name,
      published: false,
      publishAt: publishAt[1].toISOString(),
      scores: [],
    });
    // The unpublished period's 91 is nowhere in the answer, not even under another period.
    expect(answer.body.periods.flatMap((p) => p.scores.map((r) => r.score))).not.toContain(91);
    expect(older!.published).toBe(true);
    const byCode = Object.fromEntries(older!.scores.map((s) => [s.courseCode, s]));
    expect(byCode[world.courses[0]!.code]).toMatchObject({ result: '78', score: 78, passed: true });
    expect(byCode[world.courses[1]!.code]).toMatchObject({ result: '缺考', mark: 'absent', passed: false });
    expect(byCode[world.courses[3]!.code]).toMatchObject({ result: '良好', grade: '良好', passed: true });
  });

  it('refuses a session that has ended (password changed elsewhere) although the scores are read with the account', async () => {
    const { candidateId, ticketId } = world.candidate;
    await server.db.models.Candidate.increment('tokenVersion', { where: { id: candidateId } });
    try {
      const answer = await signedIn(candidateId, ticketId).get<{ code: string }>('/api/records/scores');
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('TOKEN_EXPIRED');
      expect(answer.text).not.toMatch(/"(score|result)":"?78/);
    } finally {
      await server.db.models.Candidate.decrement('tokenVersion', { where: { id: candidateId } });
    }
  });

  it('shows the newer period exactly from its publish time, and 成绩尚未公布 when none is set', async () => {
    const { candidateId } = world.candidate;
    const claims = { candidateId, tokenVersion: 0, ticketId: undefined };
    const just = (ms: number) => new Date(publishAt[1].getTime() + ms);
    const before = await myScores(server.db, claims, just(-1));
    expect(before.periods[0]).toMatchObject({ published: false, scores: [] });
    const after = await myScores(server.db, claims, just(0));
    expect(after.periods[0]).toMatchObject({ published: true, scores: [{ result: '91', passed: true }] });

    await server.db.models.ExamPeriod.update({ scoresPublishAt: null }, { where: { id: world.periods[1]!.id } });
    server.db.catalog.invalidate();
    try {
      const unscheduled = await myScores(server.db, claims, just(HOUR));
      expect(unscheduled.periods[0]).toMatchObject({ published: false, publishAt: null, scores: [] });
    } finally {
      await server.db.models.ExamPeriod.update(
        { scoresPublishAt: publishAt[1] },
        { where: { id: world.periods[1]!.id } },
      );
      server.db.catalog.invalidate();
    }
  });

  it('answers a candidate with their own scores only', async () => {
    const other = await insertCandidateWithTicket(server.db, 'other', {
      phone: randomPhone(),
      password: 'Pass2027word',
    });
    const theirs = signedIn(other.candidateId, other.ticketId);
    expect((await theirs.get<MyScoresView>('/api/records/scores')).body).toEqual({ periods: [] });
    expect((await theirs.get<MyPassedCoursesView>('/api/records/passed')).body).toEqual({ courses: [] });
    expect((await new ApiClient(server.baseUrl).get('/api/records/scores')).status).toBe(401);
  });

  it('answers candidates asking at the same moment each with their own scores, refusing only the ended session', async () => {
    const older = world.periods[0]!;
    const course = world.courses[0]!;
    const crowd: Array<Awaited<ReturnType<typeof insertCandidateWithTicket>>> = [];
    for (let k = 0; k < 12; k++) {
      const one = await insertCandidateWithTicket(server.db, `crowd${k}`, {
        phone: randomPhone(),
        password: 'Pass2027word',
      });
      await insertScore(
        server.db,
        { ...one, periodId: older.id, courseId: course.id },
        { score: 60 + k, passed: true },
      );
      crowd.push(one);
    }
    const ended = crowd[5]!;
    await server.db.models.Candidate.increment('tokenVersion', { where: { id: ended.candidateId } });
    // Asked in one turn, so the reads go out together (one statement); then over HTTP, as the crowd asks.
    const claims = (one: (typeof crowd)[number]) => ({ ...one, tokenVersion: 0 });
    const direct = await Promise.allSettled(crowd.map((one) => myScores(server.db, claims(one))));
    const overHttp = await Promise.all(
      crowd.map((one) => signedIn(one.candidateId, one.ticketId).get<MyScoresView>('/api/records/scores')),
    );
    crowd.forEach((one, k) => {
      const own = [
        { periodId: older.id, published: true, scores: [expect.objectContaining({ result: String(60 + k) })] },
      ];
      if (one === ended) {
        expect(direct[k]).toMatchObject({ status: 'rejected', reason: { code: 'TOKEN_EXPIRED' } });
        expect(overHttp[k]!.status).toBe(401);
        return;
      }
      expect(direct[k]).toMatchObject({ status: 'fulfilled', value: { periods: own } });
      expect(overHttp[k]!.body).toMatchObject({ periods: own });
    });
  });

  it('lists passed courses across periods with how they were passed, hiding an unpublished period’s', async () => {
    const answer = await api.get<MyPassedCoursesView>('/api/records/passed');
    expect(answer.status, answer.text).toBe(200);
    const rows = answer.body.courses.map((c) => [c.courseCode, c.passedByLabel, c.periodCode, c.score ?? c.grade]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [world.courses[0]!.code, '考试', world.periods[0]!.code, 78],
        [world.courses[3]!.code, '考试', world.periods[0]!.code, '良好'],
        [world.courses[2]!.code, '免考', '201910', null],
        [world.courses[4]!.code, '转入', '202004', 66],
      ]),
    );
    expect(rows).toHaveLength(4);
    expect(answer.body.courses.every((c) => c.ticketNo === world.candidate.ticketNo)).toBe(true);
  });

  it('counts graduation progress against the plan: required missing, electives, credits', async () => {
    const answer = await api.get<MyProgressView>('/api/records/progress');
    expect(answer.status, answer.text).toBe(200);
    const [progress] = answer.body.tickets;
    const codes = (list: Array<{ courseCode: string }>) => list.map((c) => c.courseCode).sort();
    // Course 1 (required, 6 credits in the plan) was passed in the period not yet published.
    expect(codes(progress!.requiredMissing)).toEqual([world.courses[1]!.code]);
    expect(codes(progress!.requiredPassed)).toEqual([world.courses[0]!.code]);
    expect(codes(progress!.electivesPassed)).toEqual(
      codes([world.courses[2]!, world.courses[3]!].map((c) => ({ courseCode: c.code }))),
    );
    // Course 4 (转入) is outside the plan and does not count.
    expect(progress).toMatchObject({
      majorName: world.major.name,
      creditsEarned: 12,
      creditsNeeded: 10,
      complete: false,
    });

    const published = await graduationProgress(server.db, world.candidate.ticketId, publishAt[1]);
    expect(published).toMatchObject({ requiredMissing: [], creditsEarned: 18, creditsNeeded: 10, complete: true });
  });
});

describe('成绩查询 without logging in', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof insertRecordsWorld>>;
  const NAME = '张晓明';

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', CAPTCHA_IP_PER_MINUTE: '6' });
    world = await insertRecordsWorld(server.db, [new Date(Date.now() - HOUR), new Date(Date.now() + HOUR)]);
    const { candidateId, ticketId } = world.candidate;
    await server.db.models.Candidate.update({ name: NAME }, { where: { id: candidateId } });
    for (const [p, score] of [
      [0, 55],
      [1, 88],
    ] as const) {
      const row = { candidateId, ticketId, periodId: world.periods[p]!.id, courseId: world.courses[0]!.id };
      await insertScore(server.db, row, { score, passed: score >= 60 });
    }
  });
  afterAll(() => server.close());

  const lookUp = async (api: ApiClient, name: string, idCardNo: string) =>
    api.post<PublicScoresAnswer & { code?: string; message?: string }>('/api/public/scores', {
      name,
      idCardNo,
      ...(await solvedCaptcha(api, server.simulator)),
    });

  it('answers with the latest published period’s scores and the ID number masked', async () => {
    const answer = await lookUp(new ApiClient(server.baseUrl), NAME, world.candidate.idCardNo);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({
      name: NAME,
      periodCode: world.periods[0]!.code,
      scores: [{ courseCode: world.courses[0]!.code, result: '55', passed: false }],
    });
    expect(answer.body.idCardMasked).toMatch(/\*/);
    expect(answer.text).not.toContain(world.candidate.idCardNo);
    // The other period's result (88) is not in it (random codes may hold the digits, so look at the results).
    expect(answer.text).not.toMatch(/"(score|result)":"?88/);
  });

  it('answers a wrong name, an unknown ID number and nothing published alike', async () => {
    const unpublished = await insertCandidateWithTicket(server.db, 'unpublished');
    await server.db.models.Candidate.update({ name: NAME }, { where: { id: unpublished.candidateId } });
    const row = { ...unpublished, periodId: world.periods[1]!.id, courseId: world.courses[0]!.id };
    await insertScore(server.db, row, { score: 70, passed: true });

    const answers = [
      await lookUp(new ApiClient(server.baseUrl), '李四光', world.candidate.idCardNo),
      await lookUp(new ApiClient(server.baseUrl), NAME, freshIdCardNo()),
      await lookUp(new ApiClient(server.baseUrl), NAME, unpublished.idCardNo),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      // Only the request id differs.
      expect({ ...answer.body, requestId: '' }).toEqual({ ...answers[0]!.body, requestId: '' });
    }
    expect(answers[0]!.body).toMatchObject({ code: 'SCORES_NOT_FOUND', message: '未查询到成绩' });
  });

  it('takes as long for a wrong name as for an unknown ID number', async () => {
    const ask = (known: boolean) => async () => {
      const api = new ApiClient(server.baseUrl);
      const body = {
        name: known ? '李四光' : NAME,
        idCardNo: known ? world.candidate.idCardNo : freshIdCardNo(),
        ...(await solvedCaptcha(api, server.simulator)),
      };
      return async () => expect((await api.post('/api/public/scores', body)).status).toBe(404);
    };
    const [wrongName, unknownId] = await timeInTurns(60, ask(true), ask(false));
    expectSameTiming(wrongName, unknownId);
  });

  it('answers visitors asking at the same moment each with their own scores, and takes a captcha once', async () => {
    const crowd = [];
    for (let k = 0; k < 10; k++) {
      const one = await insertCandidateWithTicket(server.db, `public${k}`);
      const name = `王${'一二三四五六七八九十'[k]}`;
      await server.db.models.Candidate.update({ name }, { where: { id: one.candidateId } });
      const row = { ...one, periodId: world.periods[0]!.id, courseId: world.courses[0]!.id };
      await insertScore(server.db, row, { score: 61 + k, passed: true });
      crowd.push({ ...one, name });
    }
    const asks = await Promise.all(
      crowd.map(async (one) => {
        const api = new ApiClient(server.baseUrl);
        return {
          api,
          body: { name: one.name, idCardNo: one.idCardNo, ...(await solvedCaptcha(api, server.simulator)) },
        };
      }),
    );
    const answers = await Promise.all(
      asks.map(({ api, body }) => api.post<PublicScoresAnswer>('/api/public/scores', body)),
    );
    crowd.forEach((one, k) =>
      expect(answers[k]!.body).toMatchObject({ name: one.name, scores: [{ result: String(61 + k) }] }),
    );

    // A new captcha, solved, sent twice at once from two addresses: one answer, one refusal.
    const api = new ApiClient(server.baseUrl);
    const body = { ...asks[0]!.body, ...(await solvedCaptcha(api, server.simulator)) };
    const twice = await Promise.all([
      api.post<{ code?: string }>('/api/public/scores', body),
      new ApiClient(server.baseUrl).post<{ code?: string }>('/api/public/scores', body),
    ]);
    expect(twice.map((answer) => answer.body.code ?? answer.status).sort()).toEqual([200, 'CAPTCHA_INVALID'].sort());
  });

  it('wants a captcha, and limits the lookups from one address', async () => {
    const api = new ApiClient(server.baseUrl);
    const bare = await api.post('/api/public/scores', { name: NAME, idCardNo: world.candidate.idCardNo });
    expect(bare.status).toBe(400);
    const wrong = await api.post('/api/public/scores', {
      name: NAME,
      idCardNo: world.candidate.idCardNo,
      captchaId: (await api.get<{ captchaId: string }>('/api/captcha')).body.captchaId,
      captchaAnswer: 'zzzz',
    });
    expect(wrong.body).toMatchObject({ code: 'CAPTCHA_INVALID' });
    // Six a minute (CAPTCHA_IP_PER_MINUTE): the wrong captcha counted above, five more pass, the next is refused.
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const captcha = await server.services.captchas.issue(`other-${i}-${api.ip}`);
      const body = {
        name: NAME,
        idCardNo: world.candidate.idCardNo,
        captchaId: captcha.captchaId,
        captchaAnswer: await server.simulator.captchaAnswer(captcha.captchaId),
      };
      statuses.push((await api.post('/api/public/scores', body)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Another address is not affected.
    expect((await lookUp(new ApiClient(server.baseUrl), NAME, world.candidate.idCardNo)).status).toBe(200);
  });
});
