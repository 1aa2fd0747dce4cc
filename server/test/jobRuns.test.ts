import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishJobRun, JOB_RUN_LEASE_MS, startJobRun } from '../src/db/jobRuns';
import { beijingDateString, beijingInstant } from '../src/lib/beijingTime';
import { runDueReleases } from '../src/modules/booking/releaseScheduler';
import { insertBookingCatalog } from './support/bookingCatalog';
import { holdCrowd } from './support/crowd';
import { startTestServer, type TestServer } from './support/testApp';

/** Scheduled jobs on several instances (npm run start:cluster starts them all in the same second). */
describe('job runs across instances', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('lets one instance claim a run, and another take it over only once its lease ran out', async () => {
    const { sequelize } = server.db;
    const now = new Date();
    const claims = await Promise.all([1, 2, 3].map(() => startJobRun(sequelize, 'test_job', 'a', now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Its instance died: nobody finished it.
    expect(await startJobRun(sequelize, 'test_job', 'a', new Date(now.getTime() + 60_000))).toBe(false);
    expect(await startJobRun(sequelize, 'test_job', 'a', new Date(now.getTime() + JOB_RUN_LEASE_MS + 1000))).toBe(true);
    await finishJobRun(sequelize, 'test_job', 'a', 1, now);
    expect(await startJobRun(sequelize, 'test_job', 'a', new Date(now.getTime() + 3 * JOB_RUN_LEASE_MS))).toBe(false);
  });

  it('releases once when every instance checks at the same moment', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 1, counties: 2, coursesPerUnit: 1 });
    await holdCrowd(server.db, catalog, 6, (i) => i % 2);
    const due = beijingInstant(beijingDateString(new Date()), '23:30');
    await server.db.models.ExamPeriod.update({ dailyReleaseTime: '23:30' }, { where: { id: catalog.periodId } });
    await server.db.sequelize.query('UPDATE booking_items SET held_at = ? WHERE period_id = ?', {
      replacements: [new Date(due.getTime() - 3600_000), catalog.periodId],
    });
    const at = new Date(due.getTime() + 60_000);
    const runs = await Promise.all(
      [1, 2].map(() => runDueReleases(server.db, server.services.logger, { now: at, periodId: catalog.periodId })),
    );
    expect(runs.sort()).toEqual([0, 6]);
    const audits = await server.db.models.AuditLog.count({
      where: { action: 'booking.release', entityId: catalog.periodId },
    });
    expect(audits).toBe(1);
  });
});
