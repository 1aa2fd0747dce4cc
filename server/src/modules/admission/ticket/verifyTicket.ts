import type { TicketVerifyView } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { beijingDateString } from '../../../lib/beijingTime';
import { assertCountyInScope } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { examView } from './ticketContent';
import type { TicketDeps } from './ticketDeps';
import { paidExams, ticketVersion } from './ticketRepository';

/** The candidate and period a ticket's QR token names; a forged, expired or other-kind token is refused. */
function readToken(deps: TicketDeps, token: string): { candidateId: number; periodId: number; version: number } {
  let claims: { sub: string; ver?: number };
  try {
    claims = deps.tokens.verify('ticket-verify', token);
  } catch {
    throw new AppError('TICKET_TOKEN_INVALID');
  }
  const [candidateId, periodId] = claims.sub.split(':').map(Number);
  if (!candidateId || !periodId) throw new AppError('TICKET_TOKEN_INVALID');
  return { candidateId, periodId, version: claims.ver ?? 0 };
}

/** Loads what a scanned ticket names, refusing officials outside the county the candidate sits in. */
async function scannedTicket(deps: TicketDeps, official: Official, token: string) {
  const { candidateId, periodId, version } = readToken(deps, token);
  const [candidate, period] = await Promise.all([
    deps.db.models.Candidate.findByPk(candidateId),
    deps.db.catalog.period(periodId),
  ]);
  if (!candidate || !period) throw new AppError('TICKET_TOKEN_INVALID');
  const rows = await paidExams(deps.db, candidateId, [periodId]);
  await assertCountyInScope(deps.db, official, rows[0]?.county_id ?? candidate.countyId);
  // A ticket printed before the latest 补发 is void: only the reissued one gets in.
  if (version < (await ticketVersion(deps.db, candidateId, periodId))) throw new AppError('TICKET_SUPERSEDED');
  return { candidate, period, rows };
}

/** 扫码核验: name, photo and today's seats of the ticket's holder, for an official of the exam county. */
export async function verifyTicket(
  deps: TicketDeps,
  official: Official,
  token: string,
  now = new Date(),
): Promise<TicketVerifyView> {
  const { candidate, period, rows } = await scannedTicket(deps, official, token);
  const today = beijingDateString(now);
  const exams = rows.map(examView);
  return {
    candidateId: candidate.id,
    name: candidate.name,
    gender: candidate.gender,
    idCardMasked: candidate.idCardMasked,
    ticketNo: [...new Set(rows.map((r) => r.ticket_no))].join('、'),
    periodName: period.name,
    photoUrl: candidate.photoPath ? `/api/admin/admission/verify/photo?token=${encodeURIComponent(token)}` : null,
    today,
    seats: exams.filter((e) => e.examDate === today),
    allExams: exams,
  };
}

/** The photo of a scanned ticket's holder, under the same scope check. */
export async function verifiedPhoto(deps: TicketDeps, official: Official, token: string) {
  const { candidate } = await scannedTicket(deps, official, token);
  if (!candidate.photoPath) throw new AppError('NOT_FOUND', { what: '照片' });
  return deps.photos.read(candidate.photoPath);
}
