import type { Model, ModelStatic } from 'sequelize';
import type { Db } from '../db/models';
import type { Official } from '../modules/accounts/models';
import { AppError } from '../http/errors';
import { officialActor } from './actor';
import { writeAudit, type RequestInfo } from './audit';
import { assertProvince } from './scope';

/** Which window table a removal touches, and how its row is named and kept in the audit log. */
export interface WindowTable<W extends Model> {
  model: ModelStatic<W>;
  /** The Chinese name in "…不存在". */
  what: string;
  entityType: string;
  view: (window: W) => unknown;
}

/** The province removes a window (an application kind's, registration's): audited in the same transaction. */
export async function removeWindow<W extends Model>(
  db: Db,
  official: Official,
  table: WindowTable<W>,
  id: number,
  request: RequestInfo,
): Promise<void> {
  assertProvince(official);
  await db.sequelize.transaction(async (transaction) => {
    const window = await table.model.findByPk(id, { transaction });
    if (!window) throw new AppError('NOT_FOUND', { what: table.what });
    await window.destroy({ transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: `${table.entityType}.remove`,
        entityType: table.entityType,
        entityId: id,
        before: table.view(window),
        ...request,
      },
      transaction,
    );
  });
}
