import type { MergeAnswer } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Candidate, Official } from '../../accounts/models';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { moveRecords, recordsOf } from './mergeRepository';
import { assertMayMerge, mergeProblems, mergeSide } from './previewMerge';

const fate = (others: string | null, kept: string | null) => (others ? (kept ? 'freed' : 'moved') : 'none');

/**
 * 合档 (#13): one person holding two records (two document numbers typed differently in the old system).
 * In one transaction every record of the other candidate (tickets with their passed courses, bookings
 * with items and payment orders, waiting-list entries, scores, registrations) moves to the kept one; the
 * other is closed: merged_into_id set, its sessions ended, its phone and WeChat freed (or moved to the
 * kept record when that has none; so is its own password when the kept record is on its initial one). Its document number still finds the kept record. One audit entry
 * lists every id moved. Refused when both hold a booking in the same period. Merging a closed record
 * into the same kept one again moves whatever reached it since (a booking request in flight at the time).
 */
export async function mergeCandidates(
  db: Db,
  official: Official,
  keepId: number,
  input: { otherId: number; reason: string },
  request: RequestInfo,
): Promise<MergeAnswer> {
  assertMayMerge(official);
  return db.sequelize.transaction(async (transaction) => {
    // Both rows locked, in id order: a concurrent merge of the same pair waits, then sees the result.
    const locked = await db.models.Candidate.findAll({
      where: { id: [keepId, input.otherId] },
      order: [['id', 'ASC']],
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    const keep = locked.find((c) => c.id === keepId);
    const other = locked.find((c) => c.id === input.otherId);
    if (!keep || !other) throw new AppError('NOT_FOUND', { what: '考生' });
    const problems = await mergeProblems(db, keep, other, transaction);
    if (problems.length > 0) throw new AppError('MERGE_REFUSED', { reason: problems.join('；') });
    const before = { keep: await mergeSide(db, keep, transaction), other: await mergeSide(db, other, transaction) };
    const moved = await recordsOf(db, other.id, transaction);
    await moveRecords(db, other.id, keep.id, transaction);
    const answer: MergeAnswer = {
      keptId: keep.id,
      closedId: other.id,
      moved,
      phone: fate(other.phone, keep.phone),
      wechat: fate(other.wechatOpenid, keep.wechatOpenid),
    };
    await closeInto(other, keep, transaction);
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'candidate.merge',
        entityType: 'candidate',
        entityId: keep.id,
        before,
        after: answer,
        reason: input.reason,
        countyId: keep.countyId ?? other.countyId,
        ...request,
      },
      transaction,
    );
    return answer;
  });
}

/** Closes `other` (its unique phone and openid freed first) and gives `keep` what it lacked. */
async function closeInto(other: Candidate, keep: Candidate, transaction: Transaction): Promise<void> {
  const taken = { phone: other.phone, phoneBoundAt: other.phoneBoundAt, wechatOpenid: other.wechatOpenid };
  await other.update(
    {
      mergedIntoId: keep.id,
      phone: null,
      phoneBoundAt: null,
      wechatOpenid: null,
      tokenVersion: other.tokenVersion + 1,
    },
    { transaction },
  );
  await keep.update(
    {
      phone: keep.phone ?? taken.phone,
      phoneBoundAt: keep.phone ? keep.phoneBoundAt : taken.phoneBoundAt,
      wechatOpenid: keep.wechatOpenid ?? taken.wechatOpenid,
      phoneOnFile: keep.phoneOnFile ?? other.phoneOnFile,
      countyId: keep.countyId ?? other.countyId,
      // Still on its initial password: the person keeps the one they set on the other record.
      ...(keep.passwordHash === null && other.passwordHash !== null
        ? { passwordHash: other.passwordHash, mustChangePassword: other.mustChangePassword }
        : {}),
    },
    { transaction },
  );
}
