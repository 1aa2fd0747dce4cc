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

/** Writes a waitlist message for delivery, inside the caller's transaction. */
export type WaitlistTeller = (tx: SqlTx, message: WaitlistMessage) => Promise<void>;

let teller: WaitlistTeller = () => Promise.resolve();

/**
 * The notifications outbox's teller, handed in by `buildServices` (`notifications/tellWaitlist.ts`): the ledger
 * depends on no business module, so the outbox is passed in rather than imported.
 */
export function tellWaitlistWith(next: WaitlistTeller): void {
  teller = next;
}

/** Called inside the transaction that offers or closes an entry: the message commits or rolls back with it. */
export function tellCandidate(tx: SqlTx, message: WaitlistMessage): Promise<void> {
  return teller(tx, message);
}
