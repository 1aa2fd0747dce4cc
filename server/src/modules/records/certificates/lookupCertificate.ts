import type { CertificateLookupAnswer, CertificateLookupInput } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { sqlOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import type { CaptchaService } from '../../accounts/captcha';
import { certificateWithHolder } from './certificateRepository';

/**
 * 证书查询 (public, no login): certificate number + the holder's name + an image captcha (single use;
 * captchas are issued at CAPTCHA_IP_PER_MINUTE per address, which is what limits guessing). An unknown
 * number and a wrong name get the same CERTIFICATE_NOT_FOUND after the same one query, so the answer
 * does not tell whether a number exists. The holder's document number is shown masked only.
 */
export async function lookupCertificate(
  deps: { db: Db; captchas: CaptchaService },
  input: CertificateLookupInput,
  now = new Date(),
): Promise<CertificateLookupAnswer> {
  await deps.captchas.check(input.captchaId, input.captchaAnswer, now);
  const found = await certificateWithHolder(sqlOf(deps.db.sequelize), input.certificateNo);
  if (!found || found.name.trim() !== input.name) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    certificateNo: found.certificate_no,
    name: found.name,
    idCardNoMasked: found.id_card_masked,
    majorCode: found.major_code,
    majorName: found.major_name,
    majorLevel: found.major_level,
    issuedOn: found.issued_on,
  };
}
