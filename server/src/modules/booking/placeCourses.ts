import {
  errorMessage,
  isValidCourseCode,
  unitLabel,
  type ErrorCode,
  type FullUnit,
  type PlacementView,
} from '@kaowei/shared';
import type { Db } from '../../db/models';
import { sqlOf } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import { beijingDateString } from '../../lib/beijingTime';
import type { CatalogMajor } from '../catalog/catalogCache';
import type { Offering } from '../catalog/catalogRepository';
import { closedPlanMajor } from '../catalog/majorRules';
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

/** What placing needs of the period's catalogue (cached): offerings by code, units, county names, majors. */
export interface PlacementCatalog {
  offerings: ReadonlyMap<string, Offering>;
  units: ReadonlyMap<number, ExamUnit>;
  countyName: (countyId: number) => Promise<string>;
  majors: ReadonlyMap<number, CatalogMajor>;
  /** The Beijing date the majors' 停考 is judged on. */
  today: string;
}

export async function placementCatalog(db: Db, periodId: number, now = new Date()): Promise<PlacementCatalog> {
  const [offerings, units, majors] = await Promise.all([
    db.catalog.offerings(periodId),
    db.catalog.units(periodId),
    db.catalog.majors(),
  ]);
  return {
    offerings,
    units: new Map(units.map((u): [number, ExamUnit] => [u.id, u])),
    countyName: async (countyId) => (await db.catalog.county(countyId))?.name ?? '',
    majors,
    today: beijingDateString(now),
  };
}

/**
 * Booking rules 3–5, 9 and 11 for a list of course codes against the candidate's active items: each code into
 * the unit that examines it, refusals named per code; under a ticket of a closed major, that major's plan
 * courses are refused (closedPlanMajor). Reads nothing but the catalogue given.
 */
export async function placeCodes(
  input: { period: ExamPeriod; countyId: number; courseCodes: string[]; majorId?: number | null },
  catalog: PlacementCatalog,
  active: ActiveItem[],
): Promise<Placement[]> {
  // Rule 3: one county per period; paid items fix it for good.
  const elsewhere = active.filter((item) => item.countyId !== input.countyId);
  if (elsewhere.length > 0) {
    const code = elsewhere.some((item) => isPaidState(item.state)) ? 'COUNTY_LOCKED' : 'COUNTY_CONFLICT';
    throw new AppError(code, { county: await catalog.countyName(elsewhere[0]!.countyId) });
  }

  // Rule 9: a confirmed booking is frozen until it is paid (or released at the end of the day);
  // rule 11: a paid one changes only after a refund, never through a second order.
  assertChangeable(active.map((item) => item.state));

  const unitTaken = new Map(active.map((item) => [item.unitId, item.courseCode]));
  let seatsUsed = active.length;
  return [...new Set(input.courseCodes.map((c) => c.trim()))].map((code): Placement => {
    const placement: Placement = { code, status: 'ok' };
    if (!isValidCourseCode(code)) return (refuse(placement, 'INVALID_COURSE_CODE', { code }), placement);
    const offering = catalog.offerings.get(code);
    if (!offering) return (refuse(placement, 'COURSE_NOT_OFFERED', { code }), placement);
    Object.assign(placement, {
      offering,
      courseName: offering.courseName,
      unitId: offering.unitId,
      unitLabel: unitLabel(catalog.units.get(offering.unitId)!),
    });
    if (active.some((item) => item.courseCode === code)) {
      placement.status = 'held';
      return placement;
    }
    const closed = closedPlanMajor(catalog.majors, input.majorId, offering.courseId, catalog.today);
    if (closed) return (refuse(placement, 'MAJOR_CLOSED_COURSE', { major: closed.name, code }), placement);
    const other = unitTaken.get(offering.unitId);
    if (other) return (refuse(placement, 'COURSE_UNIT_CONFLICT', { code, other }), placement);
    if (seatsUsed >= input.period.maxCourses)
      return (refuse(placement, 'COURSE_LIMIT_EXCEEDED', { max: input.period.maxCourses }), placement);
    unitTaken.set(offering.unitId, code);
    seatsUsed += 1;
    return placement;
  });
}

/**
 * Placing before the SMS code (check, hold code): the codes placed, and the units of the chosen county that
 * are full (rule 6). Reads only; holding re-checks everything under the booking lock.
 */
export async function placeCourses(
  db: Db,
  input: { period: ExamPeriod; candidateId: number; ticketId: number; countyId: number; courseCodes: string[] },
): Promise<PlacementResult> {
  const { period, countyId } = input;
  const county = await db.catalog.county(countyId);
  if (!county) throw new AppError('NOT_FOUND', { what: '所选县（市、区）' });
  const [catalog, active, ticket] = await Promise.all([
    placementCatalog(db, period.id),
    activeItems(sqlOf(db.sequelize), input.candidateId, period.id),
    db.models.Ticket.findByPk(input.ticketId, { attributes: ['majorId'] }),
  ]);
  const placements = await placeCodes({ ...input, majorId: ticket?.majorId }, catalog, active);
  const wanted = placements.filter((p) => p.status === 'ok');
  const fullUnits: FullUnit[] = [];
  if (wanted.length > 0) {
    const quotas = await sqlOf(db.sequelize).rows<{ unit_id: number; capacity: number; taken: number }>(
      'SELECT unit_id, capacity, taken FROM seat_quotas WHERE period_id = ? AND county_id = ? AND unit_id IN (?)',
      [period.id, countyId, wanted.map((p) => p.unitId)],
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
