import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import { assertProvince } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import { windowView } from './applicationWindows';

/** The province removes a window (audited); applications already made stay as they are. */
export async function removeApplicationWindow(
  db: Db,
  official: Official,
  id: number,
  request: RequestInfo,
): Promise<void> {
  assertProvince(official);
  await db.sequelize.transaction(async (transaction) => {
    const window = await db.models.ApplicationWindow.findByPk(id, { transaction });
    if (!window) throw new AppError('NOT_FOUND', { what: '办理时间' });
    await window.destroy({ transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'application_window.remove',
        entityType: 'application_window',
        entityId: id,
        before: windowView(window),
        ...request,
      },
      transaction,
    );
  });
}
