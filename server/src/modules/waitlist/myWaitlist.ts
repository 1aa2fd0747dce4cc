import { WAITLIST_STATE_LABELS, unitLabel, type HalfDay, type MyWaitlist } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { sqlOf } from '../../db/sqlTx';
import { entriesOf } from './waitlistRepository';

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

/** 我的候补: every entry, with its place in line while waiting and the held seat once given. */
export async function myWaitlist(db: Db, candidateId: number): Promise<MyWaitlist> {
  const rows = await entriesOf(sqlOf(db.sequelize), candidateId);
  return {
    entries: rows.map((r) => ({
      entryId: r.id,
      periodId: r.period_id,
      periodName: r.period_name,
      countyName: r.county_name,
      unitLabel: unitLabel({
        examDate: r.exam_date,
        halfDay: r.half_day as HalfDay,
        startTime: r.start_time,
        endTime: r.end_time,
      }),
      courseCode: r.code,
      courseName: r.course_name,
      state: r.state,
      stateLabel: WAITLIST_STATE_LABELS[r.state],
      joinedAt: iso(r.joined_at)!,
      position: r.state === 'waiting' ? Number(r.ahead ?? 0) + 1 : null,
      offeredItemId: r.offered_item_id,
      payBy: r.state === 'offered' ? iso(r.pay_by) : null,
      endReason: r.end_reason,
    })),
  };
}
