import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import { beijingDateString } from '../../lib/beijingTime';
import { offeringsByCode, type Offering } from '../catalog/catalogRepository';
import { closedPlanMajor } from '../catalog/majorRules';
import { candidateActor } from '../../kernel/actor';
import { ItemLedger } from '../ledger/itemLedger';
import type { BookingDeps } from './deps';
import { ownHeldItem, type LockedItem } from './ownHeldItem';

/**
 * Rule 8: the course replacing a held one is offered this period, in the same unit, and is another course —
 * and not a plan course of the ticket's major once that major is closed (closedPlanMajor).
 */
export async function replacementOffering(db: Db, item: LockedItem, courseCode: string): Promise<Offering> {
  const [offerings, majors, ticket] = await Promise.all([
    offeringsByCode(db, item.period_id, [courseCode]),
    db.catalog.majors(),
    db.models.Ticket.findByPk(item.ticket_id, { attributes: ['majorId'] }),
  ]);
  const offering = offerings.get(courseCode);
  if (!offering) throw new AppError('COURSE_NOT_OFFERED', { code: courseCode });
  if (offering.unitId !== item.unit_id) throw new AppError('COURSE_NOT_IN_UNIT', { code: courseCode });
  if (offering.courseId === item.course_id) throw new AppError('COURSE_ALREADY_HELD', { code: courseCode });
  const closed = closedPlanMajor(majors, ticket?.majorId, offering.courseId, beijingDateString(new Date()));
  if (closed) throw new AppError('MAJOR_CLOSED_COURSE', { major: closed.name, code: courseCode });
  return offering;
}

/**
 * Rule 8, seed 004 三.(1): within one unit a held course is swapped for another course of that unit,
 * confirmed by the 保存考位 SMS code; the seat stays. Everything is checked before the code is used
 * up, then again under the item's lock.
 */
export async function replaceCourse(
  deps: BookingDeps,
  candidate: Candidate,
  itemId: number,
  input: { courseCode: string; smsCode: string },
) {
  const { db } = deps;
  const offering = await replacementOffering(db, await ownHeldItem(db, candidate.id, itemId), input.courseCode);
  await deps.smsCodes.consume(candidate.phone!, 'hold_seats', input.smsCode);
  return db.sequelize.transaction(async (transaction) => {
    const item = await ownHeldItem(db, candidate.id, itemId, transaction);
    const previous = await db.models.Course.findByPk(item.course_id, { transaction });
    if (offering.courseId !== item.course_id) {
      await ItemLedger.in(db.sequelize, transaction, candidateActor(candidate.id)).replace(
        item,
        offering.courseId,
        `更换课程 ${previous?.code} → ${input.courseCode}`,
      );
    }
    return { itemId: item.id, courseCode: input.courseCode, courseName: offering.courseName, state: 'held' as const };
  });
}
