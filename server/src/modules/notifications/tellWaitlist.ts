import type { SqlTx } from '../../db/sqlTx';
import type { WaitlistMessage } from '../ledger/waitlistMessages';
import { enqueue, notifySeatGiven } from './enqueue';
import { periodName, unitName } from './waitlistNames';

/**
 * The ledger's waitlist teller (wired at boot by `tellWaitlistWith`): a seat given or a line closed becomes an
 * outbox message in the transaction that gives or closes it.
 */
export async function tellWaitlist(tx: SqlTx, message: WaitlistMessage): Promise<void> {
  if (message.event === 'waitlist_offered') {
    await notifySeatGiven(tx, {
      candidateId: message.candidateId,
      waitlistEntryId: message.entryId,
      unitName: await unitName(tx, message.unitId),
      payBy: message.payBy,
    });
    return;
  }
  await enqueue(tx, {
    candidateId: message.candidateId,
    event: 'waitlist_closed',
    dedupeKey: `waitlist_closed:${message.entryId}`,
    data: { periodName: await periodName(tx, message.periodId), reason: message.reason },
  });
}
