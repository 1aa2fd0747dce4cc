import { errorMessage, type HoldResult } from '@kaowei/shared';
import { ConnectionAcquireTimeoutError } from 'sequelize';
import { inTransaction } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import { holdCourses, holdRequests } from '../../metrics/registry';
import { candidateActor } from '../../kernel/actor';
import { assertAccountUsable, assertTicketActive, type CandidateClaims } from '../accounts/authGuards';
import { readCandidateAccount } from '../accounts/candidateRepository';
import { findPeriod } from '../catalog/catalogRepository';
import { ItemLedger } from '../ledger/itemLedger';
import { activeItems, lockBooking, setBookingCounty } from './bookingRepository';
import { assertBookingOpen } from './bookingWindow';
import type { BookingRequest } from './checkBooking';
import type { BookingDeps } from './deps';
import { placeCodes, placementCatalog, placementView } from './placeCourses';

/**
 * 保存考位, the opening minute's hot path, as one transaction in two round trips: the booking row locked
 * with the candidate's items and SMS code; the rules checked; then the code used up, every placeable
 * course's seat taken alone (rule 8), and the commit. The county is the booking's from this hold on, whatever
 * seats were free. A refusal before the code is used leaves it usable; a wrong code stays counted.
 * The answer says per course: held, seat full, or refused (with the reason).
 */
export async function holdSeats(
  deps: BookingDeps,
  claims: CandidateClaims & { ticketId: number },
  input: BookingRequest & { smsCode: string },
  now = new Date(),
): Promise<{ items: HoldResult[] }> {
  try {
    const answer = await holdInTransaction(deps, claims, input, now);
    holdRequests.inc({ outcome: 'answered' });
    for (const item of answer.items) holdCourses.inc({ result: item.result });
    return answer;
  } catch (error) {
    holdRequests.inc({ outcome: holdRefusal(error) });
    throw error;
  }
}

/** The metric label for a hold that was not answered: its error code, as the client gets it. */
function holdRefusal(error: unknown): string {
  if (error instanceof AppError) return error.code;
  return error instanceof ConnectionAcquireTimeoutError ? 'BUSY' : 'error';
}

async function holdInTransaction(
  deps: BookingDeps,
  claims: CandidateClaims & { ticketId: number },
  input: BookingRequest & { smsCode: string },
  now: Date,
): Promise<{ items: HoldResult[] }> {
  const { db } = deps;
  const period = await findPeriod(db, input.periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  assertBookingOpen(period, now);
  // Catalogue reads come from the cache, before the transaction takes its connection.
  const catalog = await placementCatalog(db, period.id, now);
  const countyName = await catalog.countyName(input.countyId);
  if (!countyName) throw new AppError('NOT_FOUND', { what: '所选县（市、区）' });

  return inTransaction(
    db.sequelize,
    async (tx) => {
      // One round trip: the booking row locked, then (reading after that lock, which confirming and late
      // payments also take: rules 3, 9, 11, 12) the candidate's items, the account the token names with its
      // ticket (the route verified the token only) and the SMS code, locked.
      const [booking, active, candidate, code] = await Promise.all([
        lockBooking(tx, claims.candidateId, period.id),
        activeItems(tx, claims.candidateId, period.id),
        readCandidateAccount(tx, claims.candidateId, claims.ticketId),
        deps.smsCodes.lockCode(tx, { candidateId: claims.candidateId }, 'hold_seats', now),
      ]);
      assertAccountUsable(candidate, claims);
      assertTicketActive(candidate.ticket);
      if (!booking?.notice_acknowledged_at) throw new AppError('NOTICE_NOT_ACKNOWLEDGED');
      const placements = await placeCodes({ ...input, period, majorId: candidate.ticket?.majorId }, catalog, active);
      const wanted = placements.filter((p) => p.status === 'ok');
      if (wanted.length === 0) throw new AppError('NOTHING_TO_HOLD', {}, { placements: placements.map(placementView) });

      // The second round trip: the code's try, the booking's county, every course's seat, item and event, commit.
      const attempt = deps.smsCodes.tryCode(
        tx,
        code,
        { phone: candidate.phone!, purpose: 'hold_seats', code: input.smsCode },
        now,
      );
      if (!attempt.matches) {
        await attempt.written;
        throw new AppError('SMS_CODE_INVALID');
      }
      const county =
        booking.county_id === input.countyId ? null : setBookingCounty(tx, booking.id, input.countyId, now);
      const [held] = await Promise.all([
        new ItemLedger(tx, candidateActor(candidate.id), now).take(
          {
            bookingId: booking.id,
            candidateId: candidate.id,
            ticketId: claims.ticketId,
            periodId: period.id,
            countyId: input.countyId,
          },
          wanted.map((p) => ({ unitId: p.offering!.unitId, courseId: p.offering!.courseId })),
        ),
        attempt.written,
        county,
        tx.commitWithLast(),
      ]);
      return {
        items: placements.map((placement): HoldResult => {
          const view = placementView(placement);
          if (placement.status === 'held' || (placement.status === 'ok' && held.has(placement.unitId!)))
            return { ...view, result: 'held' };
          if (placement.status === 'refused') return { ...view, result: 'refused' };
          const message = errorMessage('SEAT_FULL', {
            county: countyName,
            unit: placement.unitLabel!,
            course: `${placement.code} ${placement.courseName}`,
          });
          return { ...view, result: 'seat_full', error: { code: 'SEAT_FULL', message } };
        }),
      };
    },
    { keepRefusals: true },
  );
}
