import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/models';
import { systemActor } from '../../src/kernel/actor';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { releaseUnpaid } from '../../src/modules/booking/releaseUnpaid';
import { insertBookingCatalog, takenOf } from '../support/bookingCatalog';
import { insertCrowd } from '../support/crowd';
import { holdItem } from '../support/holdItem';
import { openTestDb } from '../support/testApp';
import { activeItemOf, entriesOfPeriod, joinLine, markPaid, refundItem } from '../support/waitlist';

/** 候补 under real concurrency against MySQL: first come, first served, and no seat given twice. */
describe('waitlist under concurrency', () => {
  let db: Db;
  beforeAll(() => {
    db = openTestDb();
  });
  afterAll(() => db.sequelize.close());

  it('gives 50 seats freed by releases and refunds to the first 50 of 200 in line while 500 others try to hold', async () => {
    const catalog = await insertBookingCatalog(db, { capacity: 50, units: 1, counties: 1, coursesPerUnit: 2 });
    const unit = catalog.units[0]!;
    const county = catalog.counties[0]!;
    const [course, other] = await db.models.Course.findAll({ where: { code: unit.codes }, order: [['id', 'ASC']] });
    const quota = { periodId: catalog.periodId, countyId: county.countyId, unitId: unit.unitId };
    const seat = { periodId: catalog.periodId, countyId: county.countyId, unitId: unit.unitId, courseId: course!.id };

    // 50 seats taken: 25 held unpaid (released at the end of the day), 25 paid (refunded).
    const holders = await insertCrowd(db, 50, catalog.periodId, catalog.majorId);
    for (const member of holders) expect(await holdItem(db, { ...member, ...seat })).toBe('held');
    const items = await Promise.all(holders.map((m) => activeItemOf(db, m.candidateId, catalog.periodId)));
    const refunded = items.slice(25).map((i) => i.id);
    await markPaid(db, refunded);
    const heldBefore = new Date(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));

    // 200 in line, in this order; the unit stays full for everyone else.
    const line = await insertCrowd(db, 200, catalog.periodId, catalog.majorId);
    const entryIds: number[] = [];
    for (const member of line) entryIds.push(await joinLine(db, member, quota, other!.id));
    const others = await insertCrowd(db, 500, catalog.periodId, catalog.majorId);

    const [firstRelease, secondRelease, , outcomes] = await Promise.all([
      releaseUnpaid(db, { periodId: catalog.periodId, heldBefore, actor: systemActor, batchSize: 3 }),
      releaseUnpaid(db, { periodId: catalog.periodId, heldBefore, actor: systemActor, batchSize: 3 }),
      Promise.all(refunded.map((id) => refundItem(db, id))),
      Promise.all(others.map((member) => holdItem(db, { ...member, ...seat }))),
    ]);

    // The released and refunded seats went to the line only: the first 50 by join order, in that order.
    expect(firstRelease.released + secondRelease.released).toBe(25);
    expect(outcomes.filter((o) => o !== 'seat_full')).toEqual([]);
    const entries = await entriesOfPeriod(db, catalog.periodId);
    expect(entries.map((e) => e.id)).toEqual(entryIds);
    expect(entries.slice(0, 50).every((e) => e.state === 'offered')).toBe(true);
    expect(entries.slice(50).every((e) => e.state === 'waiting')).toBe(true);
    const offeredItems = entries.slice(0, 50).map((e) => Number(e.offered_item_id));
    expect(offeredItems).toEqual([...offeredItems].sort((a, b) => a - b));
    for (const [i, member] of line.slice(0, 50).entries()) {
      const item = await activeItemOf(db, member.candidateId, catalog.periodId);
      expect(item).toMatchObject({ id: offeredItems[i], state: 'held', unit_id: unit.unitId });
    }
    expect(await takenOf(db, catalog.periodId, county.countyId, unit.unitId)).toBe(50);
    expect(await checkSeats(db, catalog.periodId)).toEqual([]);
  });
});
