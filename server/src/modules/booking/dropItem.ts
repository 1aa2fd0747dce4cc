import type { Db } from '../../db/models';
import type { Candidate } from '../accounts/models';
import { candidateActor } from '../../kernel/actor';
import { ownHeldItem } from './ownHeldItem';
import { releaseLockedItems } from './releaseItems';

/** The candidate gives up a held course; its seat goes back at once. */
export async function dropItem(db: Db, candidate: Candidate, itemId: number) {
  await db.sequelize.transaction(async (transaction) => {
    const item = await ownHeldItem(db, candidate.id, itemId, transaction);
    await releaseLockedItems(db, [{ ...item, state: 'held' }], candidateActor(candidate.id), '考生取消', transaction);
  });
  return { itemId, state: 'released' as const };
}
