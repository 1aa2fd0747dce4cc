import {
  errorMessage,
  isValidCourseCode,
  unitLabel,
  type ErrorCode,
  type FullUnit,
  type PlacementView,
} from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { countyName, offeringsByCode, type Offering } from '../catalog/catalogRepository';
import type { ExamPeriod, ExamUnit } from '../catalog/models';
import { activeItems, type ActiveItem } from './bookingRepository';
import { assertChangeable, isPaidState } from './bookingFreeze';

export interface Placement extends PlacementView {
  offering?: Offering;
}

export interface PlacementResult {
  countyName: string;
  placements: Placement[];
  fullUnits: FullUnit[];
  active: ActiveItem[];
}

const refuse = (placement: Placement, code: ErrorCode, params: Record<string, string | number> = {}) => {
  placement.status = 'refused';
  placement.error = { code, message: errorMessage(code, params) };
};

/**
 * Booking rules 3–6 for a list of course codes: each code into the unit that examines it, refusals
 * named per code, and the units of the chosen county that are full. Reads only; holding re-checks
 * each seat atomically.
 */
export async function placeCourses(
  db: Db,
  input: { period: ExamPeriod; candidateId: number; countyId: number; courseCodes: string[] },
): Promise<PlacementResult> {
  const { period, candidateId, countyId } = input;
  const county = await db.models.County.findByPk(countyId);
  if (!county) throw new AppError('NOT_FOUND', { what: '所选县（市、区）' });
  const active = await activeItems(db, candidateId, period.id);

  // Rule 3: one county per period; paid items fix it for good.
  const elsewhere = active.filter((item) => item.countyId !== countyId);
  if (elsewhere.length > 0) {
    const code = elsewhere.some((item) => isPaidState(item.state)) ? 'COUNTY_LOCKED' : 'COUNTY_CONFLICT';
    throw new AppError(code, { county: await countyName(db, elsewhere[0]!.countyId) });
  }

  // Rule 9: a confirmed booking is frozen until it is paid (or released at the end of the day);
  // rule 11: a paid one changes only after a refund, never through a second order.
  assertChangeable(active.map((item) => item.state));

  const codes = [...new Set(input.courseCodes.map((c) => c.trim()))];
  const offerings = await offeringsByCode(db, period.id, codes.filter(isValidCourseCode));
  const units = new Map(
    (await db.models.ExamUnit.findAll({ where: { periodId: period.id } })).map((u): [number, ExamUnit] => [u.id, u]),
  );
  const unitTaken = new Map(active.map((item) => [item.unitId, item.courseCode]));
  let seatsUsed = active.length;

  const placements = codes.map((code): Placement => {
    const placement: Placement = { code, status: 'ok' };
    if (!isValidCourseCode(code)) return (refuse(placement, 'INVALID_COURSE_CODE', { code }), placement);
    const offering = offerings.get(code);
    if (!offering) return (refuse(placement, 'COURSE_NOT_OFFERED', { code }), placement);
    Object.assign(placement, {
      offering,
      courseName: offering.courseName,
      unitId: offering.unitId,
      unitLabel: unitLabel(units.get(offering.unitId)!),
    });
    if (active.some((item) => item.courseCode === code)) {
      placement.status = 'held';
      return placement;
    }
    const other = unitTaken.get(offering.unitId);
    if (other) return (refuse(placement, 'COURSE_UNIT_CONFLICT', { code, other }), placement);
    if (seatsUsed >= period.maxCourses)
      return (refuse(placement, 'COURSE_LIMIT_EXCEEDED', { max: period.maxCourses }), placement);
    unitTaken.set(offering.unitId, code);
    seatsUsed += 1;
    return placement;
  });

  const wanted = placements.filter((p) => p.status === 'ok');
  const fullUnits: FullUnit[] = [];
  if (wanted.length > 0) {
    const quotas = await db.sequelize.query<{ unit_id: number; capacity: number; taken: number }>(
      'SELECT unit_id, capacity, taken FROM seat_quotas WHERE period_id = ? AND county_id = ? AND unit_id IN (?)',
      { replacements: [period.id, countyId, wanted.map((p) => p.unitId)], type: QueryTypes.SELECT },
    );
    for (const placement of wanted) {
      const quota = quotas.find((q) => q.unit_id === placement.unitId);
      if (!quota || Number(quota.taken) >= Number(quota.capacity)) {
        fullUnits.push({
          code: placement.code,
          unitId: placement.unitId!,
          message: errorMessage('SEAT_FULL', {
            county: county.name,
            unit: placement.unitLabel!,
            course: `${placement.code} ${placement.courseName}`,
          }),
        });
      }
    }
  }
  return { countyName: county.name, placements, fullUnits, active };
}

/** What the API shows of a placement (the offering stays inside). */
export function placementView({ offering: _offering, ...view }: Placement): PlacementView {
  return view;
}
