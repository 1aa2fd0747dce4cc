import { Op } from 'sequelize';
import { finishJobRun, startJobRun } from '../../db/jobRuns';
import { inTransaction } from '../../db/sqlTx';
import { addDays } from '../../lib/beijingTime';
import type { ExamPeriod } from '../catalog/models';
import { enqueue } from './enqueue';
import type { OutboxMessage } from './messages';
import type { NotificationsDeps } from './notificationsDeps';
import { candidatesWithPaidItems, candidatesWithScores } from './recipientsRepository';

const CHUNK = 500;

/** One period moment told to its candidates once (job_runs keyed by the moment: moving it tells again). */
async function tellOnce(
  deps: Pick<NotificationsDeps, 'db' | 'logger'>,
  job: string,
  period: ExamPeriod,
  at: Date,
  recipients: () => Promise<number[]>,
  message: (candidateId: number) => OutboxMessage,
  now: Date,
): Promise<number> {
  const runKey = `${period.id}:${at.getTime()}`;
  if (!(await startJobRun(deps.db.sequelize, job, runKey, now))) return 0;
  const ids = await recipients();
  let told = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    told += await inTransaction(deps.db.sequelize, (tx) => enqueue(tx, chunk.map(message), now));
  }
  await finishJobRun(deps.db.sequelize, job, runKey, ids.length, new Date());
  deps.logger.info({ periodId: period.id, job, candidates: ids.length }, 'period notices written');
  return told;
}

/**
 * 准考证打印开放 and 成绩发布: when a period's print window opens or its scores' publish time passes (within
 * the last day: a time set long ago is not announced late), its candidates are told once.
 */
export async function runPeriodNotices(
  deps: Pick<NotificationsDeps, 'db' | 'logger'>,
  options: { now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const recent = { [Op.lte]: now, [Op.gt]: addDays(now, -1) };
  const { ExamPeriod } = deps.db.models;
  let told = 0;
  for (const period of await ExamPeriod.findAll({ where: { printOpensAt: recent } })) {
    const opensAt = period.printOpensAt!;
    told += await tellOnce(
      deps,
      'print_window_notice',
      period,
      opensAt,
      () => candidatesWithPaidItems(deps.db, period.id),
      (candidateId) => ({
        candidateId,
        event: 'print_window_opened',
        dedupeKey: `print_window_opened:${period.id}:${opensAt.getTime()}:${candidateId}`,
        data: { periodName: period.name, opensAt: opensAt.toISOString() },
      }),
      now,
    );
  }
  for (const period of await ExamPeriod.findAll({ where: { scoresPublishAt: recent } })) {
    const publishAt = period.scoresPublishAt!;
    told += await tellOnce(
      deps,
      'scores_notice',
      period,
      publishAt,
      () => candidatesWithScores(deps.db, period.id),
      (candidateId) => ({
        candidateId,
        event: 'scores_published',
        dedupeKey: `scores_published:${period.id}:${publishAt.getTime()}:${candidateId}`,
        data: { periodName: period.name },
      }),
      now,
    );
  }
  return told;
}
