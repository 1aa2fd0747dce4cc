import type { RegistrationWindowInput, RegistrationWindowView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { removeWindow } from '../../../kernel/removeWindow';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../models';
import { registrationWindowView } from './registrationWindows';

/** The province opens 新生注册 for a time (per exam period, or standing) with a review deadline; audited. */
export async function addRegistrationWindow(
  db: Db,
  official: Official,
  input: RegistrationWindowInput,
  request: RequestInfo,
): Promise<RegistrationWindowView> {
  assertProvince(official);
  if (input.periodId !== null && !(await db.models.ExamPeriod.findByPk(input.periodId))) {
    throw new AppError('NOT_FOUND', { what: '考次' });
  }
  const window = await db.sequelize.transaction(async (transaction) => {
    const created = await db.models.RegistrationWindow.create(
      {
        periodId: input.periodId,
        opensAt: new Date(input.opensAt),
        closesAt: new Date(input.closesAt),
        reviewClosesAt: new Date(input.reviewClosesAt),
      },
      { transaction },
    );
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'registration_window.add',
        entityType: 'registration_window',
        entityId: created.id,
        after: input,
        ...request,
      },
      transaction,
    );
    return created;
  });
  return registrationWindowView(window);
}

/** The province removes a window (audited); applications made in it keep their review deadline. */
export function removeRegistrationWindow(db: Db, official: Official, id: number, request: RequestInfo): Promise<void> {
  const table = {
    model: db.models.RegistrationWindow,
    what: '注册时间',
    entityType: 'registration_window',
    view: registrationWindowView,
  };
  return removeWindow(db, official, table, id, request);
}
