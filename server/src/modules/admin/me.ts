import { OFFICIAL_ROLE_LABELS } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import type { AccountsDeps } from '../accounts/deps';
import type { Official } from '../accounts/models';
import type { RequestInfo } from '../../kernel/audit';
import { writeAudit } from '../../kernel/audit';
import { officialActor } from '../../kernel/actor';
import { openTotpSecret, sealTotpSecret, totpCodeMatches } from './totp';

type Deps = Pick<AccountsDeps, 'db' | 'vault'>;

/** The signed-in official, as the admin shows them. */
export async function describeMe(deps: Deps, official: Official) {
  const [city, county] = await Promise.all([
    official.cityId ? deps.db.models.City.findByPk(official.cityId) : null,
    official.countyId ? deps.db.models.County.findByPk(official.countyId) : null,
  ]);
  return {
    id: official.id,
    username: official.username,
    name: official.name,
    role: official.role,
    roleLabel: OFFICIAL_ROLE_LABELS[official.role],
    cityId: official.cityId,
    countyId: official.countyId,
    cityName: city?.name ?? null,
    countyName: county?.name ?? null,
    totpEnabled: official.totpSecret !== null,
    mustChangePassword: Boolean(official.mustChangePassword),
  };
}

/** Turns TOTP on once the official proves their app shows the codes of the offered secret. */
export async function enableTotp(deps: Deps, official: Official, secret: string, code: string, request: RequestInfo) {
  if (!totpCodeMatches(secret, code)) throw new AppError('TOTP_CODE_MISMATCH');
  await deps.db.sequelize.transaction(async (transaction) => {
    const locked = await deps.db.models.Official.findByPk(official.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (locked!.totpSecret) throw new AppError('TOTP_ALREADY_ENABLED');
    await locked!.update({ totpSecret: sealTotpSecret(deps.vault, secret) }, { transaction });
    await writeAudit(deps.db, officialActor(official), totpAudit(official, true, request), transaction);
  });
  return { totpEnabled: true };
}

/** Turns TOTP off; a current code is needed, so a borrowed session alone cannot do it. */
export async function disableTotp(deps: Deps, official: Official, code: string, request: RequestInfo) {
  await deps.db.sequelize.transaction(async (transaction) => {
    const locked = await deps.db.models.Official.findByPk(official.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!locked!.totpSecret) throw new AppError('TOTP_NOT_ENABLED');
    if (!totpCodeMatches(openTotpSecret(deps.vault, locked!.totpSecret), code)) {
      throw new AppError('TOTP_CODE_MISMATCH');
    }
    await locked!.update({ totpSecret: null }, { transaction });
    await writeAudit(deps.db, officialActor(official), totpAudit(official, false, request), transaction);
  });
  return { totpEnabled: false };
}

const totpAudit = (official: Official, enabled: boolean, request: RequestInfo) => ({
  action: enabled ? 'official.totp_enable' : 'official.totp_disable',
  entityType: 'official',
  entityId: official.id,
  before: { totpEnabled: !enabled },
  after: { totpEnabled: enabled },
  countyId: official.countyId,
  ...request,
});
