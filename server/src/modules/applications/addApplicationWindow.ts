import type { ApplicationWindowInput, ApplicationWindowView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import { assertProvince } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import { windowView } from './applicationWindows';

/** The province opens a kind for a time (per exam period, or standing); audited. */
export async function addApplicationWindow(
  db: Db,
  official: Official,
  input: ApplicationWindowInput,
  request: RequestInfo,
): Promise<ApplicationWindowView> {
  assertProvince(official);
  if (input.periodId !== null && !(await db.models.ExamPeriod.findByPk(input.periodId))) {
    throw new AppError('NOT_FOUND', { what: '考次' });
  }
  const window = await db.sequelize.transaction(async (transaction) => {
    const created = await db.models.ApplicationWindow.create(
      {
        kind: input.kind,
        periodId: input.periodId,
        opensAt: new Date(input.opensAt),
        closesAt: new Date(input.closesAt),
      },
      { transaction },
    );
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'application_window.add',
        entityType: 'application_window',
        entityId: created.id,
        after: input,
        ...request,
      },
      transaction,
    );
    return created;
  });
  return windowView(window);
}
