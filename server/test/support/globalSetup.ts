import type { TestProject } from 'vitest/node';
import { databaseConfigFromUrl } from '../../src/config';
import { createSequelize } from '../../src/db/database';
import { createMigrator } from '../../src/db/migrator';
import { createScratchDatabase, dropScratchDatabase } from './mysqlAdmin';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Each test run gets its own migrated MySQL database, dropped when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = await createScratchDatabase(project.name);
  const sequelize = createSequelize(databaseConfigFromUrl(databaseUrl, '.'));
  try {
    await createMigrator(sequelize).up();
  } finally {
    await sequelize.close();
  }
  project.provide('databaseUrl', databaseUrl);
  return () => dropScratchDatabase(databaseUrl);
}
