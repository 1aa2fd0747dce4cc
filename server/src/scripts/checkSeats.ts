import { openDatabase } from '../db/openDatabase';
import { checkSeats } from '../modules/booking/checkSeats';
import { runScript } from './cli';

/** npm run check:seats — recounts seats against items; exits 1 if any quota is oversold or leaks. */
await runScript('check:seats', async (config, logger) => {
  const db = await openDatabase(config, logger, { migrate: false });
  try {
    const problems = await checkSeats(db);
    const quotas = await db.models.SeatQuota.count();
    if (problems.length === 0) {
      console.log(`check:seats: ${quotas} quotas, every taken count matches its active items, none over capacity`);
      return;
    }
    console.table(problems);
    console.log(`check:seats: ${problems.length} of ${quotas} quotas are wrong`);
    process.exitCode = 1;
  } finally {
    await db.sequelize.close();
  }
});
