import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { ApiClient } from '../support/apiClient';
import { ageSmsCodes, completeFirstLogin } from '../support/accountFlows';
import { insertBookingCatalog, setCapacity, takenOf, type BookingCatalog } from '../support/bookingCatalog';
import { replaceWithCode, waitForOrder } from '../support/bookingFlows';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

interface HoldAnswer {
  items: Array<{ code: string; result: string; unitLabel?: string; error?: { code: string; message: string } }>;
}

describe('booking a county, holding seats, confirming', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  async function readyCandidate() {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'booking');
    const session = await completeFirstLogin(api, server.simulator, candidate);
    api.token = session.accessToken;
    return { api, candidate, phone: session.phone };
  }

  async function holdWithCode(api: ApiClient, phone: string, body: Record<string, unknown>) {
    await ageSmsCodes(server.db, phone, 61);
    const code = await api.post<{ courseCodes: string[] }>('/api/booking/hold-code', body);
    expect(code.status, code.text).toBe(200);
    const smsCode = await server.simulator.latestSmsCode(phone);
    return api.post<HoldAnswer>('/api/booking/holds', { ...body, smsCode });
  }

  it('walks the whole flow of seed 004 and refuses what the rules refuse', async () => {
    const catalog: BookingCatalog = await insertBookingCatalog(server.db, { capacity: 5 });
    const [u1, u2, u3, u4] = catalog.units;
    const county = catalog.counties[0]!;
    const { api, phone, candidate } = await readyCandidate();
    const base = { periodId: catalog.periodId, countyId: county.countyId };

    // Rule 2: the notice first.
    expect((await api.post('/api/booking/check', { ...base, courseCodes: [u1!.codes[0]] })).body).toMatchObject({
      code: 'NOTICE_NOT_ACKNOWLEDGED',
    });
    expect((await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId })).status).toBe(200);

    // Rules 4–6: codes placed per unit, refusals named per code, full units listed.
    await setCapacity(server.db, catalog.periodId, county.countyId, u3!.unitId, 0);
    const checked = await api.post<{
      placements: Array<Record<string, unknown>>;
      fullUnits: Array<{ code: string; message: string }>;
    }>('/api/booking/check', {
      ...base,
      courseCodes: [u1!.codes[0], u1!.codes[1], '99999x', '00000', u2!.codes[0], u3!.codes[0]],
    });
    expect(checked.status, checked.text).toBe(200);
    const byCode = Object.fromEntries(checked.body.placements.map((p) => [p.code, p]));
    expect(byCode[u1!.codes[0]!]).toMatchObject({ status: 'ok', unitLabel: '4月10日（周六）上午 9:00–11:30' });
    expect(byCode[u1!.codes[1]!]).toMatchObject({
      status: 'refused',
      error: {
        code: 'COURSE_UNIT_CONFLICT',
        message: `课程“${u1!.codes[1]}”与“${u1!.codes[0]}”在同一考试单元，每个单元只能报考一门课程`,
      },
    });
    expect(byCode['99999x']).toMatchObject({ status: 'refused', error: { code: 'INVALID_COURSE_CODE' } });
    expect(byCode['00000']).toMatchObject({
      status: 'refused',
      error: { code: 'COURSE_NOT_OFFERED', message: '课程“00000”本次考试未开考' },
    });
    expect(checked.body.fullUnits).toEqual([
      expect.objectContaining({
        code: u3!.codes[0],
        message: expect.stringMatching(
          new RegExp(`^${county.name}，4月11日（周日）上午 9:00–11:30，${u3!.codes[0]} .+ 已达到最大人数$`),
        ),
      }),
    ]);

    // Rule 6: asking for the code with a full unit sends nothing until the candidate agrees to drop it.
    await ageSmsCodes(server.db, phone, 61);
    const inboxBefore = (await server.simulator.inbox(phone)).length;
    const wanted = { ...base, courseCodes: [u1!.codes[0], u2!.codes[0], u3!.codes[0]] };
    const asked = await api.post('/api/booking/hold-code', wanted);
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({ code: 'SEATS_FULL_CONFIRM' });
    expect(asked.body.message).toContain('已达到最大人数');
    expect((await server.simulator.inbox(phone)).length).toBe(inboxBefore);
    const agreed = await api.post<{ courseCodes: string[]; dropped: string[] }>('/api/booking/hold-code', {
      ...wanted,
      dropFull: true,
    });
    expect(agreed.body).toMatchObject({ courseCodes: [u1!.codes[0], u2!.codes[0]], dropped: [u3!.codes[0]] });

    const held = await api.post<HoldAnswer>('/api/booking/holds', {
      ...base,
      courseCodes: agreed.body.courseCodes,
      smsCode: await server.simulator.latestSmsCode(phone),
    });
    expect(held.status, held.text).toBe(200);
    expect(held.body.items.map((i) => [i.code, i.result])).toEqual([
      [u1!.codes[0], 'held'],
      [u2!.codes[0], 'held'],
    ]);
    expect(await takenOf(server.db, catalog.periodId, county.countyId, u1!.unitId)).toBe(1);

    // Rule 8: a failed addition leaves earlier holds untouched.
    await setCapacity(server.db, catalog.periodId, county.countyId, u3!.unitId, 1);
    await server.db.sequelize.query(
      'UPDATE seat_quotas SET taken = 1 WHERE period_id = ? AND county_id = ? AND unit_id = ?',
      {
        replacements: [catalog.periodId, county.countyId, u3!.unitId],
      },
    );
    await server.db.sequelize.query(
      'UPDATE seat_quotas SET capacity = 0 WHERE period_id = ? AND county_id = ? AND unit_id = ?',
      {
        replacements: [catalog.periodId, county.countyId, u4!.unitId],
      },
    );
    // Both units look full now; one frees up between the code and the hold.
    await ageSmsCodes(server.db, phone, 61);
    await api
      .post('/api/booking/hold-code', { ...base, courseCodes: [u4!.codes[0], u3!.codes[1]], dropFull: true })
      .then((r) => {
        expect(r.body).toMatchObject({ code: 'NOTHING_TO_HOLD' });
      });
    await server.db.sequelize.query(
      'UPDATE seat_quotas SET taken = 0 WHERE period_id = ? AND county_id = ? AND unit_id = ?',
      {
        replacements: [catalog.periodId, county.countyId, u3!.unitId],
      },
    );
    const code = await api.post('/api/booking/hold-code', { ...base, courseCodes: [u3!.codes[1]] });
    expect(code.status, code.text).toBe(200);
    await setCapacity(server.db, catalog.periodId, county.countyId, u3!.unitId, 0);
    const failed = await api.post<HoldAnswer>('/api/booking/holds', {
      ...base,
      courseCodes: [u3!.codes[1]],
      smsCode: await server.simulator.latestSmsCode(phone),
    });
    expect(failed.body.items[0]).toMatchObject({ result: 'seat_full', error: { code: 'SEAT_FULL' } });
    expect(await takenOf(server.db, catalog.periodId, county.countyId, u1!.unitId)).toBe(1);

    // Replace within a unit keeps the seat; drop gives it back.
    const mine = await api.get<{
      periods: Array<{ items: Array<{ itemId: number; courseCode: string; state: string }> }>;
    }>('/api/booking/mine');
    const first = mine.body.periods[0]!.items.find((i) => i.courseCode === u1!.codes[0])!;
    const second = mine.body.periods[0]!.items.find((i) => i.courseCode === u2!.codes[0])!;
    expect((await replaceWithCode(server, { api, phone }, first.itemId, u2!.codes[1]!)).body).toMatchObject({
      code: 'COURSE_NOT_IN_UNIT',
    });
    const replaced = await replaceWithCode(server, { api, phone }, first.itemId, u1!.codes[2]!);
    expect(replaced.body).toMatchObject({ itemId: first.itemId, courseCode: u1!.codes[2], state: 'held' });
    expect(await takenOf(server.db, catalog.periodId, county.countyId, u1!.unitId)).toBe(1);
    expect((await api.request('DELETE', `/api/booking/items/${second.itemId}`)).body).toMatchObject({
      state: 'released',
    });
    expect(await takenOf(server.db, catalog.periodId, county.countyId, u2!.unitId)).toBe(0);

    // Rule 3: all courses in one county.
    const elsewhere = await api.post('/api/booking/check', {
      ...base,
      countyId: catalog.counties[1]!.countyId,
      courseCodes: [u2!.codes[0]],
    });
    expect(elsewhere.body).toMatchObject({ code: 'COUNTY_CONFLICT' });
    expect(elsewhere.body.message).toContain(county.name);

    // Rule 9: confirm freezes and prices the booking in fen.
    const confirmed = await api.post('/api/booking/confirm', { periodId: catalog.periodId });
    expect(confirmed.body).toMatchObject({ amountFen: 3500, amountYuan: '35.00', courses: 1, state: 'confirmed' });
    expect((await replaceWithCode(server, { api, phone }, first.itemId, u1!.codes[0]!)).body).toMatchObject({
      code: 'ITEM_NOT_HELD',
    });
    expect((await api.post('/api/booking/check', { ...base, courseCodes: [u2!.codes[0]] })).body).toMatchObject({
      code: 'BOOKING_AWAITING_PAYMENT',
    });
    expect((await api.post('/api/booking/confirm', { periodId: catalog.periodId })).body).toMatchObject({
      code: 'BOOKING_AWAITING_PAYMENT',
    });

    // Rule 13: every transition with its reason.
    const after = await api.get<{
      periods: Array<{
        unpaidReleaseAt: string;
        orders: unknown[];
        items: Array<{ itemId: number; state: string; history: Array<{ reason: string }> }>;
      }>;
    }>('/api/booking/mine');
    const period = after.body.periods[0]!;
    expect(period.orders).toEqual([expect.objectContaining({ amountFen: 3500, state: 'created' })]);
    expect(period.unpaidReleaseAt).not.toBeNull();
    const history = period.items.find((i) => i.itemId === first.itemId)!.history.map((h) => h.reason);
    expect(history).toEqual(['保存考位', `更换课程 ${u1!.codes[0]} → ${u1!.codes[2]}`, '确认报考']);
    expect(period.items.find((i) => i.itemId === second.itemId)).toMatchObject({ state: 'released' });

    // Once paid in this county, another county is closed for good (COUNTY_LOCKED).
    const outTradeNo = (confirmed.body as { outTradeNo: string }).outTradeNo;
    const payment = await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    expect(payment.status, payment.text).toBe(200);
    await server.simulator.scan(outTradeNo);
    await waitForOrder(server, outTradeNo, 'paid');
    const locked = await api.post('/api/booking/check', {
      ...base,
      countyId: catalog.counties[1]!.countyId,
      courseCodes: [u2!.codes[0]],
    });
    expect(locked.body).toMatchObject({
      code: 'COUNTY_LOCKED',
      message: `您已在${county.name}缴费，本次考试的所有课程须在同一县（市、区）报考`,
    });
    expect(await checkSeats(server.db, catalog.periodId)).toEqual([]);
  });

  it('refuses more courses than the period allows', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, maxCourses: 2 });
    const { api, phone } = await readyCandidate();
    await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    const answer = await holdWithCode(api, phone, {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: catalog.units.slice(0, 3).map((u) => u.codes[0]),
    });
    expect(answer.body.items.map((i) => i.result)).toEqual(['held', 'held', 'refused']);
    expect(answer.body.items[2]!.error).toEqual({ code: 'COURSE_LIMIT_EXCEEDED', message: '本次考试最多报考2门课程' });
  });

  it('holds once when the same hold is sent twice at the same moment', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5 });
    const { api, phone } = await readyCandidate();
    const body = {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [catalog.units[0]!.codes[0]],
    };
    await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    await ageSmsCodes(server.db, phone, 61);
    await api.post('/api/booking/hold-code', body);
    const smsCode = await server.simulator.latestSmsCode(phone);
    const answers = await Promise.all(
      [1, 2, 3].map(() => api.post<HoldAnswer>('/api/booking/holds', { ...body, smsCode })),
    );
    expect(answers.filter((a) => a.status === 200 && a.body.items?.[0]?.result === 'held')).toHaveLength(1);
    expect(await takenOf(server.db, catalog.periodId, catalog.counties[0]!.countyId, catalog.units[0]!.unitId)).toBe(1);
  });

  it('closes booking outside the window, naming the window', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5 });
    await server.db.models.ExamPeriod.update(
      { bookingOpensAt: new Date('2030-03-01T01:00:00Z'), bookingClosesAt: new Date('2030-03-10T09:00:00Z') },
      { where: { id: catalog.periodId } },
    );
    const { api } = await readyCandidate();
    const answer = await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: 'BOOKING_WINDOW_CLOSED',
      message: '当前不在报考时间内（报考时间：2030年3月1日 09:00 至 2030年3月10日 17:00）',
    });
  });
});
