import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseConfigFromUrl, type DatabaseConfig } from '../src/config';
import { createSequelize } from '../src/db/database';
import { createMigrator } from '../src/db/migrator';
import { createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';

const EXPECTED_TABLES = [
  'applications',
  'audit_logs',
  'booking_events',
  'booking_items',
  'bookings',
  'candidates',
  'captchas',
  'cities',
  'counties',
  'course_offerings',
  'courses',
  'exam_periods',
  'exam_units',
  'exam_venues',
  'job_runs',
  'major_courses',
  'majors',
  'officials',
  'payment_exceptions',
  'payment_notifications',
  'payment_orders',
  'refunds',
  'retired_trade_numbers',
  'schema_migrations',
  'scores',
  'seat_assignments',
  'seat_quotas',
  'sms_codes',
  'throttles',
  'tickets',
  'waitlist_entries',
];

async function tableNames(config: DatabaseConfig): Promise<string[]> {
  const sequelize = createSequelize(config);
  try {
    const names = (await sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
    return names.map((n) => (typeof n === 'string' ? n : n.tableName)).sort();
  } finally {
    await sequelize.close();
  }
}

async function migrate(config: DatabaseConfig, direction: 'up' | 'down'): Promise<void> {
  const sequelize = createSequelize(config);
  try {
    const migrator = createMigrator(sequelize);
    if (direction === 'up') await migrator.up();
    else await migrator.down({ to: 0 });
  } finally {
    await sequelize.close();
  }
}

async function upDownUp(config: DatabaseConfig): Promise<void> {
  await migrate(config, 'up');
  expect(await tableNames(config)).toEqual(EXPECTED_TABLES);
  await migrate(config, 'down');
  expect(await tableNames(config)).toEqual(['schema_migrations']);
  await migrate(config, 'up');
  expect(await tableNames(config)).toEqual(EXPECTED_TABLES);
}

describe('migrations', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('go up from empty, all the way down, and up again on MySQL', async () => {
    const url = await createScratchDatabase('migrations');
    cleanups.push(() => dropScratchDatabase(url));
    await upDownUp(databaseConfigFromUrl(url, '.'));
  });

  it('go up from empty, all the way down, and up again on SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-migrations-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    await upDownUp(databaseConfigFromUrl(undefined, dir));
  });
});
