import type { Db } from '../../db/models';
import { inTransaction, lockRows, sqlOf } from '../../db/sqlTx';
import { systemActor } from '../../kernel/actor';
import { releaseUnpaid } from '../booking/releaseUnpaid';
import { tellCandidate, waitlistClosed } from '../ledger/waitlistMessages';

const CLOSED_REASON = '报考时间已结束，候补未能兑现';

/**
 * The waitlist closes with the booking window: what still waits is cleared (and each candidate told), in
 * batches of rows locked with SKIP LOCKED, so several instances may run it at once and none clears twice.
 */
export async function closeWaitlists(db: Db, now = new Date(), batchSize = 500): Promise<number> {
  const periods = await sqlOf(db.sequelize).rows<{ period_id: number }>(
    `SELECT DISTINCT w.period_id FROM waitlist_entries w JOIN exam_periods p ON p.id = w.period_id
      WHERE w.state = 'waiting' AND p.booking_closes_at <= ?`,
    [now],
  );
  let closed = 0;
  for (const { period_id: periodId } of periods) {
    for (;;) {
      const batch = await inTransaction(db.sequelize, async (tx) => {
        const rows = await tx.rows<{ id: number; candidate_id: number }>(
          `SELECT id, candidate_id FROM waitlist_entries WHERE period_id = ? AND state = 'waiting'
            ORDER BY id LIMIT ?${lockRows(tx)}${tx.dialect === 'mysql' ? ' SKIP LOCKED' : ''}`,
          [periodId, batchSize],
        );
        if (rows.length === 0) return 0;
        await tx.run(
          `UPDATE waitlist_entries SET state = 'closed', active = NULL, ended_at = ?, end_reason = ?, updated_at = ?
            WHERE id IN (?)`,
          [now, CLOSED_REASON, now, rows.map((r) => r.id)],
        );
        for (const row of rows)
          await tellCandidate(
            tx,
            waitlistClosed({ candidateId: row.candidate_id, entryId: row.id, periodId, reason: CLOSED_REASON }),
          );
        return rows.length;
      });
      closed += batch;
      if (batch < batchSize) break;
    }
  }
  return closed;
}

/**
 * Seats given from the waitlist and not paid by their pay-by time go back, and so on to the next in line
 * (the ledger offers each freed seat). The release's own SKIP LOCKED batches make it safe on every instance.
 */
export async function expireOverdueOffers(db: Db, now = new Date()): Promise<number> {
  const periods = await sqlOf(db.sequelize).rows<{ period_id: number }>(
    `SELECT DISTINCT period_id FROM booking_items WHERE pay_by <= ? AND state IN ('held', 'confirmed')`,
    [now],
  );
  let released = 0;
  for (const { period_id: periodId } of periods) {
    const result = await releaseUnpaid(db, {
      periodId,
      heldBefore: now,
      overdueOffersOnly: true,
      actor: systemActor,
      reason: '候补考位未在规定时间内缴费，考位转给下一位候补考生',
    });
    released += result.released;
  }
  return released;
}
