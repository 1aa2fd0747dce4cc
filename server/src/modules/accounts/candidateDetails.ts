import { DOCUMENT_TYPE_LABELS, validateDocument, type DocumentType } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Candidate } from './models';

/** The fields of `wanted` that differ from the candidate's: what changes, and before/after for the record. */
export function detailChanges<F extends keyof Candidate>(
  candidate: Candidate,
  wanted: Partial<Record<F, unknown>>,
  fields: readonly F[],
) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const changes: Partial<Candidate> = {};
  for (const field of fields) {
    const value = wanted[field];
    if (value === undefined || value === candidate[field]) continue;
    before[field] = candidate[field];
    after[field] = value;
    Object.assign(changes, { [field]: value });
  }
  return { before, after, changes };
}

/** A document number checked by its type's rule (INVALID_DOCUMENT_NO naming the type and the reason). */
export function checkedDocumentNo(type: DocumentType, documentNo: string) {
  const check = validateDocument(type, documentNo);
  if (!check.ok) {
    throw new AppError('INVALID_DOCUMENT_NO', { documentType: DOCUMENT_TYPE_LABELS[type], reason: check.reason });
  }
  return check;
}

/**
 * The stored columns of a candidate's new document number, sealed as registrations seal ID numbers;
 * DOCUMENT_NO_TAKEN when another candidate holds it.
 */
export async function sealNewDocumentNo(
  deps: { db: Db; vault: IdCardVault },
  candidate: Candidate,
  check: { documentNo: string; birthDate?: string },
  transaction: Transaction,
) {
  const sealed = deps.vault.seal(check.documentNo);
  const holder = await deps.db.models.Candidate.findOne({ where: { idCardHash: sealed.idCardHash }, transaction });
  if (holder && holder.id !== candidate.id) throw new AppError('DOCUMENT_NO_TAKEN');
  return { ...sealed, ...(check.birthDate && { birthDate: check.birthDate }) };
}
