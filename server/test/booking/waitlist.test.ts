import type { MyWaitlist, SeatRow, SeatTotals, WaitlistEntryView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/kernel/actor';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { releaseUnpaid } from '../../src/modules/booking/releaseUnpaid';
import { closeWaitlists, expireOverdueOffers } from '../../src/modules/waitlist/closeWaitlists';
import { myWaitlist } from '../../src/modules/waitlist/myWaitlist';
import { ageSmsCodes } from '../support/accountFlows';
import { signedInOfficial } from '../support/adminSession';
import { insertBookingCatalog, takenOf, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm, holdCourses, payByScan, readyCandidate } from '../support/bookingFlows';
import { insertCrowd } from '../support/crowd';
import { holdItem } from '../support/holdItem';
import { startTestServer, type TestServer } from '../support/testApp';
import { activeItemOf, entriesOfPeriod, joinLine } from '../support/waitlist';

interface MyBookings {
  periods: Array<{ items: Array<{ courseCode: string; state: string; stateLabel: string; payBy: string | null }> }>;
}

describe('候补: a line for a full unit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  type Ready = Awaited<ReturnType<typeof readyCandidate>>;

  async function joinWith(ready: Ready, catalog: BookingCatalog, courseCode: string, county = 0) {
    const body = { periodId: catalog.periodId, countyId: catalog.counties[county]!.countyId, courseCode };
    await ageSmsCodes(server.db, ready.phone, 61);
    const sent = await ready.api.post('/api/booking/waitlist/code', body);
    if (sent.status !== 200) return sent;
    const smsCode = await server.simulator.latestSmsCode(ready.phone);
    return ready.api.post<WaitlistEntryView>('/api/booking/waitlist', { ...body, smsCode });
  }

  async function acknowledged(catalog: BookingCatalog) {
    const ready = await readyCandidate(server);
    await ready.api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    return ready;
  }

  /** What the outbox holds for a candidate: the messages they will be told. */
  async function toldOf(candidateId: number) {
    const [rows] = await server.db.sequelize.query(
      'SELECT event, data FROM outbox_messages WHERE candidate_id = ? ORDER BY id',
      { replacements: [candidateId] },
    );
    return (rows as Array<{ event: string; data: unknown }>).map((r) => ({
      event: r.event,
      data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
    }));
  }

  it('joins with the SMS code, shows the place in line, and gives the seat a refund frees to the first', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 1, units: 2 });
    const [u1, u2] = catalog.units;
    const holder = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, holder);

    const first = await acknowledged(catalog);
    // A unit with seats left takes no waitlist: hold it.
    expect((await joinWith(first, catalog, u2!.codes[0]!)).body).toMatchObject({ code: 'WAITLIST_UNIT_NOT_FULL' });
    // A wrong code joins nothing.
    const target = { periodId: catalog.periodId, countyId: catalog.counties[0]!.countyId, courseCode: u1!.codes[0]! };
    await ageSmsCodes(server.db, first.phone, 61);
    expect((await first.api.post('/api/booking/waitlist/code', target)).status).toBe(200);
    const wrong = await first.api.post('/api/booking/waitlist', { ...target, smsCode: '000000' });
    expect(wrong.body).toMatchObject({ code: 'SMS_CODE_INVALID' });
    const joined = await joinWith(first, catalog, u1!.codes[0]!);
    expect(joined.status, joined.text).toBe(200);
    expect(joined.body).toMatchObject({
      state: 'waiting',
      stateLabel: '候补中',
      position: 1,
      courseCode: u1!.codes[0],
    });
    // One entry per unit: another course of the same unit is refused.
    expect((await joinWith(first, catalog, u1!.codes[1]!)).body).toMatchObject({
      code: 'WAITLIST_ALREADY_IN_UNIT',
    });

    const second = await acknowledged(catalog);
    expect((await joinWith(second, catalog, u1!.codes[1]!)).body).toMatchObject({ position: 2 });
    // Holding the full unit directly is still refused while the line waits.
    await ageSmsCodes(server.db, second.phone, 61);
    const asked = await second.api.post('/api/booking/hold-code', { ...target, courseCodes: [u1!.codes[2]!] });
    expect(asked.body).toMatchObject({ code: 'SEATS_FULL_CONFIRM' });

    // The holder's refund frees the seat: the first in line holds it at once, with a time to pay by.
    const refund = await holder.api.post('/api/payments/refunds', {
      outTradeNo: holder.outTradeNo,
      reason: '时间冲突',
    });
    expect(refund.status, refund.text).toBe(200);
    const offered = await vi.waitFor(
      async () => {
        const mine = await first.api.get<MyWaitlist>('/api/booking/waitlist');
        expect(mine.body.entries[0]).toMatchObject({ state: 'offered', stateLabel: '已候补成功', position: null });
        return mine.body.entries[0]!;
      },
      { timeout: 10_000, interval: 100 },
    );
    const bookings = await first.api.get<MyBookings>('/api/booking/mine');
    const item = bookings.body.periods[0]!.items[0]!;
    expect(item).toMatchObject({ courseCode: u1!.codes[0], state: 'held' });
    expect(item.payBy).toBe(offered.payBy);
    const minutesToPay = (new Date(item.payBy!).getTime() - Date.now()) / 60_000;
    expect(minutesToPay).toBeGreaterThan(100);
    expect(minutesToPay).toBeLessThanOrEqual(120);
    // …and is told at once, through the outbox written in the same transaction.
    expect(await toldOf(first.candidate.candidateId)).toContainEqual({
      event: 'waitlist_seat_given',
      data: { unitName: expect.stringContaining('月'), payBy: new Date(item.payBy!).toISOString() },
    });

    // The second is first now, and leaves with one tap.
    const theirs = await second.api.get<MyWaitlist>('/api/booking/waitlist');
    expect(theirs.body.entries[0]).toMatchObject({ state: 'waiting', position: 1 });
    const entryId = theirs.body.entries[0]!.entryId;
    expect((await first.api.request('DELETE', `/api/booking/waitlist/${entryId}`)).status).toBe(404);
    expect((await second.api.request('DELETE', `/api/booking/waitlist/${entryId}`)).body).toMatchObject({
      state: 'left',
    });
    expect((await second.api.request('DELETE', `/api/booking/waitlist/${entryId}`)).body).toMatchObject({
      code: 'WAITLIST_NOT_WAITING',
    });
    expect(await checkSeats(server.db, catalog.periodId)).toEqual([]);
  });

  it('counts held courses and waiting entries against the course limit', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 1, units: 2, maxCourses: 1 });
    await holdCourses(server, catalog, 1);
    // A candidate holding u2 has used the period's one course.
    const full = await holdCoursesOf(catalog, [catalog.units[1]!.codes[0]!]);
    expect((await joinWith(full, catalog, catalog.units[0]!.codes[0]!)).body).toMatchObject({
      code: 'WAITLIST_COURSE_REFUSED',
      message: '不能候补：本次考试最多报考1门课程',
    });
  });

  async function holdCoursesOf(catalog: BookingCatalog, courseCodes: string[]) {
    const ready = await acknowledged(catalog);
    const body = { periodId: catalog.periodId, countyId: catalog.counties[0]!.countyId, courseCodes };
    await ageSmsCodes(server.db, ready.phone, 61);
    expect((await ready.api.post('/api/booking/hold-code', body)).status).toBe(200);
    const smsCode = await server.simulator.latestSmsCode(ready.phone);
    expect((await ready.api.post('/api/booking/holds', { ...body, smsCode })).status).toBe(200);
    return ready;
  }

  it('offers raised capacity and released seats, moves unpaid offers on, and closes with the window', async () => {
    const db = server.db;
    const catalog = await insertBookingCatalog(db, { capacity: 1, units: 1, counties: 1, coursesPerUnit: 2 });
    const unit = catalog.units[0]!;
    const county = catalog.counties[0]!;
    const [course, other] = await db.models.Course.findAll({ where: { code: unit.codes }, order: [['id', 'ASC']] });
    const quota = { periodId: catalog.periodId, countyId: county.countyId, unitId: unit.unitId };
    const [holder, ...line] = await insertCrowd(db, 6, catalog.periodId, catalog.majorId);
    expect(await holdItem(db, { ...holder!, ...quota, courseId: course!.id })).toBe('held');
    for (const member of line) await joinLine(db, member, quota, other!.id);
    const stateOf = async () => (await entriesOfPeriod(db, catalog.periodId)).map((e) => e.state);

    // An official raises the capacity: the new seat goes to the first in line.
    const official = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    const raised = await official.api.put(`/api/admin/quotas/${await catalog.quotaId(county.countyId, unit.unitId)}`, {
      capacity: 2,
    });
    expect(raised.body).toMatchObject({ capacity: 2, taken: 2, left: 0 });
    expect(await stateOf()).toEqual(['offered', 'waiting', 'waiting', 'waiting', 'waiting']);
    // 实时考位 shows the line beside the seats.
    const board = await official.api.get<{ rows: SeatRow[]; totals: SeatTotals }>(
      `/api/admin/periods/${catalog.periodId}/seats`,
    );
    expect(board.body.rows).toEqual([expect.objectContaining({ capacity: 2, left: 0, waiting: 4 })]);
    expect(board.body.totals).toMatchObject({ waiting: 4 });

    // The end-of-day release frees the holder's seat for the second; the offer keeps its own pay-by time.
    const now = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(
      (await releaseUnpaid(db, { periodId: catalog.periodId, heldBefore: new Date(), actor: systemActor })).released,
    ).toBe(1);
    expect(await stateOf()).toEqual(['offered', 'offered', 'waiting', 'waiting', 'waiting']);

    // Unpaid by their pay-by time, both offers go on to the next two.
    // (Other tests' offers are past their time too by then.)
    expect(await expireOverdueOffers(db, new Date(now + 121 * 60_000))).toBeGreaterThanOrEqual(2);
    expect(await stateOf()).toEqual(['expired', 'expired', 'offered', 'offered', 'waiting']);
    expect((await activeItemOf(db, line[2]!.candidateId, catalog.periodId)).state).toBe('held');
    expect(await takenOf(db, catalog.periodId, county.countyId, unit.unitId)).toBe(2);

    // The booking window closes: what still waits is cleared, and a seat freed then is offered to nobody.
    await db.models.ExamPeriod.update(
      { bookingClosesAt: new Date(Date.now() - 1000) },
      { where: { id: catalog.periodId } },
    );
    expect(await closeWaitlists(db)).toBe(1);
    expect(await stateOf()).toEqual(['expired', 'expired', 'offered', 'offered', 'closed']);
    const last = await myWaitlist(db, line[4]!.candidateId);
    expect(last.entries[0]).toMatchObject({ state: 'closed', stateLabel: '候补已结束', position: null });
    expect(await toldOf(line[4]!.candidateId)).toContainEqual({
      event: 'waitlist_closed',
      data: { periodName: expect.any(String), reason: expect.stringContaining('候补未能兑现') },
    });
    expect(await checkSeats(db, catalog.periodId)).toEqual([]);
  });
});
