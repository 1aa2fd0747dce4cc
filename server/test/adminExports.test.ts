import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDateString } from '../src/lib/beijingTime';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm, payByScan } from './support/bookingFlows';
import { insertCrowd } from './support/crowd';
import { signedInOfficial } from './support/adminSession';
import { BOOKING_HEADERS, readXlsx } from './support/spreadsheets';
import { startTestServer, type TestServer } from './support/testApp';

describe('exports of bookings, payments and seats', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let paid: Awaited<ReturnType<typeof holdAndConfirm>>;
  let confirmed: Awaited<ReturnType<typeof holdAndConfirm>>;
  let periodCode: string;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, counties: 2 });
    paid = await holdAndConfirm(server, catalog, 2);
    await payByScan(server, paid);
    confirmed = await holdAndConfirm(server, catalog, 1, 1);
    periodCode = (await server.db.models.ExamPeriod.findByPk(catalog.periodId))!.code;
  });
  afterAll(() => server.close());

  it('streams an XLSX of every booked course with Chinese headers, masked IDs and a dated file name', async () => {
    const province = await signedInOfficial(server, 'province');
    const { response, bytes } = await province.api.bytes(
      `/api/admin/exports/bookings.xlsx?periodId=${catalog.periodId}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const date = beijingDateString(new Date()).replaceAll('-', '');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="bookings_${periodCode}_${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(`报考明细_${periodCode}_${date}.xlsx`)}`,
    );
    const rows = await readXlsx(bytes);
    expect(rows[0]).toEqual(BOOKING_HEADERS);
    expect(rows).toHaveLength(4);
    const mine = rows.filter((r) => r[0] === paid.candidate.ticketNo);
    expect(mine.map((r) => [r[5], r[7], r[9]])).toEqual([
      [catalog.units[0]!.codes[0], 'U1', '已缴费'],
      [catalog.units[1]!.codes[0], 'U2', '已缴费'],
    ]);
    const id = paid.candidate.idCardNo;
    expect(mine[0]![2]).toBe(`${id.slice(0, 3)}${'*'.repeat(14)}${id.slice(-1)}`);
    expect(mine[0]![4]).toBe(catalog.counties[0]!.name);
    expect(mine[0]![12]).toBe(paid.outTradeNo);
    expect(String(mine[0]![11])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(JSON.stringify(rows)).not.toContain(id);

    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'export.bookings', actorId: province.id },
    });
    expect(audit?.after).toEqual({
      what: 'bookings',
      format: 'xlsx',
      filters: { periodId: catalog.periodId },
      rows: 3,
    });
  });

  it('gives a county office a UTF-8 CSV of its own county only', async () => {
    const course = await server.db.models.Course.findOne({ where: { code: catalog.units[0]!.codes[0]! } });
    const originalName = course!.name;
    await course!.update({ name: '英语（二）, "精读"' });
    try {
      const county = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
      const { response, bytes } = await county.api.bytes(
        `/api/admin/exports/bookings.csv?periodId=${catalog.periodId}`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text).toContain('"英语（二）, ""精读"""');
      const rows = parse(text) as string[][];
      expect(rows[0]).toEqual(BOOKING_HEADERS);
      expect(rows.slice(1).map((r) => [r[0], r[4], r[6], r[9]])).toEqual([
        [confirmed.candidate.ticketNo, catalog.counties[1]!.name, '英语（二）, "精读"', '已确认'],
      ]);
      expect(text).not.toContain(confirmed.candidate.idCardNo);
    } finally {
      await course!.update({ name: originalName });
    }
  });

  it('exports payments filtered by state with amounts in yuan', async () => {
    const county = await signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
    const { response, bytes } = await county.api.bytes(
      `/api/admin/exports/payments.csv?periodId=${catalog.periodId}&state=paid`,
    );
    expect(response.status).toBe(200);
    const rows = parse(bytes.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual([
      '订单号',
      '准考证号',
      '姓名',
      '身份证号(脱敏)',
      '县区',
      '课程数',
      '金额(元)',
      '状态',
      '支付方式',
      '微信支付单号',
      '下单时间',
      '缴费时间',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 9)).toEqual([
      paid.outTradeNo,
      paid.candidate.ticketNo,
      '测试考生',
      `${paid.candidate.idCardNo.slice(0, 3)}${'*'.repeat(14)}${paid.candidate.idCardNo.slice(-1)}`,
      catalog.counties[0]!.name,
      '2',
      '70.00',
      '已缴费',
      '扫码支付',
    ]);
    const xlsx = await county.api.bytes(`/api/admin/exports/payments.xlsx?periodId=${catalog.periodId}`);
    const sheet = await readXlsx(xlsx.bytes);
    expect(sheet.slice(1).map((r) => [r[0], r[6]])).toEqual([[paid.outTradeNo, 70]]);
  });

  it('exports the seats table of the official’s counties with a total row', async () => {
    const county = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
    const { response, bytes } = await county.api.bytes(`/api/admin/exports/seats.xlsx?periodId=${catalog.periodId}`);
    expect(response.status).toBe(200);
    const rows = await readXlsx(bytes);
    expect(rows[0]).toEqual([
      '市(州)',
      '县区',
      '考试单元',
      '考试日期',
      '时段',
      '考位数',
      '已保存未缴费',
      '已缴费',
      '余量',
    ]);
    expect(rows.slice(1)).toEqual([
      [expect.any(String), catalog.counties[1]!.name, 'U1', '2027-04-10', '上午', 10, 1, 0, 9],
      [expect.any(String), catalog.counties[1]!.name, 'U2', '2027-04-10', '下午', 10, 0, 0, 10],
      ['合计', undefined, undefined, undefined, undefined, 20, 1, 0, 19],
    ]);
  });

  it('streams a large export page by page, every row once', async () => {
    const big = await insertBookingCatalog(server.db, { capacity: 5000, units: 1, counties: 1, coursesPerUnit: 1 });
    const crowd = await insertCrowd(server.db, 2345, big.periodId, big.majorId);
    const course = await server.db.models.Course.findOne({ where: { code: big.units[0]!.codes[0]! } });
    // Seats taken move with the items in one transaction: other test files check every quota's count meanwhile.
    const where = { periodId: big.periodId, countyId: big.counties[0]!.countyId, unitId: big.units[0]!.unitId };
    await server.db.sequelize.transaction(async (transaction) => {
      await server.db.models.BookingItem.bulkCreate(
        crowd.map((member) => ({
          ...member,
          periodId: big.periodId,
          countyId: big.counties[0]!.countyId,
          unitId: big.units[0]!.unitId,
          courseId: course!.id,
          state: 'held' as const,
          paymentOrderId: null,
          heldAt: new Date(),
          confirmedAt: null,
          paidAt: null,
          releasedAt: null,
        })),
        { transaction },
      );
      await server.db.models.SeatQuota.increment({ taken: crowd.length }, { where, transaction });
    });
    const province = await signedInOfficial(server, 'province');
    const csv = await province.api.bytes(`/api/admin/exports/bookings.csv?periodId=${big.periodId}`);
    expect(csv.response.headers.get('x-export-rows')).toBe('2345');
    const rows = (parse(csv.bytes.toString('utf8').slice(1)) as string[][]).slice(1);
    expect(rows).toHaveLength(2345);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2345);
    const xlsx = await readXlsx(
      (await province.api.bytes(`/api/admin/exports/bookings.xlsx?periodId=${big.periodId}`)).bytes,
    );
    expect(xlsx).toHaveLength(2346);
  });

  it('refuses unknown exports, other districts and bad filters before sending anything', async () => {
    const county = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
    const unknown = await county.api.get(`/api/admin/exports/people.xlsx?periodId=${catalog.periodId}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EXPORT_NOT_SUPPORTED');
    expect((await county.api.get(`/api/admin/exports/bookings.pdf?periodId=${catalog.periodId}`)).status).toBe(404);
    const other = await county.api.get(
      `/api/admin/exports/bookings.csv?periodId=${catalog.periodId}&countyId=${catalog.counties[0]!.countyId}`,
    );
    expect(other.status).toBe(403);
    expect((await county.api.get('/api/admin/exports/bookings.csv')).status).toBe(400);
    const badState = await county.api.get(`/api/admin/exports/payments.csv?periodId=${catalog.periodId}&state=held`);
    expect(badState.status).toBe(400);
    expect(badState.body.code).toBe('EXPORT_FILTER_INVALID');
    expect((await county.api.get(`/api/admin/exports/bookings.csv?periodId=${catalog.periodId}`, 'bad')).status).toBe(
      401,
    );
    const audits = await server.db.models.AuditLog.count({ where: { actorId: county.id } });
    expect(audits).toBe(0);
  });
});
