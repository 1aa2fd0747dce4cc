import type { SqlTx } from '../../../db/sqlTx';
import { deleteItemAssignments } from './assignmentRepository';

/**
 * A paid item leaves 'paid' (its refund opens): its seat is freed in the same transaction, so the ticket no
 * longer shows the course and the next incremental run may give the seat to someone else.
 */
export function freeSeatsOf(tx: SqlTx, itemIds: number[]): Promise<void> {
  return deleteItemAssignments(tx, itemIds);
}
