import { randomBytes, randomInt } from 'node:crypto';
import { idCardCheckChar } from '@kaowei/shared';
import type { Db } from '../../src/db/models';
import { IdCardVault } from '../../src/lib/idCardVault';
import { testSecrets } from './testApp';

export interface CatalogFixture {
  periodId: number;
  countyId: number;
  unitId: number;
  quotaId: number;
  majorId: number;
  courseIds: number[];
}

const vault = new IdCardVault(testSecrets());
const unique = () => randomBytes(3).toString('hex');

/** A minimal period with one county, one unit, two courses in it and a quota; unique codes per call. */
export async function insertCatalog(db: Db, options: { capacity: number }): Promise<CatalogFixture> {
  const m = db.models;
  const tag = unique();
  const city = await m.City.create({ code: `9${randomInt(10_000, 99_999)}`, name: `测试市${tag}` });
  const county = await m.County.create({
    cityId: city.id,
    code: `8${randomInt(10_000, 99_999)}`,
    name: `测试县${tag}`,
  });
  const major = await m.Major.create({ code: `M${tag}`, name: `测试专业${tag}`, level: '本科' });
  const courses = await Promise.all(
    [0, 1].map(() =>
      m.Course.create({ code: String(randomInt(10_000, 99_999)), name: `测试课程${unique()}`, credits: 4 }),
    ),
  );
  const now = new Date();
  const period = await m.ExamPeriod.create({
    code: `P${tag}`,
    name: `测试考次${tag}`,
    bookingOpensAt: now,
    bookingClosesAt: new Date(now.getTime() + 86_400_000),
    paymentOpensAt: now,
    paymentClosesAt: new Date(now.getTime() + 86_400_000),
    refundDeadline: null,
    printOpensAt: null,
    printClosesAt: null,
    feePerCourseFen: 3500,
    maxCourses: 4,
    bookingNotice: '须知',
  });
  const unit = await m.ExamUnit.create({
    periodId: period.id,
    code: 'U1',
    examDate: '2027-04-10',
    halfDay: 'am',
    startTime: '09:00',
    endTime: '11:30',
  });
  for (const course of courses)
    await m.CourseOffering.create({ periodId: period.id, unitId: unit.id, courseId: course.id });
  const quota = await m.SeatQuota.create({
    periodId: period.id,
    countyId: county.id,
    unitId: unit.id,
    capacity: options.capacity,
  });
  return {
    periodId: period.id,
    countyId: county.id,
    unitId: unit.id,
    quotaId: quota.id,
    majorId: major.id,
    courseIds: courses.map((c) => c.id),
  };
}

/** A candidate with a valid, random ID number and one ticket. */
export async function insertCandidateWithTicket(db: Db, _label: string, options: { phone?: string } = {}) {
  const first17 = `510107${1990 + randomInt(0, 10)}0${randomInt(1, 10)}1${randomInt(0, 10)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const idCardNo = first17 + idCardCheckChar(first17);
  const major =
    (await db.models.Major.findOne()) ??
    (await db.models.Major.create({ code: `M${unique()}`, name: '专业', level: '本科' }));
  const candidate = await db.models.Candidate.create({
    ...vault.seal(idCardNo),
    name: '测试考生',
    gender: 'M',
    birthDate: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
    phone: options.phone ?? null,
    phoneBoundAt: options.phone ? new Date() : null,
    passwordHash: null,
    wechatOpenid: null,
    photoPath: null,
  });
  const ticketNo = `51${String(randomInt(0, 1e10)).padStart(10, '0')}`;
  const ticket = await db.models.Ticket.create({ ticketNo, candidateId: candidate.id, majorId: major.id });
  return { candidateId: candidate.id, ticketId: ticket.id, ticketNo, idCardNo };
}
