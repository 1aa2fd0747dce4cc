import { AppError } from '../../../http/errors';
import { formatBeijing } from '../../../lib/beijingTime';
import type { Candidate } from '../../accounts/models';
import {
  DEFAULT_EXAM_RULES,
  contentHash,
  examView,
  printBlock,
  ticketTitle,
  type TicketContent,
} from './ticketContent';
import type { TicketDeps } from './ticketDeps';
import type { TicketPdfCache } from './ticketPdfCache';
import { paidExams, ticketVersion } from './ticketRepository';
import { renderTicketPdf } from './renderTicketPdf';

/**
 * The candidate's own 准考证 of a period as a PDF: only inside the print window, only their paid
 * courses. A period they have no paid course in is NOT_FOUND, like one that does not exist.
 */
export async function ticketPdf(
  deps: TicketDeps,
  cache: TicketPdfCache,
  candidate: Candidate,
  periodId: number,
  now = new Date(),
): Promise<{ bytes: Buffer; fileName: string; hash: string }> {
  const period = await deps.db.catalog.period(periodId);
  // The version is read beside the paid courses, not after them: one wait for both.
  const [rows, version] = period
    ? await Promise.all([paidExams(deps.db, candidate.id, [periodId]), ticketVersion(deps.db, candidate.id, periodId)])
    : [[], 0];
  if (!period || rows.length === 0) throw new AppError('NOT_FOUND', { what: '准考证' });
  const block = printBlock(period, rows.length, now);
  if (block === 'not_scheduled') throw new AppError('TICKET_PRINT_NOT_SCHEDULED');
  if (block) {
    throw new AppError('TICKET_PRINT_CLOSED', {
      opensAt: formatBeijing(period.printOpensAt!),
      closesAt: formatBeijing(period.printClosesAt!),
    });
  }
  const content: TicketContent = {
    // A reissued ticket says so, for the official comparing it with a void one at the door.
    title: version > 0 ? `${ticketTitle(period.name)}（补发）` : ticketTitle(period.name),
    name: candidate.name,
    gender: candidate.gender,
    documentNo: deps.vault.decrypt(candidate.idCardCipher),
    ticketNo: [...new Set(rows.map((r) => r.ticket_no))].join('、'),
    photoId: candidate.photoPath,
    exams: rows.map(examView),
    rules: period.examRules?.trim() || DEFAULT_EXAM_RULES,
    candidateId: candidate.id,
    periodId: period.id,
    version,
  };
  const hash = contentHash(content);
  const bytes = await cache.getOrCreate(hash, async () =>
    renderTicketPdf({
      content,
      photo: content.photoId
        ? await deps.photos.read(content.photoId).then(
            (p) => p.bytes,
            () => null,
          )
        : null,
      qrToken: deps.tokens.sign('ticket-verify', { sub: `${candidate.id}:${period.id}`, ver: content.version }),
    }),
  );
  return { bytes, fileName: `准考证-${period.name}.pdf`, hash };
}
