import type { PeriodInput } from '@kaowei/shared';
import type { FindOptions } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import type { ExamPeriod, ExamPeriodRecord } from '../../catalog/models';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { asJson, changes, uniqueCodeTransaction } from '../changes';
import { officialActor } from '../../../kernel/actor';

export function periodView(p: ExamPeriod) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    bookingOpensAt: p.bookingOpensAt,
    bookingClosesAt: p.bookingClosesAt,
    paymentOpensAt: p.paymentOpensAt,
    paymentClosesAt: p.paymentClosesAt,
    payDailyStart: p.payDailyStart,
    payDailyEnd: p.payDailyEnd,
    dailyReleaseTime: p.dailyReleaseTime,
    refundAllowed: p.refundAllowed,
    refundDeadline: p.refundDeadline,
    printOpensAt: p.printOpensAt,
    printClosesAt: p.printClosesAt,
    feePerCourseFen: p.feePerCourseFen,
    maxCourses: p.maxCourses,
    bookingNotice: p.bookingNotice,
    examRules: p.examRules ?? null,
  };
}

const snapshot = (p: ExamPeriod) => asJson(periodView(p));

/** The period, or 404 NOT_FOUND; `options` to read it in (and lock it for) a transaction. */
export async function findPeriodOr404(
  db: Db,
  id: number,
  options: Pick<FindOptions, 'transaction' | 'lock'> = {},
): Promise<ExamPeriodRecord> {
  const period = await db.models.ExamPeriod.findByPk(id, options);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  return period;
}

export async function listPeriods(db: Db) {
  const periods = await db.models.ExamPeriod.findAll({ order: [['bookingOpensAt', 'DESC']] });
  return { items: periods.map(periodView) };
}

const toRow = (input: PeriodInput) => ({
  ...input,
  bookingOpensAt: new Date(input.bookingOpensAt),
  bookingClosesAt: new Date(input.bookingClosesAt),
  paymentOpensAt: new Date(input.paymentOpensAt),
  paymentClosesAt: new Date(input.paymentClosesAt),
  refundDeadline: input.refundDeadline ? new Date(input.refundDeadline) : null,
  printOpensAt: input.printOpensAt ? new Date(input.printOpensAt) : null,
  printClosesAt: input.printClosesAt ? new Date(input.printClosesAt) : null,
});

/** Creates (id null) or replaces a period's settings in one audited transaction. */
export async function savePeriod(
  db: Db,
  official: Official,
  id: number | null,
  input: PeriodInput,
  request: RequestInfo,
) {
  return uniqueCodeTransaction(db, { what: '考次', code: input.code }, async (transaction) => {
    let period: ExamPeriodRecord;
    let change: { before: unknown; after: unknown };
    if (id === null) {
      period = await db.models.ExamPeriod.create(toRow(input), { transaction });
      change = { before: null, after: snapshot(period) };
    } else {
      const found = await findPeriodOr404(db, id, { transaction, lock: transaction.LOCK.UPDATE });
      const before = snapshot(found);
      period = await found.update(toRow(input), { transaction });
      change = changes(before, snapshot(period));
    }
    await writeAudit(
      db,
      officialActor(official),
      {
        action: id === null ? 'period.create' : 'period.update',
        entityType: 'exam_period',
        entityId: period.id,
        ...change,
        ...request,
      },
      transaction,
    );
    return periodView(period);
  });
}
