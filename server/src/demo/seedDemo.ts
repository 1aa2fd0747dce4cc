import { fakerZH_CN as faker } from '@faker-js/faker';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DOCUMENT_TYPE_LABELS, ENROLLED_TICKET_HEADERS, idCardCheckChar, TICKET_STATUS_LABELS } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../db/models';
import { addDays, beijingDateString, beijingInstant, startOfBeijingDay, weekday } from '../lib/beijingTime';
import type { IdCardVault } from '../lib/idCardVault';
import { hashPassword } from '../lib/passwords';
import { createLogger, type Logger } from '../logger';
import { runEnrolledImportNow } from '../modules/records/enrolledImport/runEnrolledImportNow';
import { CSV_FILES } from '../modules/records/enrolledImport/importFiles';
import { DEMO_CITIES, DEMO_COURSES, DEMO_MAJORS, DEMO_NOTICE, DEMO_OFFICIAL_PASSWORD, DEMO_OFFICIALS } from './data';

export interface SeedDemoOptions {
  /** Anchors the open period's windows; defaults to now. */
  now?: Date;
  candidates?: number;
  logger?: Logger;
}

export interface DemoPeriodPlan {
  code: string;
  name: string;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  examDates: [string, string];
}

const FEE_PER_COURSE_FEN = 3500;
const UNIT_TIMES = [
  { halfDay: 'am' as const, startTime: '09:00', endTime: '11:30' },
  { halfDay: 'pm' as const, startTime: '14:30', endTime: '17:00' },
];
const CHUNK = 500;

/**
 * The open period: self-study exams sit in April and October, on the second weekend. The demo
 * takes the first such exam at least 45 days away; booking opened yesterday and closes 30 days
 * before the exam. Its code is the exam month, so re-seeding finds the same period.
 */
export function planDemoPeriod(now: Date): DemoPeriodPlan {
  const today = startOfBeijingDay(now);
  const earliest = beijingDateString(addDays(today, 45));
  let [year, month] = beijingDateString(today).split('-').map(Number) as [number, number];
  let saturday: string;
  for (;;) {
    if (month === 4 || month === 10) {
      const firstDay = `${year}-${String(month).padStart(2, '0')}-08`;
      saturday = firstDay;
      while (weekday(saturday) !== 6) saturday = beijingDateString(addDays(beijingInstant(saturday), 1));
      if (saturday >= earliest) break;
    }
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  const sunday = beijingDateString(addDays(beijingInstant(saturday), 1));
  return {
    code: `${year}${String(month).padStart(2, '0')}`,
    name: `${year}年${month}月`,
    bookingOpensAt: addDays(today, -1),
    bookingClosesAt: beijingInstant(beijingDateString(addDays(beijingInstant(saturday), -30)), '17:00'),
    examDates: [saturday, sunday],
  };
}

/** Deterministic candidates: the same seed always yields the same people, ID numbers and tickets. */
export function demoCandidates(count: number, countyCodes: string[]) {
  faker.seed(20270410);
  const seen = new Set<string>();
  const people = [];
  let ticketSeq = 0;
  for (let i = 0; i < count; i++) {
    const gender = faker.helpers.arrayElement(['M', 'F'] as const);
    let idCardNo: string;
    let birthDate: string;
    let county: string;
    do {
      county = faker.helpers.arrayElement(countyCodes);
      const birth = faker.date.between({ from: '1980-01-01T00:00:00Z', to: '2006-12-31T00:00:00Z' });
      birthDate = birth.toISOString().slice(0, 10);
      const seq =
        faker.number.int({ min: 0, max: 99 }) * 10 +
        faker.number.int({ min: 0, max: 4 }) * 2 +
        (gender === 'M' ? 1 : 0);
      const first17 = `${county}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      idCardNo = first17 + idCardCheckChar(first17);
    } while (seen.has(idCardNo));
    seen.add(idCardNo);
    const name = `${faker.person.lastName()}${faker.person.firstName(gender === 'M' ? 'male' : 'female')}`;
    const enrolledYear = faker.number.int({ min: 2019, max: 2025 });
    const majors = [faker.helpers.arrayElement(DEMO_MAJORS).code];
    // Every 40th candidate studies a second major too, with a ticket of its own.
    if (i % 40 === 7) majors.push(faker.helpers.arrayElement(DEMO_MAJORS.filter((m) => m.code !== majors[0])).code);
    const tickets = majors.map((majorCode) => {
      ticketSeq += 1;
      return { ticketNo: `51${String(enrolledYear).slice(2)}${String(ticketSeq).padStart(8, '0')}`, majorCode };
    });
    // They registered in the county their ID number was issued in.
    people.push({ idCardNo, name, gender, birthDate, tickets, countyCode: county });
  }
  return people;
}

async function insertIgnoringExisting<T extends object>(
  model: { bulkCreate(rows: T[], options: object): Promise<unknown> },
  rows: T[],
  transaction: Transaction,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await model.bulkCreate(rows.slice(i, i + CHUNK), { ignoreDuplicates: true, transaction });
  }
}

const ROOM_SEATS = 30;

/**
 * Two venues per county whose rooms of 30 seats cover the county's largest seat quota of the period, so the
 * seat assignment can run in the demo. exam_venues has no unique key: a county that has venues already
 * (seeded before, or kept by its office) is left alone.
 */
async function seedVenues(db: Db, periodId: number, transaction: Transaction): Promise<void> {
  const m = db.models;
  const counties = await m.County.findAll({ order: [['code', 'ASC']], transaction });
  const withVenues = new Set(
    (await m.ExamVenue.findAll({ attributes: ['countyId'], transaction })).map((v) => v.countyId),
  );
  const quotas = await m.SeatQuota.findAll({ where: { periodId }, transaction });
  const largest = new Map<number, number>();
  for (const q of quotas) largest.set(q.countyId, Math.max(largest.get(q.countyId) ?? 0, q.capacity));
  for (const county of counties.filter((c) => !withVenues.has(c.id))) {
    const rooms = Math.max(2, Math.ceil((largest.get(county.id) ?? 0) / ROOM_SEATS));
    const halves = [Math.ceil(rooms / 2), Math.floor(rooms / 2)];
    const venues = await m.ExamVenue.bulkCreate(
      ['第一中学', '实验中学'].map((school, i) => ({
        countyId: county.id,
        name: `${county.name}${school}考点`,
        address: `${county.name}学府路${(county.id % 9) + 1 + i * 10}号`,
        contact: `考务办 0${(county.id % 900) + 100}-8555${String(county.id % 10_000).padStart(4, '0')}`,
      })),
      { transaction },
    );
    await m.ExamRoom.bulkCreate(
      venues.flatMap((venue, i) =>
        Array.from({ length: halves[i]! }, (_, r) => ({
          venueId: venue.id,
          roomNo: r + 1,
          seats: ROOM_SEATS,
          note: `教学楼${Math.floor(r / 6) + 1}层`,
        })),
      ),
      { transaction },
    );
  }
}

/** Seeds the demo province in one transaction, then imports its candidates; what exists already is left alone. */
export async function seedDemo(db: Db, vault: IdCardVault, options: SeedDemoOptions = {}): Promise<DemoPeriodPlan> {
  const m = db.models;
  const plan = planDemoPeriod(options.now ?? new Date());
  const officialPasswordHash = await hashPassword(DEMO_OFFICIAL_PASSWORD);

  await db.sequelize.transaction(async (transaction) => {
    const t = { transaction };
    await insertIgnoringExisting(
      m.City,
      DEMO_CITIES.map(({ code, name }) => ({ code, name })),
      transaction,
    );
    const cityIds = new Map((await m.City.findAll(t)).map((c) => [c.code, c.id]));
    await insertIgnoringExisting(
      m.County,
      DEMO_CITIES.flatMap((city) => city.counties.map((c) => ({ ...c, cityId: cityIds.get(city.code)! }))),
      transaction,
    );
    const counties = await m.County.findAll(t);
    const countyIds = new Map(counties.map((c) => [c.code, c.id]));

    await insertIgnoringExisting(
      m.Course,
      DEMO_COURSES.map(([code, name, credits]) => ({ code, name, credits })),
      transaction,
    );
    const courseIds = new Map((await m.Course.findAll(t)).map((c) => [c.code, c.id]));
    await insertIgnoringExisting(
      m.Major,
      DEMO_MAJORS.map(({ code, name, level }) => ({ code, name, level })),
      transaction,
    );
    const majorIds = new Map((await m.Major.findAll(t)).map((c) => [c.code, c.id]));
    await insertIgnoringExisting(
      m.MajorCourse,
      DEMO_MAJORS.flatMap((major) =>
        major.courses.map((code) => ({
          majorId: majorIds.get(major.code)!,
          courseId: courseIds.get(code)!,
          required: true,
        })),
      ),
      transaction,
    );

    const [period] = await m.ExamPeriod.findOrCreate({
      where: { code: plan.code },
      defaults: {
        code: plan.code,
        name: plan.name,
        bookingOpensAt: plan.bookingOpensAt,
        bookingClosesAt: plan.bookingClosesAt,
        paymentOpensAt: plan.bookingOpensAt,
        paymentClosesAt: addDays(plan.bookingClosesAt, 1),
        refundDeadline: plan.bookingClosesAt,
        printOpensAt: beijingInstant(beijingDateString(addDays(beijingInstant(plan.examDates[0]), -10))),
        printClosesAt: beijingInstant(plan.examDates[1], '17:00'),
        feePerCourseFen: FEE_PER_COURSE_FEN,
        maxCourses: 4,
        bookingNotice: DEMO_NOTICE,
      },
      transaction,
    });

    // 新生注册 alongside the period's booking, reviewed until a week after it closes.
    if (!(await m.RegistrationWindow.findOne({ where: { periodId: period.id }, transaction }))) {
      await m.RegistrationWindow.create(
        {
          periodId: period.id,
          opensAt: plan.bookingOpensAt,
          closesAt: plan.bookingClosesAt,
          reviewClosesAt: addDays(plan.bookingClosesAt, 7),
        },
        { transaction },
      );
    }

    const unitRows = plan.examDates.flatMap((examDate, day) =>
      UNIT_TIMES.map((time, half) => ({ periodId: period.id, code: `U${day * 2 + half + 1}`, examDate, ...time })),
    );
    await insertIgnoringExisting(m.ExamUnit, unitRows, transaction);
    const units = await m.ExamUnit.findAll({ where: { periodId: period.id }, order: [['code', 'ASC']], ...t });

    await insertIgnoringExisting(
      m.CourseOffering,
      DEMO_COURSES.map(([code, , , unitIndex]) => ({
        periodId: period.id,
        unitId: units[unitIndex]!.id,
        courseId: courseIds.get(code)!,
      })),
      transaction,
    );

    faker.seed(2027);
    await insertIgnoringExisting(
      m.SeatQuota,
      counties.flatMap((county) =>
        units.map((unit) => ({
          periodId: period.id,
          countyId: county.id,
          unitId: unit.id,
          // Morning units are the popular ones, and they get fewer seats.
          capacity: faker.number.int({ min: 8, max: 16 }) * (unit.halfDay === 'am' ? 10 : 15),
        })),
      ),
      transaction,
    );
    await seedVenues(db, period.id, transaction);

    await insertIgnoringExisting(
      m.Official,
      DEMO_OFFICIALS.map((o) => ({
        username: o.username,
        name: o.name,
        role: o.role,
        passwordHash: officialPasswordHash,
        cityId: o.cityCode ? cityIds.get(o.cityCode)! : null,
        countyId: o.countyCode ? countyIds.get(o.countyCode)! : null,
        totpSecret: null,
        disabledAt: null,
      })),
      transaction,
    );
  });
  await importDemoCandidates(db, vault, options);
  return plan;
}

/**
 * The demo's enrolled candidates come in as a province's would: a 考籍 CSV imported by the provincial
 * official through the enrolled import (dry run, then batches), so `npm start` exercises that path.
 * Seeding again changes nothing; a candidate whose county was lost gets it back (an audited update).
 */
async function importDemoCandidates(db: Db, vault: IdCardVault, options: SeedDemoOptions): Promise<void> {
  const counties = await db.models.County.findAll({ attributes: ['code'] });
  const people = demoCandidates(
    options.candidates ?? 1000,
    counties.map((c) => c.code),
  );
  const rows = people.flatMap((p) =>
    p.tickets.map((t) => [
      t.ticketNo,
      DOCUMENT_TYPE_LABELS.resident_id,
      p.idCardNo,
      p.name,
      p.gender === 'M' ? '男' : '女',
      '',
      t.majorCode,
      p.countyCode,
      TICKET_STATUS_LABELS.active,
      '',
      '',
    ]),
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kaowei-demo-import-'));
  await writeFile(
    path.join(dir, CSV_FILES.tickets),
    [ENROLLED_TICKET_HEADERS, ...rows].map((cells) => cells.join(',')).join('\n'),
  );
  const { username } = DEMO_OFFICIALS.find((o) => o.role === 'province')!;
  const province = await db.models.Official.findOne({ where: { username } });
  const logger = options.logger ?? createLogger({ level: 'warn' });
  await runEnrolledImportNow({ db, vault, logger, config: { dataDir: dir } }, province!.id, dir);
}
