import { DOCUMENT_TYPE_LABELS, maskPhone, type DocumentType, type MergePreview, type MergeSide } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { Candidate, Official } from '../../accounts/models';
import { recordsOf, sharedActiveMajors, sharedPeriodCodes } from './mergeRepository';

/** 合档 is the provincial office's alone: it joins records across every district. */
export function assertMayMerge(official: Official): void {
  if (official.role !== 'province') throw new AppError('FORBIDDEN');
}

export async function findCandidateOr404(db: Db, id: number): Promise<Candidate> {
  const candidate = await db.models.Candidate.findByPk(id);
  if (!candidate) throw new AppError('NOT_FOUND', { what: '考生' });
  return candidate;
}

export async function mergeSide(db: Db, candidate: Candidate, transaction?: Transaction): Promise<MergeSide> {
  const tickets = await db.models.Ticket.findAll({
    where: { candidateId: candidate.id },
    order: [['ticketNo', 'ASC']],
    transaction,
  });
  return {
    id: candidate.id,
    name: candidate.name,
    documentTypeName: DOCUMENT_TYPE_LABELS[candidate.documentType as DocumentType],
    idCardMasked: candidate.idCardMasked,
    phoneMasked: candidate.phone ? maskPhone(candidate.phone) : null,
    ticketNos: tickets.map((t) => t.ticketNo),
  };
}

/** Why the two records cannot be merged, in words for the official (empty: they can). */
export async function mergeProblems(
  db: Db,
  keep: Candidate,
  other: Candidate,
  transaction?: Transaction,
): Promise<string[]> {
  const problems: string[] = [];
  if (keep.id === other.id) problems.push('不能与同一份档案合档');
  if (keep.mergedIntoId) problems.push('保留的档案已合档至其他档案，请在合档后的档案上操作');
  // Merged into this very record before: again sweeps anything that reached it since (a request in flight).
  if (other.mergedIntoId && other.mergedIntoId !== keep.id) problems.push('另一份档案已合档至其他档案，不能再次合档');
  const periods = keep.id === other.id ? [] : await sharedPeriodCodes(db, keep.id, other.id, transaction);
  if (periods.length > 0) {
    problems.push(`两份档案在同一考次（${periods.join('、')}）都有报考记录，请先取消其中一份的报考后再合档`);
  }
  return problems;
}

/**
 * 合档预览: the other record found by id or by its document number (exactly that record, even if closed),
 * what would move from it, and what stands in the way.
 */
export async function previewMerge(
  deps: { db: Db; vault: IdCardVault },
  official: Official,
  keepId: number,
  query: { otherId?: number; documentNo?: string },
): Promise<MergePreview> {
  assertMayMerge(official);
  const keep = await findCandidateOr404(deps.db, keepId);
  const other = query.otherId
    ? await findCandidateOr404(deps.db, query.otherId)
    : await deps.db.models.Candidate.findOne({ where: { idCardHash: deps.vault.hash(query.documentNo ?? '') } });
  if (!other) throw new AppError('NOT_FOUND', { what: '该证件号码的考生档案' });
  return {
    keep: await mergeSide(deps.db, keep),
    other: await mergeSide(deps.db, other),
    moves: await recordsOf(deps.db, other.id),
    problems: await mergeProblems(deps.db, keep, other),
    notes: (await sharedActiveMajors(deps.db, keep.id, other.id)).map(
      (major) => `两份档案都有“${major}”专业的有效准考证，合档后可将其中一张变更为已注销`,
    ),
  };
}
