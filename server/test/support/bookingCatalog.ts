import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../../src/db/models';
import { createUnique, ensureRegistrationOpen, insertCourses } from './fixtures';

export interface BookingCatalog {
  periodId: number;
  cityId: number;
  counties: Array<{ countyId: number; name: string }>;
  /** Course codes per unit, in unit order. */
  units: Array<{ unitId: number; codes: string[] }>;
  majorId: number;
  quotaId(countyId: number, unitId: number): Promise<number>;
}

/**
 * A period open for booking: `units` weekend units with `coursesPerUnit` courses each, `counties`
 * counties of one city, and every (county, unit) quota set to `capacity`.
 */
export async function insertBookingCatalog(
  db: Db,
  options: {
    capacity: number;
    units?: number;
    coursesPerUnit?: number;
    counties?: number;
    maxCourses?: number;
    feeFen?: number;
  },
): Promise<BookingCatalog> {
  const m = db.models;
  await ensureRegistrationOpen(db);
  const tag = randomBytes(3).toString('hex');
  const unitCount = options.units ?? 4;
  const perUnit = options.coursesPerUnit ?? 3;
  const city = await createUnique(() => m.City.create({ code: `7${randomInt(10_000, 99_999)}`, name: `报考市${tag}` }));
  const counties = [];
  for (let i = 0; i < (options.counties ?? 2); i++) {
    const county = await createUnique(() =>
      m.County.create({ cityId: city.id, code: `6${randomInt(10_000, 99_999)}`, name: `第${i + 1}县${tag}` }),
    );
    counties.push({ countyId: county.id, name: county.name });
  }
  const major = await m.Major.create({ code: `B${tag}`, name: `报考专业${tag}`, level: '本科' });
  const now = Date.now();
  const period = await m.ExamPeriod.create({
    code: `B${tag}`,
    name: `测试考次${tag}`,
    bookingOpensAt: new Date(now - 86_400_000),
    bookingClosesAt: new Date(now + 30 * 86_400_000),
    paymentOpensAt: new Date(now - 86_400_000),
    paymentClosesAt: new Date(now + 31 * 86_400_000),
    refundDeadline: new Date(now + 30 * 86_400_000),
    printOpensAt: null,
    printClosesAt: null,
    // Paying is possible at any hour of a test run.
    payDailyStart: '00:00',
    payDailyEnd: '24:00',
    feePerCourseFen: options.feeFen ?? 3500,
    maxCourses: options.maxCourses ?? 4,
    bookingNotice: '报考须知',
  });
  const courses = await insertCourses(db, unitCount * perUnit);
  const units: BookingCatalog['units'] = [];
  for (let u = 0; u < unitCount; u++) {
    const unit = await m.ExamUnit.create({
      periodId: period.id,
      code: `U${u + 1}`,
      examDate: u < 2 ? '2027-04-10' : '2027-04-11',
      halfDay: u % 2 === 0 ? 'am' : 'pm',
      startTime: u % 2 === 0 ? '09:00' : '14:30',
      endTime: u % 2 === 0 ? '11:30' : '17:00',
    });
    const unitCourses = courses.slice(u * perUnit, (u + 1) * perUnit);
    await m.CourseOffering.bulkCreate(
      unitCourses.map((c) => ({ periodId: period.id, unitId: unit.id, courseId: c.id })),
    );
    await m.MajorCourse.bulkCreate(
      unitCourses.map((c) => ({ majorId: major.id, courseId: c.id, required: true })),
      {
        ignoreDuplicates: true,
      },
    );
    units.push({ unitId: unit.id, codes: unitCourses.map((c) => c.code) });
  }
  await m.SeatQuota.bulkCreate(
    counties.flatMap((c) =>
      units.map((u) => ({ periodId: period.id, countyId: c.countyId, unitId: u.unitId, capacity: options.capacity })),
    ),
  );
  // Written behind the officials' API, so cleared as their change would: the server's next read sees it.
  db.catalog.invalidate();
  return {
    periodId: period.id,
    cityId: city.id,
    counties,
    units,
    majorId: major.id,
    quotaId: async (countyId, unitId) =>
      (await m.SeatQuota.findOne({ where: { periodId: period.id, countyId, unitId }, rejectOnEmpty: true })).id,
  };
}

export async function setCapacity(db: Db, periodId: number, countyId: number, unitId: number, capacity: number) {
  await db.models.SeatQuota.update({ capacity }, { where: { periodId, countyId, unitId } });
}

export async function takenOf(db: Db, periodId: number, countyId: number, unitId: number): Promise<number> {
  return (await db.models.SeatQuota.findOne({ where: { periodId, countyId, unitId }, rejectOnEmpty: true })).taken;
}
