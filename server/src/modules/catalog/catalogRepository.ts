import { unitLabel } from '@kaowei/shared';
import { Op, QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import type { ExamPeriod, ExamUnit } from './models';

export interface Offering {
  courseId: number;
  courseCode: string;
  courseName: string;
  unitId: number;
}

export async function findPeriod(db: Db, periodId: number): Promise<ExamPeriod | null> {
  return db.models.ExamPeriod.findByPk(periodId);
}

/** The period whose booking is open now, else the next one to open, else the latest. */
export async function currentPeriod(db: Db, now = new Date()): Promise<ExamPeriod | null> {
  const open = await db.models.ExamPeriod.findOne({
    where: { bookingOpensAt: { [Op.lte]: now }, bookingClosesAt: { [Op.gt]: now } },
    order: [['bookingOpensAt', 'DESC']],
  });
  if (open) return open;
  const next = await db.models.ExamPeriod.findOne({
    where: { bookingOpensAt: { [Op.gt]: now } },
    order: [['bookingOpensAt', 'ASC']],
  });
  return next ?? db.models.ExamPeriod.findOne({ order: [['bookingOpensAt', 'DESC']] });
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

export async function unitsOf(db: Db, periodId: number): Promise<ExamUnit[]> {
  return db.models.ExamUnit.findAll({
    where: { periodId },
    order: [
      ['examDate', 'ASC'],
      ['startTime', 'ASC'],
    ],
  });
}

/** The offerings of the given course codes in a period, by code. */
export async function offeringsByCode(db: Db, periodId: number, codes: string[]): Promise<Map<string, Offering>> {
  if (codes.length === 0) return new Map();
  const rows = await db.sequelize.query<{ course_id: number; code: string; name: string; unit_id: number }>(
    `SELECT c.id AS course_id, c.code, c.name, o.unit_id FROM course_offerings o JOIN courses c ON c.id = o.course_id
      WHERE o.period_id = ? AND c.code IN (?)`,
    { replacements: [periodId, codes], type: QueryTypes.SELECT },
  );
  return new Map(
    rows.map((r) => [r.code, { courseId: r.course_id, courseCode: r.code, courseName: r.name, unitId: r.unit_id }]),
  );
}

export async function countyName(db: Db, countyId: number): Promise<string> {
  return (await db.models.County.findByPk(countyId))?.name ?? '';
}
