import type { WaitlistState } from '@kaowei/shared';
import { lockRows, type SqlReader, type SqlTx } from '../../db/sqlTx';
import type { QuotaKey } from '../ledger/waitlistLine';

export interface WaitingEntry {
  id: number;
  county_id: number;
  unit_id: number;
}

/** The candidate's waiting entries in a period (joining counts them against the rules). */
export function waitingEntries(sql: SqlReader, candidateId: number, periodId: number): Promise<WaitingEntry[]> {
  return sql.rows<WaitingEntry>(
    `SELECT id, county_id, unit_id FROM waitlist_entries WHERE candidate_id = ? AND period_id = ? AND state = 'waiting'`,
    [candidateId, periodId],
  );
}

/** The quota's seat row, locked: joining, holding and freeing a seat of it queue here. */
export async function lockQuota(tx: SqlTx, quota: QuotaKey): Promise<{ capacity: number; taken: number } | null> {
  const [row] = await tx.rows<{ capacity: number; taken: number }>(
    `SELECT capacity, taken FROM seat_quotas WHERE period_id = ? AND county_id = ? AND unit_id = ?${lockRows(tx)}`,
    [quota.periodId, quota.countyId, quota.unitId],
  );
  return row ? { capacity: Number(row.capacity), taken: Number(row.taken) } : null;
}

export async function insertEntry(
  tx: SqlTx,
  entry: QuotaKey & { candidateId: number; ticketId: number; courseId: number },
  now: Date,
): Promise<number> {
  const { insertId } = await tx.run(
    `INSERT INTO waitlist_entries (candidate_id, ticket_id, period_id, county_id, unit_id, course_id, state, active,
                                   joined_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'waiting', 1, ?, ?, ?)`,
    [entry.candidateId, entry.ticketId, entry.periodId, entry.countyId, entry.unitId, entry.courseId, now, now, now],
  );
  return insertId;
}

export interface EntryRow {
  id: number;
  period_id: number;
  period_name: string;
  county_name: string;
  code: string;
  course_name: string;
  exam_date: string;
  half_day: string;
  start_time: string;
  end_time: string;
  state: WaitlistState;
  joined_at: Date | string;
  offered_item_id: number | null;
  pay_by: Date | string | null;
  end_reason: string | null;
  /** Waiting entries of the same quota joined before this one. */
  ahead: number | string | null;
}

/** Every waitlist entry of a candidate, newest period first, with how many wait ahead of each. */
export function entriesOf(sql: SqlReader, candidateId: number): Promise<EntryRow[]> {
  return sql.rows<EntryRow>(
    `SELECT w.id, w.period_id, p.name AS period_name, co.name AS county_name, c.code, c.name AS course_name,
            u.exam_date, u.half_day, u.start_time, u.end_time, w.state, w.joined_at, w.offered_item_id,
            i.pay_by, w.end_reason,
            CASE WHEN w.state = 'waiting' THEN
              (SELECT COUNT(*) FROM waitlist_entries a WHERE a.period_id = w.period_id AND a.county_id = w.county_id
                  AND a.unit_id = w.unit_id AND a.state = 'waiting' AND a.id < w.id) END AS ahead
       FROM waitlist_entries w
       JOIN exam_periods p ON p.id = w.period_id
       JOIN counties co ON co.id = w.county_id
       JOIN courses c ON c.id = w.course_id
       JOIN exam_units u ON u.id = w.unit_id
       LEFT JOIN booking_items i ON i.id = w.offered_item_id
      WHERE w.candidate_id = ? ORDER BY w.period_id DESC, w.id DESC`,
    [candidateId],
  );
}

/** Waiting entries per (county, unit) of a period: the admin's line lengths. */
export function lineLengths(
  sql: SqlReader,
  periodId: number,
): Promise<Array<{ county_id: number; unit_id: number; n: number | string }>> {
  return sql.rows(
    `SELECT county_id, unit_id, COUNT(*) AS n FROM waitlist_entries
      WHERE period_id = ? AND state = 'waiting' GROUP BY county_id, unit_id`,
    [periodId],
  );
}
