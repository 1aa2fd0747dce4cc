import { openDatabase } from '../db/openDatabase';
import { checkMoney } from '../modules/payment/checkMoney';
import { runScript } from './cli';

/** npm run check:money — every fen received is matched to seats, a refund, or a listed exception. */
await runScript('check:money', async (config, logger) => {
  const db = await openDatabase(config, logger, { migrate: false });
  try {
    const problems = await checkMoney(db);
    const orders = await db.models.PaymentOrder.count();
    if (problems.length === 0) {
      console.log(
        `check:money: ${orders} payment orders, paid = held seats + refunded + listed exceptions, fen for fen`,
      );
      return;
    }
    console.table(problems);
    console.log(`check:money: ${problems.length} of ${orders} orders do not add up`);
    process.exitCode = 1;
  } finally {
    await db.sequelize.close();
  }
});
