import { parseArgs } from 'node:util';
import { createSequelize } from '../db/database';
import { createMigrator, migrateUp } from '../db/migrator';
import { runScript } from './cli';

/** npm run migrate            — apply every pending migration
 *  npm run migrate:down       — revert the last one
 *  npm run migrate:down -- --to 0 — revert everything */
const { positionals, values } = parseArgs({ allowPositionals: true, options: { to: { type: 'string' } } });

await runScript('migrate', async (config, logger) => {
  const sequelize = createSequelize(config.database);
  try {
    const migrator = createMigrator(sequelize, logger);
    if (positionals[0] === 'down') {
      if (values.to === undefined) await migrator.down();
      else if (values.to === '0') await migrator.down({ to: 0 });
      else await migrator.down({ to: values.to });
    } else {
      await migrateUp(sequelize, migrator);
    }
    const executed = await migrator.executed();
    logger.info({ applied: executed.map((m) => m.name) }, 'migrations applied');
  } finally {
    await sequelize.close();
  }
});
