import { openDatabase } from '../db/openDatabase';
import { seedDemo } from '../demo/seedDemo';
import { IdCardVault } from '../lib/idCardVault';
import { resolveSecrets } from '../secrets';
import { runScript } from './cli';

/** npm run seed:demo — migrates, then seeds the demo province; safe to run again. */
await runScript('seed:demo', async (config, logger) => {
  const db = await openDatabase(config, logger);
  try {
    const plan = await seedDemo(db, new IdCardVault(resolveSecrets(config)));
    const counts = {
      candidates: await db.models.Candidate.count(),
      tickets: await db.models.Ticket.count(),
      courses: await db.models.Course.count(),
      quotas: await db.models.SeatQuota.count(),
    };
    console.log(`demo province ready: period ${plan.name} (${plan.code}),`, counts);
  } finally {
    await db.sequelize.close();
  }
});
