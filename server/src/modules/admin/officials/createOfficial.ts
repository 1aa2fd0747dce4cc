import type { OfficialRole, OfficialWithPassword } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import { hashPassword } from '../../../lib/passwords';
import type { Official } from '../../accounts/models';
import { accountFacts, auditOfficial } from './officialAudit';
import { officialView, usernameTaken } from './officialRepository';
import { grantedScope } from './officialScope';
import { temporaryPassword } from './temporaryPassword';

export interface OfficialCreateInput {
  username: string;
  name: string;
  role: OfficialRole;
  cityId?: number | null;
  countyId?: number | null;
  password?: string;
}

/**
 * Opens an account within the creator's own scope. Its password (given, or made here and shown once) must be
 * changed at first login. One transaction with the audit entry.
 */
export async function createOfficial(
  db: Db,
  actor: Official,
  input: OfficialCreateInput,
  request: RequestInfo,
): Promise<OfficialWithPassword> {
  const scope = await grantedScope(db, actor, input);
  const made = input.password ? null : temporaryPassword();
  const passwordHash = await hashPassword(input.password ?? made!);
  try {
    return await db.sequelize.transaction(async (transaction) => {
      if (await usernameTaken(db, input.username, transaction)) {
        throw new AppError('OFFICIAL_USERNAME_TAKEN', { username: input.username });
      }
      const official = await db.models.Official.create(
        {
          username: input.username,
          name: input.name,
          passwordHash,
          ...scope,
          totpSecret: null,
          mustChangePassword: true,
          disabledAt: null,
          createdBy: actor.id,
        },
        { transaction },
      );
      await auditOfficial(
        db,
        actor,
        official,
        { action: 'official.create', after: accountFacts(official) },
        request,
        transaction,
      );
      return { official: await officialView(db, official.id, transaction), temporaryPassword: made };
    });
  } catch (error) {
    // Two creations of one username at once: the unique index refuses the second.
    if (error instanceof UniqueConstraintError) {
      throw new AppError('OFFICIAL_USERNAME_TAKEN', { username: input.username });
    }
    throw error;
  }
}
