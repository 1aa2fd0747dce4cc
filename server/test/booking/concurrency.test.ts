import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/models';
import { systemActor } from '../../src/kernel/actor';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { holdItem } from '../support/holdItem';
import { releaseUnpaid } from '../../src/modules/booking/releaseUnpaid';
import { insertBookingCatalog, takenOf } from '../support/bookingCatalog';
import { insertCrowd } from '../support/crowd';
import { openTestDb } from '../support/testApp';

/** Seat accounting under real concurrency against MySQL: never oversold, never leaked. */
describe('seats under concurrency', () => {
  let db: Db;
  beforeAll(() => {
    db = openTestDb();
  });
  afterAll(() => db.sequelize.close());

  it('gives exactly 100 seats to 500 candidates racing for them', async () => {
    const catalog = await insertBookingCatalog(db, { capacity: 100, units: 1, counties: 1 });
    const unit = catalog.units[0]!;
    const county = catalog.counties[0]!;
    const [course] = await db.models.Course.findAll({ where: { code: unit.codes[0]! } });
    const crowd = await insertCrowd(db, 500, catalog.periodId, catalog.majorId);

    const outcomes = await Promise.all(
      crowd.map((member) =>
        holdItem(db, {
          ...member,
          periodId: catalog.periodId,
          countyId: county.countyId,
          unitId: unit.unitId,
          courseId: course!.id,
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(100);
    expect(outcomes.filter((o) => o === 'seat_full')).toHaveLength(400);
    expect(await takenOf(db, catalog.periodId, county.countyId, unit.unitId)).toBe(100);
    expect(await checkSeats(db, catalog.periodId)).toEqual([]);
  });

  it("holds one seat when one candidate's requests for the same unit arrive together", async () => {
    const catalog = await insertBookingCatalog(db, { capacity: 50, units: 1, counties: 1, coursesPerUnit: 3 });
    const unit = catalog.units[0]!;
    const county = catalog.counties[0]!;
    const courses = await db.models.Course.findAll({ where: { code: unit.codes } });
    const [member] = await insertCrowd(db, 1, catalog.periodId, catalog.majorId);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        holdItem(db, {
          ...member!,
          periodId: catalog.periodId,
          countyId: county.countyId,
          unitId: unit.unitId,
          courseId: courses[i % 3]!.id,
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'unit_taken')).toHaveLength(11);
    expect(await takenOf(db, catalog.periodId, county.countyId, unit.unitId)).toBe(1);
  });

  it('keeps every count exact when two releases run at once while new holds arrive', async () => {
    const catalog = await insertBookingCatalog(db, { capacity: 200, units: 2, counties: 2, coursesPerUnit: 1 });
    const courses = new Map(
      (await db.models.Course.findAll({ where: { code: catalog.units.map((u) => u.codes[0]!) } })).map((c) => [
        c.code,
        c.id,
      ]),
    );
    const slots = catalog.counties.flatMap((county) =>
      catalog.units.map((unit) => ({
        countyId: county.countyId,
        unitId: unit.unitId,
        courseId: courses.get(unit.codes[0]!)!,
      })),
    );
    const early = await insertCrowd(db, 300, catalog.periodId, catalog.majorId);
    // Each early candidate holds both units in one county: 600 items before the release moment.
    await Promise.all(
      early.map((member, i) => {
        const county = catalog.counties[i % 2]!.countyId;
        return Promise.all(
          slots
            .filter((s) => s.countyId === county)
            .map((slot) => holdItem(db, { ...member, periodId: catalog.periodId, ...slot })),
        );
      }),
    );
    const heldBefore = new Date(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await insertCrowd(db, 150, catalog.periodId, catalog.majorId);

    const [first, second, lateOutcomes] = await Promise.all([
      releaseUnpaid(db, { periodId: catalog.periodId, heldBefore, actor: systemActor, batchSize: 50 }),
      releaseUnpaid(db, { periodId: catalog.periodId, heldBefore, actor: systemActor, batchSize: 50 }),
      Promise.all(
        late.map((member, i) => holdItem(db, { ...member, periodId: catalog.periodId, ...slots[i % slots.length]! })),
      ),
    ]);

    expect(first.released + second.released).toBe(600);
    expect(lateOutcomes.every((o) => o === 'held')).toBe(true);
    expect(await checkSeats(db, catalog.periodId)).toEqual([]);
    const [{ active }] = (await db.sequelize.query(
      'SELECT COUNT(*) AS active FROM booking_items WHERE period_id = ? AND active = 1',
      {
        replacements: [catalog.periodId],
        type: QueryTypes.SELECT,
      },
    )) as [{ active: number }];
    expect(Number(active)).toBe(150);
    // Each early item was released exactly once.
    const releases = await db.sequelize.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM booking_events e JOIN booking_items i ON i.id = e.booking_item_id
        WHERE i.period_id = ? AND e.to_state = 'released' GROUP BY e.booking_item_id HAVING COUNT(*) > 1`,
      { replacements: [catalog.periodId], type: QueryTypes.SELECT },
    );
    expect(releases).toEqual([]);
    // Running it again finds nothing left to release.
    expect(await releaseUnpaid(db, { periodId: catalog.periodId, heldBefore, actor: systemActor })).toEqual({
      released: 0,
    });
  });
  it('releases every unpaid seat while the daily release for an earlier cutoff keeps running beside it', async () => {
    const catalog = await insertBookingCatalog(db, { capacity: 400, units: 2, counties: 1, coursesPerUnit: 1 });
    const county = catalog.counties[0]!.countyId;
    const courses = await db.models.Course.findAll({ where: { code: catalog.units.map((u) => u.codes[0]!) } });
    const slots = catalog.units.map((unit) => ({
      countyId: county,
      unitId: unit.unitId,
      courseId: courses.find((course) => course.code === unit.codes[0])!.id,
    }));
    const earlierCutoff = new Date(Date.now() - 1000);
    const crowd = await insertCrowd(db, 300, catalog.periodId, catalog.majorId);
    await Promise.all(
      crowd.flatMap((member) => slots.map((slot) => holdItem(db, { ...member, periodId: catalog.periodId, ...slot }))),
    );
    const heldBefore = new Date(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));

    // Instances whose end-of-day run is for a cutoff before all these holds: they find nothing of theirs,
    // and must not keep the official's release from the seats they looked at.
    let releasing = true;
    const earlierRuns = Array.from({ length: 4 }, async () => {
      let released = 0;
      while (releasing) {
        released += (
          await releaseUnpaid(db, { periodId: catalog.periodId, heldBefore: earlierCutoff, actor: systemActor })
        ).released;
      }
      return released;
    });
    const byHand = await Promise.all(
      Array.from({ length: 3 }, () =>
        releaseUnpaid(db, { periodId: catalog.periodId, heldBefore, actor: systemActor, batchSize: 40 }),
      ),
    );
    releasing = false;

    expect(await Promise.all(earlierRuns)).toEqual([0, 0, 0, 0]);
    expect(byHand.reduce((sum, run) => sum + run.released, 0)).toBe(600);
    expect(await takenOf(db, catalog.periodId, county, catalog.units[0]!.unitId)).toBe(0);
    expect(await checkSeats(db, catalog.periodId)).toEqual([]);
  });
});
