import { TICKET_STATUS_LABELS, type CandidateTicket } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { ticketsOfCandidate } from '../../accounts/candidateRepository';
import type { Official } from '../../accounts/models';
import { bookingDetails } from '../orders/bookingDetail';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, select } from '../../../kernel/sqlParts';
import { assertCandidateInScope } from './candidateScope';
import { candidateRecords } from './candidateRecords';
import { candidateProfileForAdmin } from './searchCandidates';

/**
 * 考生详情: 403 outside the official's districts. Their bookings (each with items, history, payment
 * orders and refunds) are those in the official's districts, by the booking's county. Every ticket
 * is listed with its status, and every passed course (candidateRecords).
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
  const [candidate, tickets, records] = await Promise.all([
    candidateProfileForAdmin(db, candidateId),
    ticketsOfCandidate(db, candidateId),
    candidateRecords(db, official, candidateId),
  ]);
  return {
    candidate,
    tickets: tickets.map((t): CandidateTicket => ({
      id: t.ticketId,
      ticketNo: t.ticketNo,
      majorName: t.majorName,
      status: t.status,
      statusName: TICKET_STATUS_LABELS[t.status],
    })),
    bookings,
    payments: bookings.flatMap((b) => b.payments),
    refunds: bookings.flatMap((b) => b.refunds),
    records,
  };
}
