import { unitLabel, type AssignmentShortage } from '@kaowei/shared';
import { Op } from 'sequelize';
import type { Db } from '../../../db/models';
import { inTransaction } from '../../../db/sqlTx';
import { isDuplicateKey } from '../../../db/sql';
import type { AssignmentGroup } from './assignmentRepository';
import { assignGroup } from './assignGroup';

/** How long a worker holds a run between two groups; a run whose worker died is taken over after it. */
export const ASSIGNMENT_LEASE_MS = 60_000;

const expired = (now: Date) => ({ [Op.or]: [{ leasedUntil: null }, { leasedUntil: { [Op.lt]: now } }] });

/**
 * Takes a run waiting for a worker (queued, or running with its lease run out): one conditional UPDATE, so
 * of several instances exactly one gets it.
 */
export async function claimRun(db: Db, now: Date): Promise<number | null> {
  const open = await db.models.AssignmentRun.findAll({
    attributes: ['id', 'state'],
    where: { state: ['queued', 'running'], ...expired(now) },
    order: [['id', 'ASC']],
    limit: 5,
  });
  for (const run of open) {
    const [count] = await db.models.AssignmentRun.update(
      { leasedUntil: new Date(now.getTime() + ASSIGNMENT_LEASE_MS) },
      { where: { id: run.id, state: run.state, ...expired(now) } },
    );
    if (count === 1) return run.id;
  }
  return null;
}

/** The run's groups in a fixed order (so done_groups says where to resume): counties × units with a quota. */
async function groupsOf(db: Db, run: { periodId: number; countyId: number | null }): Promise<AssignmentGroup[]> {
  const quotas = await db.models.SeatQuota.findAll({
    attributes: ['countyId', 'unitId'],
    where: { periodId: run.periodId, ...(run.countyId ? { countyId: run.countyId } : {}) },
    order: [
      ['countyId', 'ASC'],
      ['unitId', 'ASC'],
    ],
  });
  return quotas.map((q) => ({ periodId: run.periodId, countyId: q.countyId, unitId: q.unitId }));
}

async function describeShortage(db: Db, group: AssignmentGroup, missing: number): Promise<AssignmentShortage> {
  const [county, unit] = await Promise.all([
    db.models.County.findByPk(group.countyId),
    db.models.ExamUnit.findByPk(group.unitId),
  ]);
  const countyName = county?.name ?? `县区${group.countyId}`;
  const label = unit ? unitLabel(unit) : `单元${group.unitId}`;
  return {
    countyId: group.countyId,
    countyName,
    unitId: group.unitId,
    unitLabel: label,
    missing,
    message: `${countyName} ${label} 缺 ${missing} 个座位`,
  };
}

const parseShortages = (value: unknown): AssignmentShortage[] =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as AssignmentShortage[];

/**
 * Works a claimed run to its end, one group per transaction. Each group's transaction locks the run row and
 * goes on only if done_groups is still where this worker expects it, then records the group's outcome and
 * renews the lease: a group is never done twice, even by a worker that lost its lease. Two runs placing the
 * same group at once meet on the unique keys; the loser's transaction is rolled back and tries again.
 */
export async function workRun(db: Db, runId: number, clock: () => Date): Promise<void> {
  const run = await db.models.AssignmentRun.findByPk(runId);
  if (!run) return;
  const groups = await groupsOf(db, run);
  if (run.state === 'queued') {
    await db.models.AssignmentRun.update(
      { state: 'running', totalGroups: groups.length },
      { where: { id: runId, state: 'queued' } },
    );
  }
  const total = run.state === 'queued' ? groups.length : run.totalGroups;
  for (let index = run.doneGroups; index < total; index++) {
    const group = groups[index];
    const progressed = await withUniqueRetry(() =>
      inTransaction(db.sequelize, async (tx) => {
        const [current] = await tx.rows<{ done_groups: number; shortages: unknown }>(
          `SELECT done_groups, shortages FROM assignment_runs WHERE id = ? AND state = 'running'${tx.dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
          [runId],
        );
        if (!current || current.done_groups !== index) return false;
        const now = clock();
        const outcome = group
          ? await assignGroup(tx, group, { fullRerun: run.fullRerun, now })
          : { assigned: 0, missing: 0 };
        const shortages = parseShortages(current.shortages);
        if (outcome.missing > 0) shortages.push(await describeShortage(db, group!, outcome.missing));
        await tx.run(
          `UPDATE assignment_runs SET done_groups = ?, assigned = assigned + ?, shortages = ?, leased_until = ?, updated_at = ?
            WHERE id = ?`,
          [
            index + 1,
            outcome.assigned,
            JSON.stringify(shortages),
            new Date(now.getTime() + ASSIGNMENT_LEASE_MS),
            now,
            runId,
          ],
        );
        return true;
      }),
    );
    if (!progressed) return; // another worker has the run now
  }
  const final = await db.models.AssignmentRun.findByPk(runId);
  if (!final || final.state !== 'running' || final.doneGroups < total) return;
  await db.models.AssignmentRun.update(
    {
      state: parseShortages(final.shortages).length > 0 ? 'refused' : 'done',
      leasedUntil: null,
      finishedAt: clock(),
    },
    { where: { id: runId, state: 'running' } },
  );
}

async function withUniqueRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= attempts) throw error;
    }
  }
}

/** A run that threw is given up (the lease is dropped); officials start another one. */
export async function failRun(db: Db, runId: number, now: Date): Promise<void> {
  await db.models.AssignmentRun.update(
    { state: 'failed', leasedUntil: null, finishedAt: now },
    { where: { id: runId, state: ['queued', 'running'] } },
  );
}
