import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSequelize } from '@kaowei/server/src/db/database';
import { sqlOf } from '@kaowei/server/src/db/sqlTx';
import { ThrottleStore } from '@kaowei/server/src/modules/accounts/throttle';
import {
  readAccountsWithScores,
  readPeopleWithScores,
} from '@kaowei/server/src/modules/records/myRecords/recordsRepository';
import { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import { afterAll, describe, expect, it } from 'vitest';
import { firstBooking } from './support/firstBooking';
import { startServerProcess, waitForApiUrl } from './support/serverProcess';

/** What a newcomer gets from `npm start` on a fresh clone: no database configured at all. */
describe('npm start with no database configured', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates an embedded SQLite file, loads the demo province, books and pays there, and stops on SIGTERM', async () => {
    const server = startServerProcess({
      DATA_DIR: dataDir,
      PORT: '0',
      SIMULATOR_PORT: '0',
      NODE_ENV: 'development',
      // The booking code follows the phone-binding code at once.
      SMS_RESEND_SECONDS: '0',
    });
    const base = await waitForApiUrl(server);

    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'sqlite' });
    expect(server.output()).toContain('Demo data loaded: exam period');
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(true);

    const simulator = new SimulatorClient(/simulator\s+(http:\/\/[\d.:]+)/.exec(server.output())![1]!);
    const sqlite = { dialect: 'sqlite', url: '', storage: path.join(dataDir, 'kaowei.sqlite') } as const;
    await firstBooking(base, simulator, dataDir, sqlite);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const sequelize = createSequelize({ dialect: 'sqlite', url: '', storage: path.join(dataDir, 'kaowei.sqlite') });
    try {
      const [[counts]] = (await sequelize.query(
        'SELECT (SELECT COUNT(*) FROM candidates) AS candidates, (SELECT COUNT(*) FROM seat_quotas) AS quotas',
      )) as [Array<{ candidates: number; quotas: number }>, unknown];
      expect(counts).toEqual({ candidates: 1000, quotas: 40 });
      // 成绩查询's batched read (JSON_TABLE on MySQL) has its SQLite form: each key answered in order.
      await sequelize.query(
        `INSERT INTO scores (candidate_id, ticket_id, period_id, course_id, score, passed, created_at, updated_at)
         SELECT t.candidate_id, t.id, (SELECT MIN(id) FROM exam_periods), (SELECT MIN(id) FROM courses), 88, 1,
                CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
           FROM tickets t ORDER BY t.id LIMIT 1`,
      );
      const [[scored]] = (await sequelize.query('SELECT candidate_id, ticket_id FROM scores')) as [
        Array<{ candidate_id: number; ticket_id: number }>,
        unknown,
      ];
      const answers = await readAccountsWithScores(sqlOf(sequelize), [
        [0, 0],
        [scored!.candidate_id, scored!.ticket_id],
      ]);
      expect(answers[0]).toEqual({ account: null, scores: [] });
      expect(answers[1]!.account).toMatchObject({ id: scored!.candidate_id, ticket: { status: 'active' } });
      expect(answers[1]!.scores).toEqual([expect.objectContaining({ score: 88, passed: true })]);
      // So has the public lookup's (the person by the ID number's keyed hash).
      const [[person]] = (await sequelize.query('SELECT name, id_card_hash FROM candidates WHERE id = ?', {
        replacements: [scored!.candidate_id],
      })) as [Array<{ name: string; id_card_hash: string }>, unknown];
      const people = await readPeopleWithScores(sqlOf(sequelize), ['0'.repeat(64), person!.id_card_hash]);
      expect(people[0]).toEqual({ person: null, scores: [] });
      expect(people[1]).toMatchObject({ person: { name: person!.name }, scores: [{ score: 88 }] });
      // And the throttle's batched count: hits asked together counted in order, the third locking the bucket.
      const throttles = new ThrottleStore(sequelize);
      const now = new Date();
      const rule = { windowSeconds: 60, lockAt: 3, lockEnd: new Date(now.getTime() + 60_000) };
      const counted = await Promise.all(
        Array.from({ length: 4 }, () => throttles.count('embedded:test', now, rule, true)),
      );
      expect(counted).toEqual([true, true, true, false]);
      expect(await throttles.peek('embedded:test', now)).toMatchObject({ hits: 3, lockedUntil: rule.lockEnd });
    } finally {
      await sequelize.close();
    }

    // A second start finds the data and does not seed again, and its simulator keeps the keys it made.
    const keysFile = path.join(dataDir, 'simulator', 'keys.json');
    const keys = fs.readFileSync(keysFile, 'utf8');
    const again = startServerProcess({ DATA_DIR: dataDir, PORT: '0', SIMULATOR_PORT: '0', NODE_ENV: 'development' });
    await waitForApiUrl(again);
    expect(again.output()).not.toContain('Demo data loaded');
    expect(fs.readFileSync(keysFile, 'utf8')).toBe(keys);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});

describe('start-up refuses bad configuration with one clear line', () => {
  it('names DATABASE_URL when the database cannot be reached', async () => {
    const server = startServerProcess({ DATABASE_URL: 'mysql://root@127.0.0.1:1/kaowei', PORT: '0' });
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^kaowei: DATABASE_URL: cannot connect to mysql:\/\/root@127\.0\.0\.1:1\/kaowei/);
  });

  it('names DATABASE_URL when it is malformed', async () => {
    const server = startServerProcess({ DATABASE_URL: 'mysql:/oops', PORT: '0' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^kaowei: invalid configuration: DATABASE_URL must look like/);
  });

  it('names every missing secret in production', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-prod-'));
    const server = startServerProcess({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: '0',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/kaowei',
    });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe(
      'kaowei: missing secrets in production: JWT_SECRET, ID_ENCRYPTION_KEY, ID_HASH_KEY',
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a simulator in production', async () => {
    const server = startServerProcess({
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/kaowei',
      SIMULATOR_URL: 'http://127.0.0.1:3100',
    });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe(
      'kaowei: SIMULATOR_URL is not allowed in production (the simulator never runs there)',
    );
  });

  it('wants a real database in production', async () => {
    const server = startServerProcess({ NODE_ENV: 'production', PORT: '0' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^kaowei: DATABASE_URL is required in production/);
  });
});
