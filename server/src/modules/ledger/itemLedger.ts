import type { BookingItemState } from '@kaowei/shared';
import { isDuplicateKey } from '../../db/sql';
import type { Sequelize, Transaction } from 'sequelize';
import { lockRows, sqlTxOf, type SqlTx } from '../../db/sqlTx';
import type { Actor } from '../../kernel/actor';
import { tellCandidate, waitlistOffered } from './waitlistMessages';
import {
  NOBODY_WAITING,
  OFFER_PAY_MINUTES,
  endWaiting,
  expireOffers,
  lockFirstInLine,
  lockStandingItems,
  markOffered,
  offerRefusal,
  type QuotaKey,
} from './waitlistLine';
import { MOVES, occupiesSeat, transition, type LedgerVerb } from './transitions';

/** A booking item as the ledger needs it, locked by the caller's transaction. */
export interface LedgerItem {
  id: number;
  state: BookingItemState;
  period_id: number;
  county_id: number;
  unit_id: number;
}

/** The booking whose courses take seats: one candidate, ticket, period and county for all of them. */
export interface BookingSeats {
  bookingId: number;
  candidateId: number;
  ticketId: number;
  periodId: number;
  countyId: number;
}

/** A course placed in the unit that examines it. */
export interface PlacedCourse {
  unitId: number;
  courseId: number;
}

/** Columns a verb sets besides state and active. */
type Stamp = { sql: string; params: unknown[] };

const byQuota = (a: LedgerItem, b: LedgerItem) => a.county_id - b.county_id || a.unit_id - b.unit_id || a.id - b.id;

/**
 * The only writer of booking item states, seats taken and booking events. Every verb checks the rule-13
 * transition of each item, moves the items, records who moved them and why, and takes or gives back their
 * seats — in the caller's transaction, seats last, in (county, unit) order so concurrent writers queue on
 * the hot quota rows briefly and always in the same order. A seat given back goes first to the quota's
 * waitlist (候补), in the same transaction: while anyone waits, no other hold can take it.
 */
export class ItemLedger {
  constructor(
    private readonly tx: SqlTx,
    private readonly actor: Actor,
    private readonly now = new Date(),
  ) {}

  /** The ledger inside a Sequelize transaction the caller has open. */
  static in(sequelize: Sequelize, transaction: Transaction, actor: Actor, now = new Date()): ItemLedger {
    return new ItemLedger(sqlTxOf(sequelize, transaction), actor, now);
  }

  /**
   * 保存考位 (rules 7–8): each course takes a seat alone — a full unit leaves no trace, the others are held.
   * The caller holds the booking lock and has placed every course in a unit the candidate holds nothing in.
   * Per course, in unit order: the conditional seat UPDATE, then the item and its event only if the seat
   * was taken (the previous statement's changed rows) — all asked for at once, so on MySQL they travel in
   * one round trip and the hot seat rows wait on no round trip of ours. Returns the units whose seat was taken.
   */
  async take(booking: BookingSeats, courses: PlacedCourse[], reason = '保存考位'): Promise<Set<number>> {
    const { to } = transition('take', null);
    const { fn } = this.tx;
    const now = this.now;
    const sorted = [...courses].sort((a, b) => a.unitId - b.unitId);
    const seats = sorted.map((course) => {
      const seat = this.takeSeat(booking.periodId, booking.countyId, course.unitId);
      const item = this.tx.run(
        `INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id,
                                    state, active, held_at, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?${fn.fromNoTable} WHERE ${fn.rowCount} = 1`,
        [
          booking.bookingId,
          booking.candidateId,
          booking.ticketId,
          booking.periodId,
          booking.countyId,
          course.unitId,
          course.courseId,
          to,
          now,
          now,
          now,
        ],
      );
      const event = this.tx.run(
        `INSERT INTO booking_events (booking_item_id, from_state, to_state, actor_type, actor_id, reason, created_at)
         SELECT ${fn.lastInsertId}, NULL, ?, ?, ?, ?, ?${fn.fromNoTable} WHERE ${fn.rowCount} = 1`,
        [to, this.actor.type, this.actor.id, reason, now],
      );
      return Promise.all([seat, item, event]).then(([taken]) => (taken ? course.unitId : null));
    });
    return new Set((await Promise.all(seats)).filter((unit) => unit !== null));
  }

  /** Rule 8: another course of the same unit takes the held seat. */
  async replace(item: LedgerItem, courseId: number, reason: string): Promise<void> {
    await this.move('replace', [item], reason, { sql: 'course_id = ?,', params: [courseId] });
  }

  /** The candidate gives up held courses; their seats go back at once. */
  async drop(items: LedgerItem[], reason = '考生取消'): Promise<void> {
    await this.move('drop', items, reason, { sql: 'released_at = ?,', params: [this.now] });
  }

  /** 确认报考 (rule 9): held items join the booking's payment order. */
  async confirm(items: LedgerItem[], paymentOrderId: number, reason = '确认报考'): Promise<void> {
    await this.move('confirm', items, reason, {
      sql: 'confirmed_at = ?, payment_order_id = ?,',
      params: [this.now, paymentOrderId],
    });
  }

  async markPaid(items: LedgerItem[], reason = '缴费成功'): Promise<void> {
    await this.move('markPaid', items, reason, { sql: 'paid_at = ?,', params: [this.now] });
  }

  /** Rule 10: unpaid items go back to the quota. */
  async release(items: LedgerItem[], reason: string): Promise<void> {
    await this.move('release', items, reason, { sql: 'released_at = ?,', params: [this.now] });
  }

  /**
   * Rule 12: a late payment's released items take their seats back, all or none. False when a seat is
   * gone (or the candidate holds another course of that unit by now); then nothing changed.
   */
  async retake(items: LedgerItem[], reason = '逾期缴费，考位仍有空余，已重新占用'): Promise<boolean> {
    if (items.length === 0) return true;
    // Holding takes the booking lock first; so does this, so a hold and a retake never race for one unit.
    await this.tx.rows(
      `SELECT id FROM bookings WHERE id IN (SELECT booking_id FROM booking_items WHERE id IN (?))${lockRows(this.tx)}`,
      [items.map((i) => i.id)],
    );
    await this.tx.run('SAVEPOINT ledger_retake');
    try {
      await this.move('retake', items, reason, { sql: 'paid_at = ?, released_at = NULL,', params: [this.now] });
      return true;
    } catch (error) {
      if (!(error instanceof SeatGone) && !isDuplicateKey(error)) throw error;
      await this.tx.run('ROLLBACK TO SAVEPOINT ledger_retake');
      return false;
    }
  }

  async markRefunding(items: LedgerItem[], reason: string): Promise<void> {
    await this.move('markRefunding', items, reason);
  }

  /** Rule 11: the money went back, so the seats go back. */
  async markRefunded(items: LedgerItem[], reason: string): Promise<void> {
    await this.move('markRefunded', items, reason, { sql: 'released_at = ?,', params: [this.now] });
  }

  private async move(verb: LedgerVerb, items: LedgerItem[], reason: string, stamp?: Stamp): Promise<void> {
    if (items.length === 0) return;
    const moves = [...items].sort(byQuota).map((item) => ({ item, ...transition(verb, item.state) }));
    const { to } = MOVES[verb];
    const now = this.now;
    const moved = await this.tx.run(
      `UPDATE booking_items SET state = ?, active = ?, ${stamp?.sql ?? ''} updated_at = ?
        WHERE id IN (?) AND state IN (?)`,
      [
        to,
        occupiesSeat(to) ? 1 : null,
        ...(stamp?.params ?? []),
        now,
        moves.map((m) => m.item.id),
        MOVES[verb].from.filter((s) => s !== null),
      ],
    );
    if (moved.affectedRows !== items.length) {
      throw new Error(
        `ledger ${verb}: ${items.length - moved.affectedRows} item(s) not in the state the caller locked`,
      );
    }
    await this.recordEvents(
      moves.map((m) => ({ id: m.item.id, from: m.item.state, to })),
      reason,
    );
    // An offer from the waitlist that goes back unpaid has expired; its seat moves on to the next in line.
    if (verb === 'release' || verb === 'drop') {
      const why = verb === 'drop' ? '考生取消了候补保存的考位' : '候补考位未在规定时间内缴费';
      await expireOffers(
        this.tx,
        items.map((i) => i.id),
        why,
        this.now,
      );
    }
    const taking = moves.filter((m) => m.seats === 1).map((m) => m.item);
    for (const item of taking) {
      if (!(await this.takeSeat(item.period_id, item.county_id, item.unit_id))) throw new SeatGone();
    }
    await this.giveBack(moves.filter((m) => m.seats === -1).map((m) => m.item));
  }

  /** Who moved which items from what to what, and why (rule 13): one INSERT for all. */
  private async recordEvents(
    events: Array<{ id: number; from: BookingItemState | null; to: BookingItemState }>,
    reason: string,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.tx.run(
      `INSERT INTO booking_events (booking_item_id, from_state, to_state, actor_type, actor_id, reason, created_at)
       VALUES ${events.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      events.flatMap((e) => [e.id, e.from, e.to, this.actor.type, this.actor.id, reason, this.now]),
    );
  }

  /**
   * One seat of a quota, only while one is free (rule 7) and, unless the waitlist itself takes it, nobody waits
   * for it: the affected row count decides.
   */
  private async takeSeat(periodId: number, countyId: number, unitId: number, forWaitlist = false): Promise<boolean> {
    const { affectedRows } = await this.tx.run(
      `UPDATE seat_quotas SET taken = taken + 1, updated_at = ?
        WHERE period_id = ? AND county_id = ? AND unit_id = ? AND taken < capacity${forWaitlist ? '' : NOBODY_WAITING}`,
      [this.now, periodId, countyId, unitId, ...(forWaitlist ? [] : [periodId, countyId, unitId])],
    );
    return affectedRows === 1;
  }

  /**
   * 候补: while the quota (its row locked by the caller: a seat just given back, or capacity raised) has a free
   * seat and someone waits, the first in line is given it as a held item with its own pay-by time. An entry the
   * rules no longer allow (another county, a frozen booking, the unit or the course limit already used) is
   * closed and the seat goes on. After the booking window nothing is offered; the closing job clears the line.
   */
  async offerFreedSeats(quota: QuotaKey): Promise<number> {
    let offered = 0;
    for (;;) {
      const entry = await lockFirstInLine(this.tx, quota);
      if (!entry || new Date(entry.booking_closes_at) <= this.now) return offered;
      // The booking lock (as holding and confirming take it), then its items: nothing of theirs moves meanwhile.
      if (entry.booking_id !== null)
        await this.tx.rows(`SELECT id FROM bookings WHERE id = ?${lockRows(this.tx)}`, [entry.booking_id]);
      const items = await lockStandingItems(this.tx, entry.candidate_id, quota.periodId);
      const refusal = offerRefusal(entry, quota.countyId, quota.unitId, items);
      if (refusal || entry.booking_id === null || entry.ticket_id === null) {
        await endWaiting(this.tx, { entryId: entry.id }, 'closed', refusal ?? '无本考次报考记录', this.now);
        continue;
      }
      if (!(await this.takeSeat(quota.periodId, quota.countyId, quota.unitId, true))) return offered;
      const payBy = new Date(this.now.getTime() + OFFER_PAY_MINUTES * 60_000);
      const { to } = transition('take', null);
      const { insertId: itemId } = await this.tx.run(
        `INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id,
                                    state, active, held_at, pay_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
        [
          entry.booking_id,
          entry.candidate_id,
          entry.ticket_id,
          quota.periodId,
          quota.countyId,
          quota.unitId,
          entry.course_id,
          to,
          this.now,
          payBy,
          this.now,
          this.now,
        ],
      );
      await this.recordEvents([{ id: itemId, from: null, to }], '候补成功，考位已保存');
      // Rule 3: the booking's county, as a hold sets it.
      if (entry.booking_county_id !== quota.countyId)
        await this.tx.run('UPDATE bookings SET county_id = ?, updated_at = ? WHERE id = ?', [
          quota.countyId,
          this.now,
          entry.booking_id,
        ]);
      await markOffered(this.tx, entry.id, itemId, this.now);
      await tellCandidate(
        this.tx,
        waitlistOffered({
          candidateId: entry.candidate_id,
          entryId: entry.id,
          ...quota,
          courseId: entry.course_id,
          itemId,
          payBy,
        }),
      );
      offered += 1;
    }
  }

  /** Seats back to their quotas, one UPDATE per quota. */
  private async giveBack(items: LedgerItem[]): Promise<void> {
    const perQuota = new Map<string, { item: LedgerItem; count: number }>();
    for (const item of items) {
      const key = `${item.period_id}:${item.county_id}:${item.unit_id}`;
      const entry = perQuota.get(key) ?? { item, count: 0 };
      entry.count += 1;
      perQuota.set(key, entry);
    }
    for (const { item, count } of perQuota.values()) {
      await this.tx.run(
        'UPDATE seat_quotas SET taken = taken - ?, updated_at = ? WHERE period_id = ? AND county_id = ? AND unit_id = ?',
        [count, this.now, item.period_id, item.county_id, item.unit_id],
      );
      await this.offerFreedSeats({ periodId: item.period_id, countyId: item.county_id, unitId: item.unit_id });
    }
  }
}

class SeatGone extends Error {}
