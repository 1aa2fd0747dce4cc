import type { Db } from '../../db/models';
import type { Candidate } from '../accounts/models';
import { candidateActor } from '../../kernel/actor';
import { ItemLedger } from '../ledger/itemLedger';
import { ownHeldItem } from './ownHeldItem';

/** The candidate gives up a held course; its seat goes back at once. */
export async function dropItem(db: Db, candidate: Candidate, itemId: number) {
  await db.sequelize.transaction(async (transaction) => {
    const item = await ownHeldItem(db, candidate.id, itemId, transaction);
    await ItemLedger.in(db.sequelize, transaction, candidateActor(candidate.id)).drop([item]);
  });
  return { itemId, state: 'released' as const };
}
