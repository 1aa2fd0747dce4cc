import type { Sequelize, Transaction } from 'sequelize';
import { sqlTxOf, type SqlTx } from '../../db/sqlTx';
import type { OutboxMessage } from './messages';
import { insertMessages } from './outboxRepository';

export type { OutboxMessage } from './messages';

/** The event's own transaction: a Sequelize one, or the plain-SQL view of one (booking, ledger code). */
export type EventTransaction = Transaction | SqlTx;

export const asSqlTx = (transaction: EventTransaction): SqlTx =>
  'rows' in transaction
    ? transaction
    : // Sequelize keeps the instance a transaction belongs to on it (not in its typings).
      sqlTxOf((transaction as unknown as { sequelize: Sequelize }).sequelize, transaction);

/**
 * Writes messages to the outbox inside the transaction of the event that causes them: they exist if and
 * only if the event commits, and the delivery worker sends them afterwards (never inside the request).
 * A message whose dedupeKey is already there is ignored, so an event applied twice writes it once.
 * Returns how many were new.
 */
export async function enqueue(
  transaction: EventTransaction,
  messages: OutboxMessage | OutboxMessage[],
  now = new Date(),
): Promise<number> {
  const list = Array.isArray(messages) ? messages : [messages];
  if (list.length === 0) return 0;
  return insertMessages(asSqlTx(transaction), list, now);
}

/**
 * When the index-th message of a bulk notice may go at `perMinute` messages a minute from `start`: set it as
 * notBefore so a notice to many candidates leaves at a bounded rate, whatever the workers' speed.
 */
export function spreadOver(start: Date, perMinute: number, index: number): Date {
  return new Date(start.getTime() + Math.floor((index * 60_000) / perMinute));
}

/** 候补: tells a candidate a seat of the waitlist was given to them (call in the transaction that gives it). */
export function notifySeatGiven(
  transaction: EventTransaction,
  seat: { candidateId: number; waitlistEntryId: number; unitName: string; payBy: Date },
  now = new Date(),
): Promise<number> {
  return enqueue(
    transaction,
    {
      candidateId: seat.candidateId,
      event: 'waitlist_seat_given',
      dedupeKey: `waitlist_seat_given:${seat.waitlistEntryId}:${seat.payBy.getTime()}`,
      data: { unitName: seat.unitName, payBy: seat.payBy.toISOString() },
    },
    now,
  );
}
