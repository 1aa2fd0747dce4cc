import { type CandidateEditAnswer, type CandidateEditInput, type DocumentType } from '@kaowei/shared';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { IdCardVault } from '../../../lib/idCardVault';
import { checkedDocumentNo, detailChanges, sealNewDocumentNo } from '../../accounts/candidateDetails';
import type { Candidate, Official } from '../../accounts/models';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertCandidateInScope } from './candidateScope';

const DETAILS = ['name', 'gender', 'ethnicity', 'education', 'documentType'] as const;

/** The stored columns of a new document number (sealed as registrations seal ID numbers), or nothing. */
async function newDocument(
  deps: { db: Db; vault: IdCardVault },
  official: Official,
  candidate: Candidate,
  type: DocumentType,
  documentNo: string | undefined,
  transaction: Transaction,
) {
  const current = deps.vault.decrypt(candidate.idCardCipher);
  const check = checkedDocumentNo(type, documentNo ?? current);
  if (check.documentNo === current) return null;
  if (official.role !== 'province') throw new AppError('DOCUMENT_NO_PROVINCE_ONLY');
  return sealNewDocumentNo(deps, candidate, check, transaction);
}

/**
 * 修改考生信息: an official of the candidate's district completes or corrects the name, gender, ethnicity,
 * education and document type, with a reason; the document number itself is the provincial office's
 * alone (checked by its type's rule, sealed like a registration's, refused when another candidate has
 * it). Only what differs changes; before and after land in the audit log (the number masked). One
 * transaction.
 */
export async function editCandidate(
  deps: { db: Db; vault: IdCardVault },
  official: Official,
  candidateId: number,
  input: CandidateEditInput,
  request: RequestInfo,
): Promise<CandidateEditAnswer> {
  const { db } = deps;
  await assertCandidateInScope(db, official, candidateId);
  try {
    return await db.sequelize.transaction(async (transaction) => {
      const candidate = await db.models.Candidate.findByPk(candidateId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!candidate) throw new AppError('NOT_FOUND', { what: '考生' });
      const { before, after, changes } = detailChanges(candidate, input, DETAILS);
      const type = input.documentType ?? candidate.documentType;
      if (input.documentNo !== undefined || input.documentType !== undefined) {
        const sealed = await newDocument(deps, official, candidate, type, input.documentNo, transaction);
        if (sealed) {
          before.documentNo = candidate.idCardMasked;
          after.documentNo = sealed.idCardMasked;
          Object.assign(changes, sealed);
        }
      }
      const changed = Object.keys(after);
      if (changed.length === 0) return { changed };
      await candidate.update(changes, { transaction });
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'candidate.edit',
          entityType: 'candidate',
          entityId: candidateId,
          before,
          after,
          reason: input.reason,
          countyId: candidate.countyId,
          ...request,
        },
        transaction,
      );
      return { changed };
    });
  } catch (error) {
    // Two edits racing to one number: the unique key on the hash decides.
    if (error instanceof UniqueConstraintError) throw new AppError('DOCUMENT_NO_TAKEN');
    throw error;
  }
}
