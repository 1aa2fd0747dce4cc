import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { bookingDetails } from '../orders/bookingDetail';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, select } from '../../../kernel/sqlParts';
import { assertCandidateInScope } from './candidateScope';
import { candidateProfileForAdmin } from './searchCandidates';

/**
 * 考生详情: 403 outside the official's districts. Their bookings (each with items, history, payment
 * orders and refunds) are those in the official's districts, by the booking's county.
 */
export async function candidateDetail(db: Db, official: Official, candidateId: number) {
  await assertCandidateInScope(db, official, candidateId);
  const where = new Conditions()
    .add('b.candidate_id = ?', candidateId)
    .counties('b.county_id', await scopedCountyIds(db, official));
  const ids = await select<{ id: number }>(db, `SELECT b.id FROM bookings b WHERE ${where.sql}`, where.replacements);
  const bookings = await bookingDetails(
    db,
    ids.map((b) => b.id),
  );
  return {
    candidate: await candidateProfileForAdmin(db, candidateId),
    bookings,
    payments: bookings.flatMap((b) => b.payments),
    refunds: bookings.flatMap((b) => b.refunds),
  };
}
