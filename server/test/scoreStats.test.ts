import ExcelJS from 'exceljs';
import type { ScoreMark, ScoreStatsAnswer } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewScoreStats } from '../src/modules/records/scoreStats/viewScoreStats';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertBookingItem } from './support/admission';
import { insertCandidateWithTicket, insertCatalog, type CatalogFixture } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

const HOUR = 3_600_000;

describe('score statistics (成绩统计) and export', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  let province: OfficialClient;
  let countyA: OfficialClient;
  let cityA: OfficialClient;
  let countyB: OfficialClient;
  let courseX: number;
  let courseY: number;
  const ids: string[] = [];

  /** A candidate who booked and paid `course` in `countyId`, with a score row (unless `result` is null). */
  async function sat(
    countyId: number,
    course: number,
    result: { score?: number; mark?: ScoreMark; passed?: boolean } | null,
    state: 'paid' | 'refunded' = 'paid',
  ) {
    const who = await insertCandidateWithTicket(server.db, 'stats');
    ids.push(who.idCardNo);
    const base = { candidateId: who.candidateId, ticketId: who.ticketId, periodId: catalog.periodId, courseId: course };
    await insertBookingItem(server.db, { ...base, countyId, unitId: catalog.unitId }, state);
    if (result) {
      await server.db.models.Score.create({
        ...base,
        score: result.score ?? null,
        mark: result.mark ?? null,
        passed: result.passed ?? false,
      });
    }
  }

  const setPublishAt = (at: Date | null) =>
    server.db.models.ExamPeriod.update({ scoresPublishAt: at }, { where: { id: catalog.periodId } });

  beforeAll(async () => {
    server = await startTestServer();
    catalog = await insertCatalog(server.db, { capacity: 50 });
    [courseX, courseY] = catalog.courseIds as [number, number];
    // County B lies in another city, in the same period.
    const other = await insertCatalog(server.db, { capacity: 50 });
    province = await signedInOfficial(server, 'province');
    countyA = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
    cityA = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    countyB = await signedInOfficial(server, 'county', { countyId: other.countyId });
    const a = catalog.countyId;
    const b = other.countyId;
    await sat(a, courseX, { score: 95, passed: true });
    await sat(a, courseX, { score: 60, passed: true });
    await sat(a, courseX, { score: 59 });
    await sat(a, courseX, { mark: 'absent' });
    await sat(a, courseY, { score: 100, passed: true });
    await sat(b, courseX, { score: 30 });
    await sat(b, courseX, { mark: 'misconduct' });
    await sat(b, courseX, null, 'refunded');
    await setPublishAt(new Date(Date.now() + 24 * HOUR));
  });
  afterAll(() => server.close());

  const stats = (who: OfficialClient, query = `periodId=${catalog.periodId}`) =>
    who.api.get<ScoreStatsAnswer & { code?: string; message?: string }>(`/api/admin/score-stats?${query}`);
  const bands = (filled: Record<number, number>) => Array.from({ length: 10 }, (_, i) => filled[i] ?? 0);

  it('the province sees every county before publication: booked, sat, passed, rate, bands', async () => {
    const answer = await stats(province);
    expect(answer.status, answer.text).toBe(200);
    const x = answer.body.rows.find((r) => r.courseId === courseX)!;
    expect(x).toMatchObject({ booked: 6, sat: 5, passed: 2, passRate: 40 });
    expect(x.bands).toEqual(bands({ 3: 1, 5: 1, 6: 1, 9: 1 }));
    const y = answer.body.rows.find((r) => r.courseId === courseY)!;
    expect(y).toMatchObject({ booked: 1, sat: 1, passed: 1, passRate: 100 });
    expect(y.bands).toEqual(bands({ 9: 1 }));
    expect(answer.body.total).toMatchObject({ booked: 7, sat: 6, passed: 3, passRate: 50 });
    const one = await stats(province, `periodId=${catalog.periodId}&courseId=${courseY}`);
    expect(one.body.rows.map((r) => r.courseId)).toEqual([courseY]);
  });

  it('county and city offices are refused before the publish time, statistics and export alike', async () => {
    for (const who of [countyA, cityA]) {
      const refused = await stats(who);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('SCORE_STATS_NOT_PUBLISHED');
      const file = await who.api.bytes(`/api/admin/score-stats.xlsx?periodId=${catalog.periodId}`);
      expect(file.response.status).toBe(403);
    }
    await setPublishAt(null);
    expect((await stats(countyA)).body.code).toBe('SCORE_STATS_NOT_PUBLISHED');
    await setPublishAt(new Date(Date.now() + 24 * HOUR));
  });

  it('after the publish time (an injected clock) a county office sees its own county only', async () => {
    const official = (await server.db.models.Official.findByPk(countyA.id))!;
    const query = { periodId: catalog.periodId };
    await expect(viewScoreStats(server.db, official, query, new Date(Date.now() + 23 * HOUR))).rejects.toMatchObject({
      code: 'SCORE_STATS_NOT_PUBLISHED',
    });
    const later = await viewScoreStats(server.db, official, query, new Date(Date.now() + 25 * HOUR));
    const x = later.rows.find((r) => r.courseId === courseX)!;
    expect(x).toMatchObject({ booked: 4, sat: 3, passed: 2, passRate: 66.7 });
    expect(x.bands).toEqual(bands({ 5: 1, 6: 1, 9: 1 }));
  });

  it('once published, each office sees its scope over HTTP', async () => {
    await setPublishAt(new Date(Date.now() - HOUR));
    const a = (await stats(countyA)).body.rows.find((r) => r.courseId === courseX)!;
    expect(a).toMatchObject({ booked: 4, sat: 3, passed: 2 });
    const city = (await stats(cityA)).body.rows.find((r) => r.courseId === courseX)!;
    expect(city).toMatchObject({ booked: 4, sat: 3, passed: 2 });
    const b = await stats(countyB);
    expect(b.body.rows.map((r) => [r.courseId, r.booked, r.sat, r.passed, r.passRate])).toEqual([
      [courseX, 2, 2, 0, 0],
    ]);
  });

  async function readExport(who: OfficialClient) {
    const file = await who.api.bytes(`/api/admin/score-stats.xlsx?periodId=${catalog.periodId}`);
    expect(file.response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const rows = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1));
    return { summary: rows('成绩统计'), details: rows('成绩明细'), text: file.bytes };
  }

  it('exports XLSX with the numbers and masked document numbers, audited', async () => {
    const { summary, details } = await readExport(province);
    const codeX = (await server.db.models.Course.findByPk(courseX))!.code;
    const rowX = summary.find((r) => r[0] === codeX)!;
    expect(rowX.slice(2, 6)).toEqual([6, 5, 2, 40]);
    expect(rowX.slice(6)).toEqual(bands({ 3: 1, 5: 1, 6: 1, 9: 1 }));
    expect(summary.at(-1)!.slice(0, 1)).toEqual(['合计']);
    expect(details).toHaveLength(7);
    const marks = details.map((d) => d[8]).filter(Boolean);
    expect(marks.sort()).toEqual(['缺考', '违纪']);
    for (const d of details) expect(String(d[2])).toMatch(/\*{6,}/);
    const all = JSON.stringify(details);
    for (const id of ids) expect(all).not.toContain(id);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'export.score_stats', actorId: province.id },
    });
    expect(audit).not.toBeNull();

    const own = await readExport(countyA);
    expect(own.details).toHaveLength(5);
    expect(new Set(own.details.map((d) => d[3]))).toEqual(
      new Set([(await server.db.models.County.findByPk(catalog.countyId))!.name]),
    );
  });
});
