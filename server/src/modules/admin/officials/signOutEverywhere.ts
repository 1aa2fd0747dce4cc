import type { Db } from '../../../db/models';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { auditOfficial } from './officialAudit';
import { lockOfficial } from './officialRepository';

/** 退出所有设备: the token version moves on, so every session of the account (this one too) ends at once. */
export async function signOutEverywhere(db: Db, official: Official, request: RequestInfo) {
  await db.sequelize.transaction(async (transaction) => {
    const locked = (await lockOfficial(db, official.id, transaction))!;
    await locked.update({ tokenVersion: locked.tokenVersion + 1 }, { transaction });
    await auditOfficial(db, official, locked, { action: 'official.sign_out_everywhere' }, request, transaction);
  });
  return { ok: true as const };
}
