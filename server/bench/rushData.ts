import { randomInt } from 'node:crypto';
import { idCardCheckChar } from '@kaowei/shared';
import type { Db } from '../src/db/models';
import type { Services } from '../src/services';

export interface RushCandidate {
  candidateId: number;
  ticketId: number;
  ticketNo: string;
  bookingId: number;
  periodId: number;
  countyId: number;
  phone: string;
  courseCodes: string[];
  smsCode: string;
  token: string;
}

/** The body of the candidate's POST /api/booking/holds. */
export function holdBody(candidate: RushCandidate) {
  const { periodId, countyId, courseCodes, smsCode } = candidate;
  return { periodId, countyId, courseCodes, smsCode };
}

export interface RushData {
  periodId: number;
  candidates: RushCandidate[];
  /** course code → its offering in this period */
  offerings: Map<string, { courseId: number; unitId: number }>;
}

const COUNTIES = 3;
const UNITS = 4;
const COURSES_PER_UNIT = 3;

/**
 * Sets prepared in one database are told apart by their tag: each has its own period, counties,
 * courses, phones, ID numbers and ticket numbers. H: the HTTP rush, R: the raw comparator, F: the pass
 * at concurrency 50; bench:paths: L login, C hold-code, K confirm.
 */
const TAGS = { H: 1, R: 2, F: 3, L: 4, C: 5, K: 6 } as const;
export type RushTag = keyof typeof TAGS;

export interface RushOptions {
  /** An unused hold code stored for each candidate (default); false for candidates who will ask for one. */
  smsCodes?: boolean;
  /** Seats for every request, instead of morning units with about half the seats demanded. */
  ampleSeats?: boolean;
  /** The candidates' password hash; by default one nobody can log in with. */
  passwordHash?: string;
}

/**
 * A period of 3 counties × 4 units × 3 courses, and `size` candidates ready to hold: phone bound,
 * notice acknowledged, an access token and an unused SMS code each. Morning quotas are about half
 * the demand, so the rush meets full units.
 */
/** A period's units over one weekend: Saturday and Sunday, morning and afternoon. */
export function weekendUnits(periodId: number, count: number) {
  return Array.from({ length: count }, (_, u) => ({
    periodId,
    code: `U${u + 1}`,
    examDate: u < 2 ? '2027-04-10' : '2027-04-11',
    halfDay: u % 2 === 0 ? ('am' as const) : ('pm' as const),
    startTime: u % 2 === 0 ? '09:00' : '14:30',
    endTime: u % 2 === 0 ? '11:30' : '17:00',
  }));
}

/** Offers the courses in order, `perUnit` of them in each unit. */
export async function offerInUnitOrder(
  db: Db,
  periodId: number,
  units: Array<{ id: number }>,
  courses: Array<{ id: number }>,
  perUnit: number,
) {
  await db.models.CourseOffering.bulkCreate(
    courses.map((c, i) => ({ periodId, unitId: units[Math.floor(i / perUnit)]!.id, courseId: c.id })),
  );
}

export async function prepareRush(
  db: Db,
  services: Services,
  size: number,
  tag: RushTag,
  options: RushOptions = {},
): Promise<RushData> {
  const m = db.models;
  const now = Date.now();
  const n = TAGS[tag];
  const city = await m.City.create({ code: `990${n}00`, name: `压测市${tag}` });
  const counties = await m.County.bulkCreate(
    Array.from({ length: COUNTIES }, (_, i) => ({
      cityId: city.id,
      code: `99${n}${i}0${i}`,
      name: `压测县${tag}${i + 1}`,
    })),
  );
  const major = await m.Major.create({ code: `RUSH${tag}`, name: `压测专业${tag}`, level: '本科' });
  const period = await m.ExamPeriod.create({
    code: `RUSH${tag}`,
    name: `压测考次${tag}`,
    bookingOpensAt: new Date(now - 3600_000),
    bookingClosesAt: new Date(now + 86_400_000),
    paymentOpensAt: new Date(now - 3600_000),
    paymentClosesAt: new Date(now + 86_400_000),
    refundDeadline: null,
    printOpensAt: null,
    printClosesAt: null,
    feePerCourseFen: 3500,
    maxCourses: 4,
    bookingNotice: '须知',
  });
  const units = await m.ExamUnit.bulkCreate(weekendUnits(period.id, UNITS));
  const base = 60000 + n * 1000;
  const courses = await m.Course.bulkCreate(
    Array.from({ length: UNITS * COURSES_PER_UNIT }, (_, i) => ({
      code: String(base + i),
      name: `压测课程${base + i}`,
      credits: 4,
    })),
  );
  await offerInUnitOrder(db, period.id, units, courses, COURSES_PER_UNIT);
  const demandPerQuota = (size / COUNTIES) * (3 / UNITS);
  await m.SeatQuota.bulkCreate(
    counties.flatMap((county) =>
      units.map((unit) => ({
        periodId: period.id,
        countyId: county.id,
        unitId: unit.id,
        capacity: options.ampleSeats ? size : Math.round(demandPerQuota * (unit.halfDay === 'am' ? 0.5 : 1.4)),
      })),
    ),
  );

  const phones = Array.from({ length: size }, (_, i) => `1${40 - n}${String(i).padStart(8, '0')}`);
  const people = phones.map((phone, i) => {
    const birth = new Date(Date.UTC(1990, 0, 1) + (i % 3650) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const first17 = `510107${birth}${String(Math.floor(i / 3650) + (n - 1) * 100).padStart(3, '0')}`;
    return { phone, idCardNo: first17 + idCardCheckChar(first17) };
  });
  const chunk = 1000;
  for (let i = 0; i < size; i += chunk) {
    await m.Candidate.bulkCreate(
      people.slice(i, i + chunk).map((p) => ({
        ...services.vault.seal(p.idCardNo),
        name: '压测考生',
        gender: 'M' as const,
        birthDate: '1990-01-01',
        phone: p.phone,
        phoneBoundAt: new Date(),
        passwordHash: options.passwordHash ?? 'not-used',
        mustChangePassword: false,
        wechatOpenid: null,
        photoPath: null,
      })),
    );
  }
  const candidates = await m.Candidate.findAll({ where: { phone: phones }, attributes: ['id', 'phone'] });
  const idByPhone = new Map(candidates.map((c) => [c.phone!, c.id]));
  const candidateIds = phones.map((p) => idByPhone.get(p)!);
  for (let i = 0; i < size; i += chunk) {
    const ids = candidateIds.slice(i, i + chunk);
    await m.Ticket.bulkCreate(
      ids.map((candidateId) => ({
        ticketNo: `7${n}${String(candidateId).padStart(10, '0')}`,
        candidateId,
        majorId: major.id,
      })),
    );
    await m.Booking.bulkCreate(
      ids.map((candidateId) => ({
        candidateId,
        periodId: period.id,
        countyId: null,
        noticeAcknowledgedAt: new Date(),
        confirmedAt: null,
      })),
    );
  }
  const tickets = new Map(
    (await m.Ticket.findAll({ where: { candidateId: candidateIds } })).map((t) => [t.candidateId, t]),
  );
  const bookings = new Map(
    (await m.Booking.findAll({ where: { candidateId: candidateIds, periodId: period.id } })).map((b) => [
      b.candidateId,
      b.id,
    ]),
  );

  const smsRows = [];
  const rush: RushCandidate[] = [];
  for (const [i, phone] of phones.entries()) {
    const candidateId = candidateIds[i]!;
    const smsCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const chosenUnits = [0, 1, 2, 3].sort(() => Math.random() - 0.5).slice(0, randomInt(2, 5));
    const courseCodes = chosenUnits
      .sort()
      .map((u) => courses[u * COURSES_PER_UNIT + randomInt(0, COURSES_PER_UNIT)]!.code);
    smsRows.push({
      phone,
      purpose: 'hold_seats',
      code_hash: services.smsCodes.hash(phone, 'hold_seats', smsCode),
      expires_at: new Date(now + 3600_000),
      created_at: new Date(now),
    });
    rush.push({
      candidateId,
      ticketId: tickets.get(candidateId)!.id,
      ticketNo: tickets.get(candidateId)!.ticketNo,
      bookingId: bookings.get(candidateId)!,
      periodId: period.id,
      countyId: counties[i % COUNTIES]!.id,
      phone,
      courseCodes,
      smsCode,
      token: services.tokens.sign('candidate-access', {
        sub: String(candidateId),
        ver: 0,
        tk: tickets.get(candidateId)!.id,
      }),
    });
  }
  for (let i = 0; options.smsCodes !== false && i < smsRows.length; i += chunk) {
    await db.sequelize.getQueryInterface().bulkInsert('sms_codes', smsRows.slice(i, i + chunk));
  }
  const offerings = new Map(
    courses.map((c, i) => [c.code, { courseId: c.id, unitId: units[Math.floor(i / COURSES_PER_UNIT)]!.id }]),
  );
  return { periodId: period.id, candidates: rush, offerings };
}
