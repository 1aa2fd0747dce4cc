import { QueryTypes } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { catalogTransaction } from '../changes';

interface OfferingRow {
  id: number;
  unit_id: number;
  unit_code: string;
  course_id: number;
  course_code: string;
  course_name: string;
  credits: number;
}

const SELECT = `SELECT o.id, o.unit_id, u.code AS unit_code, c.id AS course_id, c.code AS course_code,
                       c.name AS course_name, c.credits
                  FROM course_offerings o JOIN exam_units u ON u.id = o.unit_id JOIN courses c ON c.id = o.course_id`;

const offeringView = (r: OfferingRow) => ({
  id: r.id,
  unitId: r.unit_id,
  unitCode: r.unit_code,
  courseId: r.course_id,
  courseCode: r.course_code,
  courseName: r.course_name,
  credits: Number(r.credits),
});

/** The period's offerings in exam order, then by course code. */
export async function listOfferings(db: Db, periodId: number) {
  const rows = await db.sequelize.query<OfferingRow>(
    `${SELECT} WHERE o.period_id = ? ORDER BY u.exam_date, u.start_time, u.code, c.code`,
    { replacements: [periodId], type: QueryTypes.SELECT },
  );
  return { items: rows.map(offeringView) };
}

/** Withdraws an offering nobody holds a seat or waits for in this period. */
export async function deleteOffering(db: Db, official: Official, id: number, request: RequestInfo) {
  await catalogTransaction(db, async (transaction) => {
    const offering = await db.models.CourseOffering.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!offering) throw new AppError('NOT_FOUND', { what: '开考课程' });
    const [row] = await db.sequelize.query<OfferingRow>(`${SELECT} WHERE o.id = ?`, {
      replacements: [id],
      type: QueryTypes.SELECT,
      transaction,
    });
    const [uses] = await db.sequelize.query<{ n: number }>(
      `SELECT (SELECT COUNT(*) FROM booking_items WHERE period_id = :periodId AND course_id = :courseId AND active = 1)
            + (SELECT COUNT(*) FROM waitlist_entries WHERE period_id = :periodId AND course_id = :courseId AND active = 1)
            AS n`,
      {
        replacements: { periodId: offering.periodId, courseId: offering.courseId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (Number(uses?.n ?? 0) > 0) throw new AppError('OFFERING_IN_USE', { code: row!.course_code });
    await offering.destroy({ transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'offering.delete',
        entityType: 'course_offering',
        entityId: id,
        before: { periodId: offering.periodId, ...offeringView(row!) },
        ...request,
      },
      transaction,
    );
  });
}
