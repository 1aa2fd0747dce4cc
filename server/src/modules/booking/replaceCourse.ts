import { execute } from '../../db/execute';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import { offeringsByCode } from '../catalog/catalogRepository';
import { candidateActor, recordEvents } from './bookingRepository';
import { lockOwnHeldItem } from './lockOwnItem';

/** Rule 8: within one unit a held course can be swapped for another course of that unit; the seat stays. */
export async function replaceCourse(db: Db, candidate: Candidate, itemId: number, courseCode: string) {
  return db.sequelize.transaction(async (transaction) => {
    const item = await lockOwnHeldItem(db, candidate.id, itemId, transaction);
    const offering = (await offeringsByCode(db, item.period_id, [courseCode])).get(courseCode);
    if (!offering) throw new AppError('COURSE_NOT_OFFERED', { code: courseCode });
    if (offering.unitId !== item.unit_id) throw new AppError('COURSE_NOT_IN_UNIT', { code: courseCode });
    const previous = await db.models.Course.findByPk(item.course_id, { transaction });
    if (offering.courseId !== item.course_id) {
      await execute(
        db.sequelize,
        'UPDATE booking_items SET course_id = ?, updated_at = ? WHERE id = ?',
        [offering.courseId, new Date(), item.id],
        transaction,
      );
      await recordEvents(
        db,
        candidateActor(candidate.id),
        [{ itemId: item.id, from: 'held', to: 'held', reason: `更换课程 ${previous?.code} → ${courseCode}` }],
        transaction,
      );
    }
    return { itemId: item.id, courseCode, courseName: offering.courseName, state: 'held' as const };
  });
}
