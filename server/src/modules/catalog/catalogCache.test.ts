import { describe, expect, it } from 'vitest';
import { CatalogCache, type CatalogSource } from './catalogCache';
import type { ExamPeriod, ExamUnit } from './models';

const TTL_MS = 5_000;
const stamps = { createdAt: new Date(0), updatedAt: new Date(0) };

function period(id: number, maxCourses = 4): ExamPeriod {
  return {
    id,
    code: `P${id}`,
    name: `考次${id}`,
    bookingOpensAt: new Date('2030-03-01T01:00:00Z'),
    bookingClosesAt: new Date('2030-03-10T09:00:00Z'),
    paymentOpensAt: new Date('2030-03-01T01:00:00Z'),
    paymentClosesAt: new Date('2030-03-11T09:00:00Z'),
    payDailyStart: '09:00',
    payDailyEnd: '22:00',
    dailyReleaseTime: '23:30',
    refundAllowed: true,
    refundDeadline: null,
    printOpensAt: null,
    printClosesAt: null,
    feePerCourseFen: 3000,
    maxCourses,
    bookingNotice: '须知',
    examRules: null,
    scoresPublishAt: null,
    scoreReviewDays: 3,
    ...stamps,
  };
}

const unit = (id: number, periodId: number): ExamUnit => ({
  id,
  periodId,
  code: `U${id}`,
  examDate: '2030-04-13',
  halfDay: 'am',
  startTime: '09:00',
  endTime: '11:30',
  ...stamps,
});

/** A database stand-in: the test edits `rows`, and counts what was read. */
function fakeSource() {
  const rows = { maxCourses: 4, courseName: '马克思主义基本原理' };
  const reads: string[] = [];
  const pending: (() => void)[] = [];
  let gated = false;
  /** While gated, reads wait until `release()`; lets several requests miss at once. */
  const read = async <T>(what: string, value: () => T): Promise<T> => {
    reads.push(what);
    if (gated) await new Promise<void>((resolve) => pending.push(resolve));
    return value();
  };
  const source: CatalogSource = {
    period: (id) => read(`period ${id}`, () => (id === 404 ? null : period(id, rows.maxCourses))),
    periods: () => read('periods', () => [period(1, rows.maxCourses)]),
    units: (periodId) => read(`units ${periodId}`, () => [unit(11, periodId), unit(12, periodId)]),
    offerings: (periodId) =>
      read(`offerings ${periodId}`, () => [
        { courseId: 7, courseCode: '03709', courseName: rows.courseName, unitId: 11 },
      ]),
    county: (id) => read(`county ${id}`, () => ({ id, cityId: 1, code: '510104', name: '锦江区', ...stamps })),
    regions: () => read('regions', () => ({ cities: [], counties: [] })),
    majors: () => read('majors', () => []),
  };
  return {
    source,
    rows,
    reads,
    gate: () => void (gated = true),
    release: () => {
      gated = false;
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}

function setUp(ttlMs = TTL_MS) {
  let now = 0;
  const db = fakeSource();
  const cache = new CatalogCache(db.source, ttlMs, () => now);
  return { cache, db, advance: (ms: number) => void (now += ms) };
}

describe('CatalogCache', () => {
  it('answers from memory within the TTL and reads again after it', async () => {
    const { cache, db, advance } = setUp();
    expect((await cache.period(1))!.maxCourses).toBe(4);
    db.rows.maxCourses = 6;
    advance(TTL_MS - 1);
    expect((await cache.period(1))!.maxCourses).toBe(4);
    advance(1);
    expect((await cache.period(1))!.maxCourses).toBe(6);
    expect(db.reads).toEqual(['period 1', 'period 1']);
  });

  it('keeps each period, its units and offerings, and each county under its own key', async () => {
    const { cache, db } = setUp();
    await cache.period(1);
    await cache.period(2);
    await cache.units(1);
    await cache.offerings(1);
    await cache.county(3);
    await Promise.all([cache.period(1), cache.period(2), cache.units(1), cache.offerings(1), cache.county(3)]);
    expect(db.reads).toEqual(['period 1', 'period 2', 'units 1', 'offerings 1', 'county 3']);
  });

  it('shares one read among concurrent misses of the same key', async () => {
    const { cache, db } = setUp();
    db.gate();
    const requests = Promise.all(Array.from({ length: 50 }, () => cache.offerings(1)));
    const units = Promise.all(Array.from({ length: 50 }, () => cache.units(1)));
    db.release();
    const answers = await requests;
    await units;
    expect(db.reads).toEqual(['offerings 1', 'units 1']);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]!.get('03709')).toMatchObject({ courseId: 7, unitId: 11 });
  });

  it('reads afresh at once after an official’s change, TTL or not', async () => {
    const { cache, db } = setUp();
    await cache.period(1);
    await cache.offerings(1);
    const saved = await cache.invalidateAfter(async () => {
      db.rows.maxCourses = 2;
      db.rows.courseName = '中国近现代史纲要';
      return 'saved';
    });
    expect(saved).toBe('saved');
    expect((await cache.period(1))!.maxCourses).toBe(2);
    expect((await cache.offerings(1)).get('03709')!.courseName).toBe('中国近现代史纲要');
  });

  it('invalidates also when the change fails (its commit may still have happened)', async () => {
    const { cache, db } = setUp();
    await cache.period(1);
    const failing = cache.invalidateAfter(async () => {
      db.rows.maxCourses = 3;
      throw new Error('connection lost during COMMIT');
    });
    await expect(failing).rejects.toThrow('connection lost');
    expect((await cache.period(1))!.maxCourses).toBe(3);
  });

  it('does not keep what a read begun before the change brings back after it', async () => {
    const { cache, db } = setUp();
    db.gate();
    const before = cache.period(1);
    cache.invalidate();
    db.rows.maxCourses = 5;
    db.release();
    await before;
    expect((await cache.period(1))!.maxCourses).toBe(5);
    expect(db.reads).toEqual(['period 1', 'period 1']);
  });

  it('picks the current period from the cached list of periods', async () => {
    const { cache, db } = setUp();
    expect((await cache.currentPeriod(new Date('2030-03-05T00:00:00Z')))!.id).toBe(1);
    expect((await cache.currentPeriod(new Date('2031-01-01T00:00:00Z')))!.id).toBe(1);
    expect(db.reads).toEqual(['periods']);
  });

  it('hands out frozen plain data: nobody can change what the next request reads', async () => {
    const { cache } = setUp();
    const found = (await cache.period(1))!;
    expect(Object.isFrozen(found)).toBe(true);
    expect(() => Object.assign(found, { maxCourses: 99 })).toThrow(TypeError);
    const units = await cache.units(1);
    expect(Object.isFrozen(units) && units.every((u) => Object.isFrozen(u))).toBe(true);
    expect(Object.isFrozen((await cache.offerings(1)).get('03709'))).toBe(true);
    expect(await cache.period(404)).toBeNull();
  });

  it('reads every time with a TTL of 0 (CATALOG_CACHE_SECONDS=0)', async () => {
    const { cache, db } = setUp(0);
    await cache.period(1);
    await cache.period(1);
    expect(db.reads).toEqual(['period 1', 'period 1']);
  });
});
