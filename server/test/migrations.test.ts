import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseConfigFromUrl, type DatabaseConfig } from '../src/config';
import { createSequelize } from '../src/db/database';
import { createMigrator, migrateUp } from '../src/db/migrator';
import { createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';

const EXPECTED_TABLES = [
  'announcements',
  'application_attachments',
  'application_decisions',
  'application_windows',
  'applications',
  'assignment_runs',
  'audit_logs',
  'booking_events',
  'booking_items',
  'bookings',
  'candidate_applications',
  'candidates',
  'captchas',
  'certificate_requests',
  'certificates',
  'cities',
  'counties',
  'county_contacts',
  'course_offerings',
  'courses',
  'exam_periods',
  'exam_rooms',
  'exam_units',
  'exam_venues',
  'import_jobs',
  'job_runs',
  'major_courses',
  'majors',
  'notices',
  'notification_event_settings',
  'notification_subscriptions',
  'officials',
  'outbox_attempts',
  'outbox_messages',
  'passed_courses',
  'payment_exceptions',
  'payment_notifications',
  'payment_orders',
  'refunds',
  'registration_windows',
  'retired_trade_numbers',
  'schema_migrations',
  'scores',
  'seat_assignments',
  'seat_quotas',
  'sms_codes',
  'throttles',
  'ticket_reissues',
  'tickets',
  'venue_closures',
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

/** Before 0003, an approved registration's candidate had no county; the migration takes the application's. */
async function backfillsRegistrationCounty(config: DatabaseConfig): Promise<void> {
  const sequelize = createSequelize(config);
  try {
    const migrator = createMigrator(sequelize);
    await migrator.up({ to: '0002-audit-scope-totp' });
    const qi = sequelize.getQueryInterface();
    const at = { created_at: new Date(), updated_at: new Date() };
    await qi.bulkInsert('cities', [{ id: 1, code: '510100', name: '成都市', ...at }]);
    await qi.bulkInsert('counties', [
      { id: 1, city_id: 1, code: '510104', name: '锦江区', ...at },
      { id: 2, city_id: 1, code: '510107', name: '武侯区', ...at },
    ]);
    const person = (id: number) => ({
      id,
      id_card_hash: String(id).repeat(64).slice(0, 64),
      id_card_cipher: 'x',
      id_card_masked: '110**************X',
      name: '张三',
      gender: 'M',
      ...at,
    });
    await qi.bulkInsert('candidates', [
      { ...person(1), birth_date: '2000-01-01' },
      { ...person(2), birth_date: '2000-01-01' },
    ]);
    await qi.bulkInsert('applications', [
      { ...person(1), type: 'registration', state: 'approved', candidate_id: 1, county_id: 2 },
      { ...person(2), id: 2, type: 'registration', state: 'rejected', candidate_id: 2, county_id: 1 },
    ]);
    await migrator.up();
    const rows = await sequelize.query('SELECT id, county_id FROM candidates ORDER BY id', { type: QueryTypes.SELECT });
    expect(rows).toEqual([
      { id: 1, county_id: 2 },
      { id: 2, county_id: null },
    ]);
  } finally {
    await sequelize.close();
  }
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

  it('are applied once when several instances start together on one MySQL database', async () => {
    const url = await createScratchDatabase('migrations-together');
    cleanups.push(() => dropScratchDatabase(url));
    const config = databaseConfigFromUrl(url, '.');
    const instances = [1, 2, 3].map(() => createSequelize(config));
    try {
      await Promise.all(instances.map((sequelize) => migrateUp(sequelize, createMigrator(sequelize))));
      const applied = await instances[0]!.query('SELECT name FROM schema_migrations', { type: QueryTypes.SELECT });
      expect(applied).toHaveLength((await createMigrator(instances[0]!).executed()).length);
      expect(await createMigrator(instances[1]!).pending()).toEqual([]);
    } finally {
      await Promise.all(instances.map((sequelize) => sequelize.close()));
    }
    expect(await tableNames(config)).toEqual(EXPECTED_TABLES);
  });

  it('go up from empty, all the way down, and up again on SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-migrations-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    await upDownUp(databaseConfigFromUrl(undefined, dir));
  });

  it('give approved registrations’ candidates the application’s county, on MySQL and SQLite', async () => {
    const url = await createScratchDatabase('migrations-county');
    cleanups.push(() => dropScratchDatabase(url));
    await backfillsRegistrationCounty(databaseConfigFromUrl(url, '.'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-migrations-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    await backfillsRegistrationCounty(databaseConfigFromUrl(undefined, dir));
  });
});
