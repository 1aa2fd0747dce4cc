import type { SqlTx } from '../../db/sqlTx';

/** What a candidate is told about their waitlist entry: the data a subscribe message or SMS template fills. */
export type WaitlistMessage =
  | {
      event: 'waitlist_offered';
      candidateId: number;
      entryId: number;
      periodId: number;
      countyId: number;
      unitId: number;
      courseId: number;
      itemId: number;
      /** The held seat goes to the next in line unless paid by then. */
      payBy: Date;
    }
  | { event: 'waitlist_closed'; candidateId: number; entryId: number; periodId: number; reason: string };

export const waitlistOffered = (data: Omit<Extract<WaitlistMessage, { event: 'waitlist_offered' }>, 'event'>) =>
  ({ event: 'waitlist_offered', ...data }) as const satisfies WaitlistMessage;

export const waitlistClosed = (data: Omit<Extract<WaitlistMessage, { event: 'waitlist_closed' }>, 'event'>) =>
  ({ event: 'waitlist_closed', ...data }) as const satisfies WaitlistMessage;

/**
 * THE call site for the notifications outbox (#17, built in parallel): called inside the transaction that
 * offers or closes the entry, so the message commits or rolls back with its event. Until the outbox is wired
 * here, nothing is sent; the candidate sees the outcome in 我的报考 / 我的候补.
 */
export async function tellCandidate(_tx: SqlTx, _message: WaitlistMessage): Promise<void> {
  // Integrator: enqueue `_message` into the outbox with `_tx` here.
}
