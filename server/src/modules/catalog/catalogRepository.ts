import { unitLabel } from '@kaowei/shared';
import type { Db } from '../../db/models';
import type { Offering } from './catalogCache';
import type { ExamPeriod, ExamUnit } from './models';

export type { Offering } from './catalogCache';

// Every read here goes through db.catalog: frozen data, a few seconds old at most (CATALOG_CACHE_SECONDS).

export async function findPeriod(db: Db, periodId: number): Promise<ExamPeriod | null> {
  return db.catalog.period(periodId);
}

/** The period whose booking is open now, else the next one to open, else the latest. */
export async function currentPeriod(db: Db, now = new Date()): Promise<ExamPeriod | null> {
  return db.catalog.currentPeriod(now);
}

export function unitView(unit: ExamUnit) {
  return {
    unitId: unit.id,
    code: unit.code,
    examDate: unit.examDate,
    halfDay: unit.halfDay,
    startTime: unit.startTime,
    endTime: unit.endTime,
    label: unitLabel(unit),
  };
}

/** The period's units in exam order. */
export async function unitsOf(db: Db, periodId: number): Promise<readonly ExamUnit[]> {
  return db.catalog.units(periodId);
}

/** The offerings of the given course codes in a period, by code. */
export async function offeringsByCode(db: Db, periodId: number, codes: string[]): Promise<Map<string, Offering>> {
  if (codes.length === 0) return new Map();
  const offered = await db.catalog.offerings(periodId);
  return new Map(
    codes.flatMap((code): [string, Offering][] => (offered.has(code) ? [[code, offered.get(code)!]] : [])),
  );
}

export async function countyName(db: Db, countyId: number): Promise<string> {
  return (await db.catalog.county(countyId))?.name ?? '';
}
