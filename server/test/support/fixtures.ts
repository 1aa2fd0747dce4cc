import { randomBytes, randomInt } from 'node:crypto';
import { idCardCheckChar, type OfficialRole } from '@kaowei/shared';
import { Op, UniqueConstraintError } from 'sequelize';
import type { Db } from '../../src/db/models';
import { IdCardVault } from '../../src/lib/idCardVault';
import { hashPassword } from '../../src/lib/passwords';
import { testSecrets } from './testApp';

export interface CatalogFixture {
  periodId: number;
  cityId: number;
  countyId: number;
  countyCode: string;
  majorCode: string;
  unitId: number;
  quotaId: number;
  majorId: number;
  courseIds: number[];
}

const vault = new IdCardVault(testSecrets());
const unique = () => randomBytes(3).toString('hex');

/** Creates a row whose random unique code may already exist: tries again with a new one. */
export async function createUnique<T>(create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!(error instanceof UniqueConstraintError) || attempt >= 20) throw error;
    }
  }
}

/** Course rows for `count` distinct random codes (courses are shared by periods, so existing ones are reused). */
export async function insertCourses(db: Db, count: number) {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(String(randomInt(10_000, 100_000)));
  await db.models.Course.bulkCreate(
    [...codes].map((code) => ({ code, name: `测试课程${code}`, credits: 4 })),
    { ignoreDuplicates: true },
  );
  const rows = await db.models.Course.findAll({ where: { code: [...codes] } });
  return [...codes].map((code) => rows.find((r) => r.code === code)!);
}

/** A minimal period with one county, one unit, two courses in it and a quota; unique codes per call. */
const DAY = 86_400_000;

/**
 * 新生注册 opens only inside a window: every test world gets a standing one open now for most of a year
 * (a test of the window itself sets its own far in the future).
 */
export async function ensureRegistrationOpen(db: Db, now = new Date()): Promise<void> {
  const open = await db.models.RegistrationWindow.findOne({
    where: { opensAt: { [Op.lte]: now }, closesAt: { [Op.gt]: new Date(now.getTime() + 200 * DAY) } },
  });
  if (open) return;
  await db.models.RegistrationWindow.create({
    periodId: null,
    opensAt: new Date(now.getTime() - DAY),
    closesAt: new Date(now.getTime() + 300 * DAY),
    reviewClosesAt: new Date(now.getTime() + 330 * DAY),
  });
}

export async function insertCatalog(db: Db, options: { capacity: number }): Promise<CatalogFixture> {
  const m = db.models;
  await ensureRegistrationOpen(db);
  const tag = unique();
  const city = await createUnique(() => m.City.create({ code: `9${randomInt(10_000, 99_999)}`, name: `测试市${tag}` }));
  const county = await createUnique(() =>
    m.County.create({ cityId: city.id, code: `8${randomInt(10_000, 99_999)}`, name: `测试县${tag}` }),
  );
  const major = await m.Major.create({ code: `M${tag}`, name: `测试专业${tag}`, level: '本科' });
  const courses = await insertCourses(db, 2);
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
  // Written behind the officials' API, so cleared as their change would: the server's next read sees it.
  db.catalog.invalidate();
  return {
    periodId: period.id,
    cityId: city.id,
    countyId: county.id,
    countyCode: county.code,
    majorCode: major.code,
    unitId: unit.id,
    quotaId: quota.id,
    majorId: major.id,
    courseIds: courses.map((c) => c.id),
  };
}

/** A candidate with a valid, random ID number and one ticket. */
export async function insertCandidateWithTicket(
  db: Db,
  _label: string,
  options: { phone?: string; password?: string } = {},
) {
  const idCardNo = await unusedIdCardNo(db);
  const major =
    (await db.models.Major.findOne()) ??
    (await db.models.Major.create({ code: `M${unique()}`, name: '专业', level: '本科' }));
  const candidate = await db.models.Candidate.create({
    ...vault.seal(idCardNo),
    name: '测试考生',
    gender: 'M',
    birthDate: `${idCardNo.slice(6, 10)}-${idCardNo.slice(10, 12)}-${idCardNo.slice(12, 14)}`,
    phone: options.phone ?? null,
    phoneBoundAt: options.phone ? new Date() : null,
    passwordHash: options.password ? await hashPassword(options.password) : null,
    mustChangePassword: !options.password,
    wechatOpenid: null,
    photoPath: null,
  });
  const ticket = await createUnique(() =>
    db.models.Ticket.create({
      ticketNo: `51${String(randomInt(0, 1e10)).padStart(10, '0')}`,
      candidateId: candidate.id,
      majorId: major.id,
    }),
  );
  return { candidateId: candidate.id, ticketId: ticket.id, ticketNo: ticket.ticketNo, idCardNo };
}

export const OFFICIAL_PASSWORD = 'Official2027pw';

/** An official of the given scope, with OFFICIAL_PASSWORD. */
export async function insertOfficial(
  db: Db,
  role: OfficialRole,
  scope: { cityId?: number; countyId?: number } = {},
): Promise<{ id: number; username: string }> {
  const official = await db.models.Official.create({
    username: `o${unique()}${unique()}`,
    name: `考办${role}`,
    role,
    passwordHash: await hashPassword(OFFICIAL_PASSWORD),
    cityId: scope.cityId ?? null,
    countyId: scope.countyId ?? null,
    totpSecret: null,
    disabledAt: null,
  });
  return { id: official.id, username: official.username };
}

const AREA_CODES = [
  '510104',
  '510105',
  '510107',
  '510108',
  '510703',
  '510704',
  '510781',
  '511302',
  '511303',
  '511381',
  '110105',
  '310104',
  '440305',
  '330106',
  '420111',
];

/** A valid, random ID number (about 10^9 possibilities, so tests rarely meet one twice). */
export function freshIdCardNo(): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + randomInt(0, 35 * 365) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `${AREA_CODES[randomInt(0, AREA_CODES.length)]}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A submitted 新生注册 application in a county, straight into the database (no photo, no SMS). */
export async function insertRegistration(db: Db, scope: { countyId: number; majorId: number }) {
  const idCardNo = await unusedIdCardNo(db);
  const application = await db.models.Application.create({
    type: 'registration',
    candidateId: null,
    ...vault.seal(idCardNo),
    name: '王审核',
    gender: Number(idCardNo[16]) % 2 === 1 ? 'M' : 'F',
    phone: null,
    majorId: scope.majorId,
    countyId: scope.countyId,
    photoPath: null,
    payload: null,
    rejectReason: null,
    reviewedBy: null,
    reviewedAt: null,
    issuedTicketNo: null,
  });
  return { applicationId: application.id, idCardNo };
}

/** A fresh ID number no candidate has yet. */
async function unusedIdCardNo(db: Db): Promise<string> {
  let idCardNo = freshIdCardNo();
  while (await db.models.Candidate.findOne({ where: { idCardHash: vault.hash(idCardNo) } })) idCardNo = freshIdCardNo();
  return idCardNo;
}
