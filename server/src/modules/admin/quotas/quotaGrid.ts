import type { QuotaCell } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import { catalogSource } from '../../catalog/catalogSource';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { setQuotaCapacity } from '../quotas';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import { officialActor } from '../../../kernel/actor';

/** Seats per (county, unit) of a period for the counties in scope; a missing quota reads as 0 seats. */
export async function quotaGrid(db: Db, official: Official, periodId: number) {
  const countyIds = await scopedCountyIds(db, official);
  const [units, counties, cities, quotas] = await Promise.all([
    catalogSource(db).units(periodId),
    db.models.County.findAll({ where: countyIds ? { id: countyIds } : {}, order: [['code', 'ASC']] }),
    db.models.City.findAll(),
    db.models.SeatQuota.findAll({ where: { periodId, ...(countyIds ? { countyId: countyIds } : {}) } }),
  ]);
  const cityName = new Map(cities.map((c) => [c.id, c.name]));
  const quota = new Map(quotas.map((q) => [`${q.countyId}:${q.unitId}`, q]));
  return {
    units: units.map((u) => ({ id: u.id, code: u.code, examDate: u.examDate, halfDay: u.halfDay })),
    counties: counties.map((c) => ({ id: c.id, code: c.code, name: c.name, cityName: cityName.get(c.cityId) ?? '' })),
    cells: counties.flatMap((c) =>
      units.map((u): QuotaCell => {
        const q = quota.get(`${c.id}:${u.id}`);
        return {
          quotaId: q?.id ?? null,
          countyId: c.id,
          unitId: u.id,
          capacity: q?.capacity ?? 0,
          taken: q?.taken ?? 0,
        };
      }),
    ),
  };
}

/**
 * Sets one cell: an existing quota goes through setQuotaCapacity (which refuses a capacity below the
 * seats taken); a missing one is created. City and county officials may set their own counties only.
 */
export async function setQuotaCell(
  db: Db,
  official: Official,
  periodId: number,
  input: { countyId: number; unitId: number; capacity: number },
  request: RequestInfo,
): Promise<QuotaCell> {
  const { countyId, unitId, capacity } = input;
  if (!(await db.models.County.findByPk(countyId))) throw new AppError('NOT_FOUND', { what: '县（市、区）' });
  await assertCountyInScope(db, official, countyId);
  const unit = await db.models.ExamUnit.findByPk(unitId);
  if (!unit || unit.periodId !== periodId) throw new AppError('NOT_FOUND', { what: '考试单元' });
  const update = async (quotaId: number): Promise<QuotaCell> => {
    const set = await setQuotaCapacity(db, official, quotaId, capacity, request);
    return { quotaId, countyId, unitId, capacity: set.capacity, taken: set.taken };
  };
  const existing = await db.models.SeatQuota.findOne({ where: { periodId, countyId, unitId } });
  if (existing) return update(existing.id);
  try {
    return await db.sequelize.transaction(async (transaction) => {
      const quota = await db.models.SeatQuota.create({ periodId, countyId, unitId, capacity }, { transaction });
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'quota.create',
          entityType: 'seat_quota',
          entityId: quota.id,
          before: null,
          after: { periodId, countyId, unitId, capacity },
          countyId,
          ...request,
        },
        transaction,
      );
      return { quotaId: quota.id, countyId, unitId, capacity, taken: 0 };
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
    // Created meanwhile by someone else: set it like any existing quota.
    const created = await db.models.SeatQuota.findOne({ where: { periodId, countyId, unitId }, rejectOnEmpty: true });
    return update(created.id);
  }
}
