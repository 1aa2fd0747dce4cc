import { maskIdCardNo, type InfoChangeForm } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import { AppError } from '../../../http/errors';
import type { IdCardVault } from '../../../lib/idCardVault';
import { checkedDocumentNo, detailChanges, sealNewDocumentNo } from '../../accounts/candidateDetails';
import type { Candidate } from '../../accounts/models';
import type { EffectContext, EffectResult } from '../kinds';

const DETAILS = ['name', 'gender', 'ethnicity'] as const;

/**
 * A new document number is never kept in clear in the form: stored masked, with its ciphertext beside it
 * (the vault's), and opened again only to check or apply it.
 */
export function sealInfoChangeForm(
  vault: IdCardVault,
  form: Record<string, unknown>,
  previous?: Record<string, unknown>,
): Record<string, unknown> {
  const { documentNo, documentNoCipher: _ignored, ...rest } = form;
  if (typeof documentNo !== 'string' || documentNo.trim() === '') return rest;
  // A correction sends back the masked number it was shown: the number kept stays.
  if (previous?.documentNoCipher && documentNo === previous.documentNo) {
    return { ...rest, documentNo, documentNoCipher: previous.documentNoCipher };
  }
  return { ...rest, documentNo: maskIdCardNo(documentNo.trim()), documentNoCipher: vault.encrypt(documentNo.trim()) };
}

export function openInfoChangeForm(vault: IdCardVault, form: Record<string, unknown>): Record<string, unknown> {
  const { documentNoCipher, ...rest } = form;
  return typeof documentNoCipher === 'string' ? { ...rest, documentNo: vault.decrypt(documentNoCipher) } : rest;
}

/** The sealed document columns of the form's new document, or null when it is the one on file. */
async function newDocument({ deps, transaction }: EffectContext, candidate: Candidate, form: InfoChangeForm) {
  if (!form.documentType || !form.documentNo) return null;
  const check = checkedDocumentNo(form.documentType, form.documentNo);
  const current = deps.vault.decrypt(candidate.idCardCipher);
  if (check.documentNo === current && form.documentType === candidate.documentType) return null;
  return { ...(await sealNewDocumentNo(deps, candidate, check, transaction)), documentType: form.documentType };
}

/**
 * 信息变更 approved: the candidate's name, gender, ethnicity and document change as the form asks (only what
 * differs); a document number is sealed exactly as a registration's is. Before and after, numbers masked.
 */
export async function infoChangeEffect(context: EffectContext): Promise<EffectResult> {
  const { deps, application, transaction } = context;
  const form = openInfoChangeForm(deps.vault, application.form) as InfoChangeForm;
  const candidate = await deps.db.models.Candidate.findByPk(application.candidateId, {
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (!candidate) throw new AppError('NOT_FOUND', { what: '考生' });
  const { before, after, changes } = detailChanges(candidate, form, DETAILS);
  const document = await newDocument(context, candidate, form);
  if (document) {
    Object.assign(before, { documentType: candidate.documentType, documentNo: candidate.idCardMasked });
    Object.assign(after, { documentType: document.documentType, documentNo: document.idCardMasked });
    Object.assign(changes, document);
  }
  try {
    if (Object.keys(changes).length > 0) await candidate.update(changes, { transaction });
  } catch (error) {
    // Another approval or edit took the number meanwhile: the unique key on the hash decides.
    if (error instanceof UniqueConstraintError) throw new AppError('DOCUMENT_NO_TAKEN');
    throw error;
  }
  return { before, after };
}
