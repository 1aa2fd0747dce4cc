import { formatBeijing, type AssignmentRunView, type StartAssignmentBody } from '@kaowei/shared';
import { Op } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertCountyInScope } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { assignmentRunView } from './viewAssignment';

/**
 * 开始考场编排: the province for one county or all; a city or county office for a county in its scope
 * (incremental only). A full re-run clears the assignments first, so it is the province's alone and only
 * before the print window opens (tickets already printed would show seats that changed). One run at a time
 * per county: the period row is locked while the open runs are looked at.
 */
export async function startAssignmentRun(
  db: Db,
  official: Official,
  body: StartAssignmentBody,
  request: RequestInfo,
  now = new Date(),
): Promise<AssignmentRunView> {
  const countyId = body.countyId ?? null;
  const fullRerun = body.fullRerun === true;
  if (countyId === null || fullRerun) {
    if (official.role !== 'province') throw new AppError(fullRerun ? 'ASSIGNMENT_RERUN_PROVINCE_ONLY' : 'FORBIDDEN');
  }
  if (countyId !== null) await assertCountyInScope(db, official, countyId);
  const run = await db.sequelize.transaction(async (transaction) => {
    const period = await db.models.ExamPeriod.findByPk(body.periodId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
    if (countyId !== null && !(await db.models.County.findByPk(countyId, { transaction })))
      throw new AppError('NOT_FOUND', { what: '县区' });
    if (fullRerun && period.printOpensAt && period.printOpensAt <= now)
      throw new AppError('ASSIGNMENT_RERUN_CLOSED', { opensAt: formatBeijing(period.printOpensAt) });
    const active = await db.models.AssignmentRun.findOne({
      where: {
        periodId: period.id,
        state: ['queued', 'running'],
        ...(countyId === null ? {} : { countyId: { [Op.or]: [null, countyId] } }),
      },
      transaction,
    });
    if (active) {
      const scope = countyId === null ? '本考次' : '该县区';
      throw new AppError('ASSIGNMENT_RUN_ACTIVE', { scope, id: active.id });
    }
    const created = await db.models.AssignmentRun.create(
      { periodId: period.id, countyId, officialId: official.id, fullRerun, state: 'queued' },
      { transaction },
    );
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'assignment.start',
        entityType: 'assignment_run',
        entityId: created.id,
        after: { periodId: period.id, countyId, fullRerun },
        countyId,
        ...request,
      },
      transaction,
    );
    return created;
  });
  return assignmentRunView(db, run);
}
