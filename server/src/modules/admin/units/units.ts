import { HALF_DAY_LABELS, type UnitInput } from '@kaowei/shared';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import type { ExamUnit, ExamUnitRecord } from '../../catalog/models';
import { catalogSource } from '../../catalog/catalogSource';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { asJson, catalogTransaction, changes, uniqueCodeTransaction } from '../changes';
import { officialActor } from '../../../kernel/actor';

export const unitView = (u: ExamUnit) => ({
  id: u.id,
  code: u.code,
  examDate: u.examDate,
  halfDay: u.halfDay,
  startTime: u.startTime,
  endTime: u.endTime,
});

/** Read afresh (not through the catalog cache): the official sees what was just saved on any instance. */
export async function listUnits(db: Db, periodId: number) {
  return { items: (await catalogSource(db).units(periodId)).map(unitView) };
}

async function lockUnit(db: Db, id: number, transaction: Transaction): Promise<ExamUnitRecord> {
  const unit = await db.models.ExamUnit.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
  if (!unit) throw new AppError('NOT_FOUND', { what: '考试单元' });
  return unit;
}

/** A period has one unit per half day: a candidate sits one exam at a time. */
async function assertSlotFree(db: Db, periodId: number, input: UnitInput, exceptId: number, transaction: Transaction) {
  const other = await db.models.ExamUnit.findOne({
    where: { periodId, examDate: input.examDate, halfDay: input.halfDay, id: { [Op.ne]: exceptId } },
    transaction,
  });
  if (other) {
    throw new AppError('UNIT_SLOT_TAKEN', {
      date: input.examDate,
      halfDay: HALF_DAY_LABELS[input.halfDay],
      code: other.code,
    });
  }
}

export function createUnit(db: Db, official: Official, periodId: number, input: UnitInput, request: RequestInfo) {
  return uniqueCodeTransaction(db, { what: '考试单元', code: input.code }, async (transaction) => {
    await assertSlotFree(db, periodId, input, 0, transaction);
    const unit = await db.models.ExamUnit.create({ periodId, ...input }, { transaction });
    const after = unitView(unit);
    await writeAudit(
      db,
      officialActor(official),
      { action: 'unit.create', entityType: 'exam_unit', entityId: unit.id, after: { periodId, ...after }, ...request },
      transaction,
    );
    return after;
  });
}

export function updateUnit(db: Db, official: Official, id: number, input: UnitInput, request: RequestInfo) {
  return uniqueCodeTransaction(db, { what: '考试单元', code: input.code }, async (transaction) => {
    const unit = await lockUnit(db, id, transaction);
    await assertSlotFree(db, unit.periodId, input, unit.id, transaction);
    const before = asJson(unitView(unit));
    await unit.update(input, { transaction });
    const after = unitView(unit);
    await writeAudit(
      db,
      officialActor(official),
      { action: 'unit.update', entityType: 'exam_unit', entityId: id, ...changes(before, asJson(after)), ...request },
      transaction,
    );
    return after;
  });
}

/** Only a unit nobody can have booked goes: no offerings, no booking or waitlist rows; its empty quotas go with it. */
export async function deleteUnit(db: Db, official: Official, id: number, request: RequestInfo) {
  await catalogTransaction(db, async (transaction) => {
    const unit = await lockUnit(db, id, transaction);
    if ((await unitUses(db, id, transaction)) > 0) throw new AppError('UNIT_IN_USE', { code: unit.code });
    const where = { unitId: id };
    await db.models.SeatQuota.destroy({ where, transaction });
    await unit.destroy({ transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'unit.delete',
        entityType: 'exam_unit',
        entityId: id,
        before: { periodId: unit.periodId, ...unitView(unit) },
        ...request,
      },
      transaction,
    );
  });
}

async function unitUses(db: Db, unitId: number, transaction: Transaction): Promise<number> {
  const [row] = await db.sequelize.query<{ n: number }>(
    `SELECT (SELECT COUNT(*) FROM course_offerings WHERE unit_id = :unitId)
          + (SELECT COUNT(*) FROM booking_items WHERE unit_id = :unitId)
          + (SELECT COUNT(*) FROM waitlist_entries WHERE unit_id = :unitId)
          + (SELECT COUNT(*) FROM seat_quotas WHERE unit_id = :unitId AND taken > 0) AS n`,
    { replacements: { unitId }, type: QueryTypes.SELECT, transaction },
  );
  return Number(row?.n ?? 0);
}
