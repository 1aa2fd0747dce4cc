import { AppError } from '../../http/errors';
import { writeAudit } from '../../kernel/audit';
import type { Actor } from '../../kernel/actor';
import { nextStep } from './candidateRepository';
import type { AccountsDeps } from './deps';
import type { Candidate } from './models';

/** The unbind code goes to the phone being unbound: only its holder can let it go. */
export async function sendUnbindPhoneCode(
  deps: AccountsDeps,
  candidate: Candidate,
  input: { captchaId?: string; captchaAnswer?: string },
  ip: string,
) {
  if (!candidate.phone) throw new AppError('PHONE_NOT_BOUND');
  return deps.smsCodes.send({ phone: candidate.phone, purpose: 'unbind_phone', ip, ...input });
}

export async function unbindPhone(deps: AccountsDeps, candidate: Candidate, smsCode: string) {
  if (!candidate.phone) throw new AppError('PHONE_NOT_BOUND');
  await deps.smsCodes.consume(candidate.phone, 'unbind_phone', smsCode);
  await candidate.update({ phone: null, phoneBoundAt: null });
  return { phoneMasked: null, nextStep: nextStep(candidate) };
}

/** An official unbinds a lost phone for the candidate; the reason goes to the audit log. */
export async function unbindPhoneByOfficial(
  deps: AccountsDeps,
  candidate: Candidate,
  actor: Actor,
  reason: string,
  request: { ip: string; requestId: string },
) {
  await deps.db.sequelize.transaction(async (transaction) => {
    const before = { phone: candidate.phone };
    await candidate.update({ phone: null, phoneBoundAt: null }, { transaction });
    await writeAudit(
      deps.db,
      actor,
      {
        action: 'candidate.unbind_phone',
        entityType: 'candidate',
        entityId: candidate.id,
        before,
        after: { phone: null },
        reason,
        ...request,
      },
      transaction,
    );
  });
  return { unbound: true };
}
