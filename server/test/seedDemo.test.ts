import { checkIdCardNo } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseConfigFromUrl } from '../src/config';
import { createSequelize } from '../src/db/database';
import { createMigrator } from '../src/db/migrator';
import { createDb, type Db } from '../src/db/models';
import { seedDemo } from '../src/demo/seedDemo';
import { IdCardVault } from '../src/lib/idCardVault';
import { verifyPassword } from '../src/lib/passwords';
import { DEMO_OFFICIAL_PASSWORD } from '../src/demo/data';
import { createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';
import { testSecrets } from './support/testApp';

const NOW = new Date('2026-11-22T02:00:00Z');

describe('npm run seed:demo', () => {
  let url: string;
  let db: Db;
  const vault = new IdCardVault(testSecrets());

  beforeAll(async () => {
    url = await createScratchDatabase('seed');
    const config = databaseConfigFromUrl(url, '.');
    const sequelize = createSequelize(config);
    await createMigrator(sequelize).up();
    db = createDb(sequelize, config);
    await seedDemo(db, vault, { now: NOW });
  }, 120_000);

  afterAll(async () => {
    await db.sequelize.close();
    await dropScratchDatabase(url);
  });

  it('builds a province of cities and counties with an open period of four weekend units', async () => {
    const m = db.models;
    const cities = await m.City.findAll();
    expect(cities.length).toBeGreaterThanOrEqual(2);
    for (const city of cities) expect(await m.County.count({ where: { cityId: city.id } })).toBeGreaterThanOrEqual(3);

    const [period, ...others] = await m.ExamPeriod.findAll();
    expect(others).toHaveLength(0);
    expect(period!.name).toBe('2027年4月');
    expect(period!.bookingOpensAt.getTime()).toBeLessThan(NOW.getTime());
    expect(period!.bookingClosesAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(period!.feePerCourseFen).toBe(3500);

    const units = await m.ExamUnit.findAll({ where: { periodId: period!.id }, order: [['code', 'ASC']] });
    expect(units.map((u) => [u.examDate, u.halfDay, u.startTime, u.endTime])).toEqual([
      ['2027-04-10', 'am', '09:00', '11:30'],
      ['2027-04-10', 'pm', '14:30', '17:00'],
      ['2027-04-11', 'am', '09:00', '11:30'],
      ['2027-04-11', 'pm', '14:30', '17:00'],
    ]);
    expect(new Date('2027-04-10T00:00:00Z').getUTCDay()).toBe(6);

    const counties = await m.County.count();
    expect(await m.SeatQuota.count({ where: { periodId: period!.id } })).toBe(counties * 4);
    expect(await m.Course.count()).toBeGreaterThanOrEqual(30);
    expect(await m.CourseOffering.count({ where: { periodId: period!.id } })).toBe(await m.Course.count());
  });

  it('creates 1,000 migrated candidates with valid ID numbers, a few holding two tickets', async () => {
    const candidates = await db.models.Candidate.findAll();
    expect(candidates).toHaveLength(1000);
    for (const candidate of candidates) {
      const idCardNo = vault.decrypt(candidate.idCardCipher);
      expect(checkIdCardNo(idCardNo).ok, idCardNo).toBe(true);
      expect(candidate.passwordHash).toBeNull();
      expect(candidate.mustChangePassword).toBe(true);
    }
    const tickets = await db.models.Ticket.findAll();
    const perCandidate = new Map<number, number>();
    for (const t of tickets) perCandidate.set(t.candidateId, (perCandidate.get(t.candidateId) ?? 0) + 1);
    expect(perCandidate.size).toBe(1000);
    const twoTickets = [...perCandidate.values()].filter((n) => n === 2).length;
    expect(twoTickets).toBeGreaterThan(5);
    expect(tickets.every((t) => /^\d{12}$/.test(t.ticketNo))).toBe(true);
  });

  it('gives every demo candidate a county of registration, filled again for ones seeded before it existed', async () => {
    const codes = new Map((await db.models.County.findAll()).map((c) => [c.id, c.code]));
    const candidates = await db.models.Candidate.findAll();
    for (const candidate of candidates) {
      // The demo registers each candidate in the county their ID number was issued in.
      expect(codes.get(candidate.countyId!)).toBe(vault.decrypt(candidate.idCardCipher).slice(0, 6));
    }
    const sample = candidates.slice(0, 50).map((c) => c.id);
    await db.models.Candidate.update({ countyId: null }, { where: { id: sample } });
    await seedDemo(db, vault, { now: NOW });
    expect(await db.models.Candidate.count({ where: { id: sample, countyId: null } })).toBe(0);
  }, 60_000);

  it('gives every county venues whose rooms seat its largest seat quota of the period', async () => {
    const m = db.models;
    const rooms = await m.ExamRoom.findAll();
    const venues = await m.ExamVenue.findAll();
    const countyOf = new Map(venues.map((v) => [v.id, v.countyId]));
    const seats = new Map<number, number>();
    for (const r of rooms) seats.set(countyOf.get(r.venueId)!, (seats.get(countyOf.get(r.venueId)!) ?? 0) + r.seats);
    const quotas = await m.SeatQuota.findAll();
    expect(quotas.length).toBeGreaterThan(0);
    for (const q of quotas)
      expect(seats.get(q.countyId) ?? 0, `county ${q.countyId}`).toBeGreaterThanOrEqual(q.capacity);
    expect(venues.every((v) => v.contact)).toBe(true);
  });

  it('creates officials for the province, a city and a county, who can sign in with the demo password', async () => {
    const officials = await db.models.Official.findAll();
    expect(new Set(officials.map((o) => o.role))).toEqual(new Set(['province', 'city', 'county']));
    const county = officials.find((o) => o.role === 'county')!;
    expect(county.countyId).not.toBeNull();
    expect(await verifyPassword(county.passwordHash, DEMO_OFFICIAL_PASSWORD)).toBe(true);
  });

  it('can run again without duplicating or changing anything', async () => {
    const count = async () =>
      Promise.all([
        db.models.Candidate.count(),
        db.models.Ticket.count(),
        db.models.SeatQuota.count(),
        db.models.ExamUnit.count(),
        db.models.Official.count(),
        db.models.ExamVenue.count(),
        db.models.ExamRoom.count(),
      ]);
    const before = await count();
    const quotaBefore = (await db.models.SeatQuota.findAll({ order: [['id', 'ASC']] })).map((q) => q.capacity);
    await seedDemo(db, vault, { now: NOW });
    expect(await count()).toEqual(before);
    expect((await db.models.SeatQuota.findAll({ order: [['id', 'ASC']] })).map((q) => q.capacity)).toEqual(quotaBefore);
  }, 60_000);
});
