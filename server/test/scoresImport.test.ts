import ExcelJS from 'exceljs';
import { SCORE_IMPORT_HEADERS, type ScoresImportJobView, type ScoresPeriodView, type ScoreView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsSettled } from '../src/modules/records/enrolledImport/importWorker';
import { setScoresPublishTime } from '../src/modules/records/scores/setScoresPublishTime';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertScoreWorld, paidCandidate, type ScoreWorld } from './support/scoreWorld';
import { startTestServer, type TestServer } from './support/testApp';

async function workbook(rows: unknown[][], header: readonly string[] = SCORE_IMPORT_HEADERS): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('成绩').addRows([[...header], ...rows]);
  return new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]);
}
const csv = (rows: unknown[][]) =>
  new Blob([`\uFEFF${[SCORE_IMPORT_HEADERS, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`]);

const form = (file: Blob, name = '成绩.xlsx') => {
  const data = new FormData();
  data.append('file', file, name);
  return data;
};

describe('scores import and publishing (成绩导入与发布)', () => {
  let server: TestServer;
  let province: OfficialClient;
  let world: ScoreWorld;
  beforeAll(async () => {
    server = await startTestServer();
    province = await signedInOfficial(server, 'province');
    world = await insertScoreWorld(server.db);
  });
  afterAll(() => server.close());

  async function upload(file: Blob, name?: string, periodId = world.periodId) {
    const response = await province.api.post<ScoresImportJobView & { code?: string; message?: string }>(
      `/api/admin/scores/imports?periodId=${periodId}`,
      form(file, name),
    );
    if (response.status !== 201) return { response, job: null };
    await importsSettled(server.db);
    const job = await province.api.get<ScoresImportJobView>(`/api/admin/scores/imports/${response.body.id}`);
    return { response, job: job.body };
  }
  async function importFile(file: Blob, name?: string) {
    const { job, response } = await upload(file, name);
    expect(job?.state, response.text).toBe('checked');
    expect(job!.errors).toEqual([]);
    const started = await province.api.post<ScoresImportJobView>(`/api/admin/scores/imports/${job!.id}/start`);
    expect(started.status, started.text).toBe(200);
    await importsSettled(server.db);
    return (await province.api.get<ScoresImportJobView>(`/api/admin/scores/imports/${job!.id}`)).body;
  }
  const scoreOf = (ticketId: number, courseId: number) =>
    server.db.models.Score.findOne({ where: { ticketId, periodId: world.periodId, courseId } });
  const passedOf = (ticketId: number, courseId: number) =>
    server.db.models.PassedCourse.findOne({ where: { ticketId, courseId } });

  it('lists every bad row with a stable code in the dry run, writes nothing, and refuses to start it', async () => {
    const [p1, p2, p3] = [
      await paidCandidate(server.db, world),
      await paidCandidate(server.db, world),
      await paidCandidate(server.db, world),
    ];
    const { a, b, c } = world.courses;
    const rows = [
      [p1.ticketNo, a.code, 75, '', ''], // 2 fine
      ['519999999999', a.code, 75, '', ''], // 3 unknown ticket
      [p1.ticketNo, b.code, 75, '', ''], // 4 not booked
      [p2.ticketNo, a.code, 101, '', ''], // 5 out of range
      [p2.ticketNo, c.code, '85.5', '', ''], // 6 not an integer
      [p1.ticketNo, c.code, '', '很好', ''], // 7 unknown grade
      [p2.ticketNo, b.code, '', '', '迟到'], // 8 unknown mark
      [p2.ticketNo, b.code, 80, '合格', ''], // 9 both (and a duplicate of 8)
      [p1.ticketNo, a.code, 60, '', ''], // 10 duplicate of 2
      [p1.ticketNo, '99999x', 60, '', ''], // 11 unknown course
      [p3.ticketNo, c.code, '', '', ''], // 12 nothing given
    ];
    const { job } = await upload(await workbook(rows));
    expect(job!.state).toBe('checked');
    expect(job!.periodId).toBe(world.periodId);
    expect(job!.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, '准考证号', 'SCORE_TICKET_UNKNOWN'],
      [4, '课程代码', 'SCORE_COURSE_NOT_BOOKED'],
      [5, '成绩', 'SCORE_INVALID'],
      [6, '成绩', 'SCORE_INVALID'],
      [7, '等级', 'SCORE_GRADE_INVALID'],
      [8, '标记', 'SCORE_MARK_INVALID'],
      [9, '成绩', 'SCORE_RESULT_CONFLICT'],
      [9, '课程代码', 'SCORE_DUPLICATE_IN_FILE'],
      [10, '课程代码', 'SCORE_DUPLICATE_IN_FILE'],
      [11, '课程代码', 'COURSE_UNKNOWN'],
      [12, '成绩', 'SCORE_RESULT_REQUIRED'],
    ]);
    expect(job!.errorRows).toBe(10);
    expect(job!.errors.find((e) => e.row === 4)!.message).toBe(
      `准考证号${p1.ticketNo}本考次未报考课程${b.code}或未缴费`,
    );
    expect(job!.errors.find((e) => e.row === 10)!.message).toContain('与第2行重复');
    const refused = await province.api.post<{ code: string }>(`/api/admin/scores/imports/${job!.id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('IMPORT_NOT_READY');
    expect(await server.db.models.Score.count({ where: { ticketId: [p1.ticketId, p2.ticketId, p3.ticketId] } })).toBe(
      0,
    );
  });

  it('refuses a file without the columns, and is for the province only', async () => {
    const { response } = await upload(await workbook([['x']], ['姓名', '分数']));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('IMPORT_FILE_INVALID');
    const county = await signedInOfficial(server, 'county', { countyId: world.catalog.countyId });
    const denied = await county.api.post(`/api/admin/scores/imports?periodId=${world.periodId}`, form(csv([])));
    expect(denied.status).toBe(403);
    expect((await county.api.get('/api/admin/scores/periods')).status).toBe(403);
  });

  it('imports scores, grades and marks, changes nothing on the same file again, and keeps 已合格课程 in step', async () => {
    const [p1, p2, p3] = [
      await paidCandidate(server.db, world),
      await paidCandidate(server.db, world),
      await paidCandidate(server.db, world),
    ];
    const { a, c } = world.courses;
    // p3 passed course A in an earlier period (the old system): that pass is kept.
    await server.db.models.PassedCourse.create({
      ticketId: p3.ticketId,
      courseId: a.id,
      periodCode: '202304',
      score: 70,
      passedBy: 'exam',
    });
    const rows = [
      [p1.ticketNo, a.code, 60, '', ''], // pass at exactly 60
      [p1.ticketNo, c.code, '', '良好', ''], // passing grade
      [p2.ticketNo, a.code, 59, '', ''], // fail
      [p2.ticketNo, c.code, '', '', '缺考'], // mark
      [p3.ticketNo, a.code, 90, '', ''], // passes again: the earlier pass stays
      [p3.ticketNo, Number(c.code), '', '不合格', ''], // course code as a number (leading zeros dropped)
    ];
    const first = await importFile(await workbook(rows));
    expect(first.state).toBe('done');
    expect(first.summary).toEqual({
      scores: { created: 6, updated: 0, unchanged: 0 },
      passedCourses: { created: 2, updated: 0, unchanged: 1, removed: 0 },
    });
    expect(await scoreOf(p1.ticketId, a.id)).toMatchObject({ score: 60, passed: true, candidateId: p1.candidateId });
    expect(await scoreOf(p2.ticketId, c.id)).toMatchObject({ score: null, grade: null, mark: 'absent', passed: false });
    expect(await passedOf(p1.ticketId, a.id)).toMatchObject({
      periodCode: world.periodCode,
      periodId: world.periodId,
      score: 60,
      passedBy: 'exam',
    });
    expect(await passedOf(p1.ticketId, c.id)).toMatchObject({ grade: '良好', score: null, periodId: world.periodId });
    expect(await passedOf(p2.ticketId, a.id)).toBeNull();
    expect(await passedOf(p3.ticketId, a.id)).toMatchObject({ periodCode: '202304', score: 70, periodId: null });

    const audits = await server.db.models.AuditLog.count();
    const again = await importFile(csv(rows), '成绩.csv');
    expect(again.summary).toEqual({
      scores: { created: 0, updated: 0, unchanged: 6 },
      passedCourses: { created: 0, updated: 0, unchanged: 3, removed: 0 },
    });
    // Only the upload and start of the second job are audited: no score was written.
    expect(await server.db.models.AuditLog.count()).toBe(audits + 2);

    // Before publishing a corrected file may change scores: a pass that becomes a fail leaves 已合格课程.
    const fixed = rows.map((r) => [...r]);
    fixed[0]![2] = 58; // p1 A: pass → fail
    fixed[2]![2] = 75; // p2 A: fail → pass
    const third = await importFile(await workbook(fixed));
    expect(third.summary).toEqual({
      scores: { created: 0, updated: 2, unchanged: 4 },
      passedCourses: { created: 1, updated: 0, unchanged: 2, removed: 1 },
    });
    expect(await passedOf(p1.ticketId, a.id)).toBeNull();
    expect(await passedOf(p2.ticketId, a.id)).toMatchObject({ score: 75, periodId: world.periodId });
    const update = await server.db.models.AuditLog.findOne({
      where: { action: 'score.import_update', entityId: String((await scoreOf(p1.ticketId, a.id))!.id) },
    });
    expect(update!.before).toMatchObject({ score: 60 });
    expect(update!.after).toMatchObject({ score: 58, passed: false });
  });

  it('sets the publish time until it passes, then refuses to change it; audited', async () => {
    const here = await insertScoreWorld(server.db);
    const soon = new Date(Date.now() + 3_600_000);
    const set = await province.api.put<{ scoresPublishAt: string; published: boolean }>(
      `/api/admin/scores/periods/${here.periodId}/publish-time`,
      { scoresPublishAt: soon.toISOString() },
    );
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ scoresPublishAt: soon.toISOString(), published: false });
    const later = new Date(soon.getTime() + 86_400_000);
    const moved = await province.api.put(`/api/admin/scores/periods/${here.periodId}/publish-time`, {
      scoresPublishAt: later.toISOString(),
    });
    expect(moved.status).toBe(200);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'period.scores_publish_at', entityId: String(here.periodId) },
      order: [['id', 'DESC']],
    });
    expect(audit!.before).toEqual({ scoresPublishAt: soon.toISOString() });
    expect(audit!.after).toEqual({ scoresPublishAt: later.toISOString() });

    const past = await province.api.put<{ code: string }>(`/api/admin/scores/periods/${here.periodId}/publish-time`, {
      scoresPublishAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(past.body.code).toBe('SCORES_PUBLISH_TIME_IN_PAST');

    const periods = await province.api.get<ScoresPeriodView[]>('/api/admin/scores/periods');
    expect(periods.body.find((p) => p.id === here.periodId)).toMatchObject({
      scoresPublishAt: later.toISOString(),
      published: false,
    });

    // Once the time has passed (the clock injected), the time is fixed.
    const official = (await server.db.models.Official.findByPk(province.id))!;
    const after = new Date(later.getTime() + 1000);
    await expect(
      setScoresPublishTime(
        server.db,
        official,
        here.periodId,
        { scoresPublishAt: new Date(after.getTime() + 86_400_000).toISOString() },
        { ip: '127.0.0.1', requestId: 't' },
        after,
      ),
    ).rejects.toMatchObject({ code: 'SCORES_PUBLISH_TIME_PASSED' });
    await expect(
      setScoresPublishTime(
        server.db,
        official,
        here.periodId,
        { scoresPublishAt: null },
        { ip: '', requestId: '' },
        after,
      ),
    ).rejects.toMatchObject({ code: 'SCORES_PUBLISH_TIME_PASSED' });
    expect((await server.db.models.ExamPeriod.findByPk(here.periodId))!.scoresPublishAt).toEqual(later);

    // Four minutes before it, another instance may still cache that time: it may come earlier, not later or away.
    const justBefore = new Date(later.getTime() - 4 * 60_000);
    const change = (scoresPublishAt: string | null) =>
      setScoresPublishTime(
        server.db,
        official,
        here.periodId,
        { scoresPublishAt },
        { ip: '', requestId: '' },
        justBefore,
      );
    await expect(change(new Date(later.getTime() + 60_000).toISOString())).rejects.toMatchObject({
      code: 'SCORES_PUBLISH_TIME_IMMINENT',
    });
    await expect(change(null)).rejects.toMatchObject({ code: 'SCORES_PUBLISH_TIME_IMMINENT' });
    const earlier = new Date(later.getTime() - 60_000);
    await expect(change(earlier.toISOString())).resolves.toMatchObject({ published: false });
    expect((await server.db.models.ExamPeriod.findByPk(here.periodId))!.scoresPublishAt).toEqual(earlier);
  });

  it('after publishing refuses re-import rows that change a score, and corrects one with a reason, audited', async () => {
    const here = await insertScoreWorld(server.db);
    const saved = world;
    world = here;
    try {
      const [p1, p2] = [await paidCandidate(server.db, here), await paidCandidate(server.db, here)];
      const { a, c } = here.courses;
      const rows = [
        [p1.ticketNo, a.code, 55, '', ''],
        [p2.ticketNo, a.code, 80, '', ''],
      ];
      await importFile(await workbook(rows));
      await server.db.models.ExamPeriod.update(
        { scoresPublishAt: new Date(Date.now() - 1000) },
        { where: { id: here.periodId } },
      );

      // The same file is fine; a changed score is refused; a new row is taken.
      const changed = [[p1.ticketNo, a.code, 65, '', ''], rows[1]!, [p1.ticketNo, c.code, 70, '', '']];
      const { job } = await upload(await workbook(changed));
      expect(job!.errors.map((e) => [e.row, e.code, e.message])).toEqual([
        [2, 'SCORE_PUBLISHED_CHANGE', '本考次成绩已发布，此行将把已发布的55分改为65分；请通过成绩更正办理'],
      ]);
      const same = await importFile(await workbook(rows));
      expect(same.summary!.scores).toEqual({ created: 0, updated: 0, unchanged: 2 });

      // 成绩更正: find by ticket and course, then correct with a reason.
      const found = await province.api.get<ScoreView>(
        `/api/admin/scores?periodId=${here.periodId}&ticketNo=${p1.ticketNo}&courseCode=${a.code}`,
      );
      expect(found.status, found.text).toBe(200);
      expect(found.body).toMatchObject({ score: 55, passed: false, courseCode: a.code });
      const noReason = await province.api.put<{ code: string }>(`/api/admin/scores/${found.body.id}`, { score: 65 });
      expect(noReason.status).toBe(400);
      const corrected = await province.api.put<{ changed: boolean; score: ScoreView }>(
        `/api/admin/scores/${found.body.id}`,
        { score: 65, reason: '复核发现漏计主观题分数' },
      );
      expect(corrected.status, corrected.text).toBe(200);
      expect(corrected.body).toMatchObject({ changed: true, score: { score: 65, passed: true } });
      expect(await passedOf(p1.ticketId, a.id)).toMatchObject({ score: 65, periodId: here.periodId });
      const audit = await server.db.models.AuditLog.findOne({
        where: { action: 'score.correct', entityId: String(found.body.id) },
      });
      expect(audit).toMatchObject({
        before: { score: 55, grade: null, mark: null, passed: false },
        after: { score: 65, grade: null, mark: null, passed: true },
        reason: '复核发现漏计主观题分数',
        actorId: province.id,
      });
      expect((await scoreOf(p1.ticketId, a.id))!.importJobId).toBeNull();

      // Corrected to a mark: no longer passed, and this period's pass is removed.
      const toMark = await province.api.put<{ score: ScoreView }>(`/api/admin/scores/${found.body.id}`, {
        mark: 'void',
        reason: '违规作废',
      });
      expect(toMark.body.score).toMatchObject({ score: null, mark: 'void', passed: false });
      expect(await passedOf(p1.ticketId, a.id)).toBeNull();
    } finally {
      world = saved;
    }
  });

  it('offers the template as a workbook or CSV with the columns', async () => {
    const xlsx = await fetch(`${server.baseUrl}/api/admin/scores/template.xlsx`, {
      headers: { authorization: `Bearer ${province.api.token}` },
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets[0]!.name).toBe('成绩');
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...SCORE_IMPORT_HEADERS]);
    const text = await fetch(`${server.baseUrl}/api/admin/scores/template.csv`, {
      headers: { authorization: `Bearer ${province.api.token}` },
    });
    // UTF-8 with BOM, so Excel opens it in Chinese.
    expect(Buffer.from(await text.arrayBuffer()).toString('utf8')).toBe(`\uFEFF${SCORE_IMPORT_HEADERS.join(',')}\r\n`);
  });
});
