import { QueryTypes } from 'sequelize';
import type { Db } from '../../src/db/models';
import { inTransaction, lockRows } from '../../src/db/sqlTx';
import { systemActor } from '../../src/kernel/actor';
import { ItemLedger, type LedgerItem } from '../../src/modules/ledger/itemLedger';
import type { QuotaKey } from '../../src/modules/ledger/waitlistLine';
import { insertEntry, lockQuota } from '../../src/modules/waitlist/waitlistRepository';
import type { CrowdMember } from './crowd';

/**
 * A crowd member joins a quota's waitlist as 候补 joins it (the quota's seat row locked, then the entry), without
 * the placement rules and SMS code around it: for tests of the line itself. Returns the entry id.
 */
export function joinLine(db: Db, member: CrowdMember, quota: QuotaKey, courseId: number): Promise<number> {
  return inTransaction(db.sequelize, async (tx) => {
    await lockQuota(tx, quota);
    return insertEntry(tx, { ...quota, ...member, courseId }, new Date());
  });
}

/** The member's item occupying a seat of the period. */
export async function activeItemOf(db: Db, candidateId: number, periodId: number): Promise<LedgerItem> {
  const [item] = await db.sequelize.query<LedgerItem>(
    'SELECT id, state, period_id, county_id, unit_id FROM booking_items WHERE candidate_id = ? AND period_id = ? AND active = 1',
    { replacements: [candidateId, periodId], type: QueryTypes.SELECT },
  );
  return item!;
}

/** Marks held items paid (setting up refunds: the seat stays taken, only the state moves). */
export async function markPaid(db: Db, itemIds: number[]): Promise<void> {
  await db.sequelize.query(`UPDATE booking_items SET state = 'paid', paid_at = NOW(3) WHERE id IN (?)`, {
    replacements: [itemIds],
  });
}

/** A paid item's refund going through the ledger as a refund settlement moves it: refunding, then refunded. */
export function refundItem(db: Db, itemId: number): Promise<void> {
  return inTransaction(db.sequelize, async (tx) => {
    const [item] = await tx.rows<LedgerItem>(
      `SELECT id, state, period_id, county_id, unit_id FROM booking_items WHERE id = ?${lockRows(tx)}`,
      [itemId],
    );
    const ledger = new ItemLedger(tx, systemActor);
    await ledger.markRefunding([item!], '考生申请退费');
    await ledger.markRefunded([{ ...item!, state: 'refunding' }], '退费成功');
  });
}

export interface EntryState {
  id: number;
  candidate_id: number;
  state: string;
  offered_item_id: number | null;
}

export function entriesOfPeriod(db: Db, periodId: number): Promise<EntryState[]> {
  return db.sequelize.query<EntryState>(
    'SELECT id, candidate_id, state, offered_item_id FROM waitlist_entries WHERE period_id = ? ORDER BY id',
    { replacements: [periodId], type: QueryTypes.SELECT },
  );
}
