import { WAITLIST_STATE_LABELS, type WaitlistState } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { sqlOf, statementsTogether } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import { endWaiting } from '../ledger/waitlistLine';

/**
 * 退出候补, one tap: a waiting entry of the candidate's ends. One statement: an offer racing it either
 * took the entry first (then it is already 已候补成功) or finds it gone.
 */
export async function leaveWaitlist(db: Db, candidateId: number, entryId: number, now = new Date()) {
  const left = await statementsTogether(db.sequelize, (sql) =>
    endWaiting(sql, { entryId, candidateId }, 'left', '考生退出候补', now),
  );
  if (left) return { entryId, state: 'left' as const, stateLabel: WAITLIST_STATE_LABELS.left };
  const [entry] = await sqlOf(db.sequelize).rows<{ state: WaitlistState }>(
    'SELECT state FROM waitlist_entries WHERE id = ? AND candidate_id = ?',
    [entryId, candidateId],
  );
  if (!entry) throw new AppError('NOT_FOUND', { what: '候补记录' });
  throw new AppError('WAITLIST_NOT_WAITING', { state: WAITLIST_STATE_LABELS[entry.state] });
}
