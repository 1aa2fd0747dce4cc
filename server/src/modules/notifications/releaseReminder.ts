import { Op } from 'sequelize';
import { finishJobRun, startJobRun } from '../../db/jobRuns';
import { inTransaction } from '../../db/sqlTx';
import { addDays, beijingDateString, beijingInstant } from '../../lib/beijingTime';
import { enqueue } from './enqueue';
import type { NotificationsDeps } from './notificationsDeps';
import { candidatesWithUnpaidItems } from './recipientsRepository';

const JOB = 'release_reminder';
const CHUNK = 500;

/**
 * 未缴费考位释放提醒: RELEASE_REMINDER_MINUTES before each open period's end-of-day release, every candidate
 * who still has unpaid held or confirmed items is told the time (once a day: job_runs and the dedupe key).
 */
export async function runReleaseReminders(
  deps: Pick<NotificationsDeps, 'db' | 'logger' | 'notifications'>,
  options: { now?: Date; periodId?: number } = {},
): Promise<number> {
  const { db } = deps;
  const now = options.now ?? new Date();
  const periods = await db.models.ExamPeriod.findAll({
    where: {
      bookingOpensAt: { [Op.lte]: now },
      bookingClosesAt: { [Op.gt]: addDays(now, -1) },
      ...(options.periodId ? { id: options.periodId } : {}),
    },
  });
  let told = 0;
  for (const period of periods) {
    const today = beijingDateString(now);
    const release = beijingInstant(today, period.dailyReleaseTime);
    const remindAt = new Date(release.getTime() - deps.notifications.releaseReminderMinutes * 60_000);
    if (now < remindAt || now >= release) continue;
    const runKey = `${period.id}:${today}`;
    if (!(await startJobRun(db.sequelize, JOB, runKey, now))) continue;
    const recipients = await candidatesWithUnpaidItems(db, period.id);
    for (let i = 0; i < recipients.length; i += CHUNK) {
      const chunk = recipients.slice(i, i + CHUNK);
      told += await inTransaction(db.sequelize, (tx) =>
        enqueue(
          tx,
          chunk.map(({ candidateId, items }) => ({
            candidateId,
            event: 'release_reminder' as const,
            dedupeKey: `release_reminder:${period.id}:${today}:${candidateId}`,
            data: { periodName: period.name, releaseAt: period.dailyReleaseTime, items },
          })),
          now,
        ),
      );
    }
    await finishJobRun(db.sequelize, JOB, runKey, recipients.length, new Date());
    deps.logger.info({ periodId: period.id, candidates: recipients.length }, 'release reminders written');
  }
  return told;
}
