import { ACTIVE_BOOKING_ITEM_STATES, PASSED_BY_LABELS, type PassedBy, type TransferOutForm } from '@kaowei/shared';
import { Op, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { sqlTxOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { beijingDateString } from '../../../lib/beijingTime';
import { candidatePassedCourses } from '../../records/myRecords/recordsRepository';
import { visibleAt } from '../../records/myRecords/scoreViews';
import type { Ticket } from '../../accounts/models';
import type { ApplicationsDeps } from '../applicationsDeps';
import type { EffectContext, EffectResult } from '../kinds';
import { activeTicketFor } from './activeTicket';

/** 转出证明's content, frozen in the approved application's `after`: the PDF is drawn from it alone. */
export interface TransferCertificate {
  name: string;
  gender: 'M' | 'F';
  /** Masked, as every document number Kaowei shows. */
  documentNo: string;
  ticketNo: string;
  majorCode: string;
  majorName: string;
  majorLevel: string;
  toProvince: string;
  /** Beijing date of the approval, "YYYY-MM-DD". */
  approvedOn: string;
  courses: Array<{
    courseCode: string;
    courseName: string;
    credits: number;
    score: number | null;
    grade: string | null;
    passedBy: PassedBy;
    passedByLabel: string;
    periodCode: string;
  }>;
}

/**
 * A ticket with seats still to be sat (held, confirmed, paid or being refunded, in a unit not examined before
 * today) does not leave: the candidate sits those exams or has them refunded first.
 */
async function assertNoSeatsAhead(db: Db, ticket: Ticket, now: Date, transaction?: Transaction) {
  const items = await db.models.BookingItem.findAll({
    where: { ticketId: ticket.id, state: [...ACTIVE_BOOKING_ITEM_STATES] },
    attributes: ['unitId'],
    transaction,
  });
  if (items.length === 0) return;
  const ahead = await db.models.ExamUnit.count({
    where: { id: items.map((i) => i.unitId), examDate: { [Op.gte]: beijingDateString(now) } },
    transaction,
  });
  if (ahead > 0) throw new AppError('TRANSFER_OUT_SEATS_HELD', { ticketNo: ticket.ticketNo });
}

/** 提交: only under a ticket still 有效, with no exam booked ahead. */
export async function checkTransferOut(deps: ApplicationsDeps, ticketId: number, _form: unknown, now: Date) {
  await assertNoSeatsAhead(deps.db, await activeTicketFor(deps.db, ticketId, 'transfer_out'), now);
}

/**
 * 转出 approved (checked again: 有效, nothing booked ahead): the ticket becomes 已转出 (no booking, paying or signing in under it from then on) and the
 * 转出证明 is frozen: the candidate, the major and every course passed under the ticket that a candidate can
 * see at the approval (a period's passes once its scores are published).
 */
export async function transferOutEffect({ deps, application, transaction, now }: EffectContext): Promise<EffectResult> {
  const { db } = deps;
  const ticket = await activeTicketFor(db, application.ticketId, 'transfer_out', transaction);
  await assertNoSeatsAhead(db, ticket, now, transaction);
  const candidate = await db.models.Candidate.findByPk(application.candidateId, { transaction, rejectOnEmpty: true });
  const major = await db.models.Major.findByPk(ticket.majorId, { transaction, rejectOnEmpty: true });
  const passed = (await candidatePassedCourses(sqlTxOf(db.sequelize, transaction), candidate.id)).filter(
    (r) => r.ticketNo === ticket.ticketNo,
  );
  const visible = await visibleAt(
    db,
    passed.map((r) => r.periodId),
    now,
  );
  const certificate: TransferCertificate = {
    name: candidate.name,
    gender: candidate.gender,
    documentNo: candidate.idCardMasked,
    ticketNo: ticket.ticketNo,
    majorCode: major.code,
    majorName: major.name,
    majorLevel: major.level,
    toProvince: (application.form as TransferOutForm).toProvince,
    approvedOn: beijingDateString(now),
    courses: passed
      .filter((r) => visible(r.periodId))
      .map((r) => ({
        courseCode: r.courseCode,
        courseName: r.courseName,
        credits: r.credits,
        score: r.score,
        grade: r.grade,
        passedBy: r.passedBy,
        passedByLabel: PASSED_BY_LABELS[r.passedBy],
        periodCode: r.periodCode,
      })),
  };
  await ticket.update({ status: 'transferred' }, { transaction });
  return {
    before: { ticketNo: ticket.ticketNo, status: 'active' },
    after: { ticketNo: ticket.ticketNo, status: 'transferred', certificate },
  };
}
