import type { VenueView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { venueView } from './venueRepository';
import { venueInScope } from './venueScope';

/**
 * Marks a venue unavailable for one exam unit (`closed`: true) or available again (false). Setting what is
 * already so changes nothing and writes no audit entry. Answers the venue with the unit's period's closures.
 */
export async function setVenueClosure(
  db: Db,
  official: Official,
  ids: { venueId: number; unitId: number },
  closed: boolean,
  request: RequestInfo,
): Promise<VenueView> {
  const unit = await db.models.ExamUnit.findByPk(ids.unitId);
  if (!unit) throw new AppError('NOT_FOUND', { what: '考试单元' });
  await db.sequelize.transaction(async (transaction) => {
    const venue = await venueInScope(db, official, ids.venueId, transaction);
    const existing = await db.models.VenueClosure.findOne({ where: ids, transaction });
    if (Boolean(existing) === closed) return;
    if (closed) await db.models.VenueClosure.create(ids, { transaction });
    else await existing!.destroy({ transaction });
    const state = (isClosed: boolean) => ({ unitId: unit.id, unitCode: unit.code, closed: isClosed });
    await auditVenueChange(
      db,
      official,
      {
        action: closed ? 'venue.close' : 'venue.reopen',
        entityType: 'exam_venue',
        entityId: ids.venueId,
        countyId: venue.county_id,
        before: state(!closed),
        after: state(closed),
      },
      request,
      transaction,
    );
  });
  return (await venueView(db, ids.venueId, unit.periodId))!;
}
