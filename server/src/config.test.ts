import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { resolveSecrets } from './secrets';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-config-'));

describe('loadConfig', () => {
  it('uses an embedded SQLite file under the data directory when no database is configured', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.database).toEqual({
      dialect: 'sqlite',
      url: `sqlite:${dir}/kaowei.sqlite`,
      storage: `${dir}/kaowei.sqlite`,
      catalogCacheSeconds: 5,
    });
    expect(config.port).toBe(3000);
  });

  it('names a malformed DATABASE_URL and every other bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres//nope' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres//nope', PORT: 'eighty' })).toThrow(
      /DATABASE_URL.*PORT|PORT.*DATABASE_URL/,
    );
  });

  it('reads MySQL URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://kw:secret@db:3306/kaowei' }).database.dialect).toBe('mysql');
  });

  it('sizes the MySQL pool from the environment, with a short wait for a connection by default', () => {
    const url = 'mysql://kw:secret@db:3306/kaowei';
    expect(loadConfig({ DATABASE_URL: url }).database.pool).toEqual({
      max: 10,
      min: 10,
      acquireMs: 3000,
      idleMs: 10000,
    });
    const sized = loadConfig({
      DATABASE_URL: url,
      DB_POOL_MAX: '50',
      DB_POOL_MIN: '30',
      DB_POOL_ACQUIRE_MS: '1500',
      DB_POOL_IDLE_MS: '60000',
    });
    expect(sized.database.pool).toEqual({ max: 50, min: 30, acquireMs: 1500, idleMs: 60000 });
    expect(() => loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '0' })).toThrow(/DB_POOL_MAX/);
  });

  it('keeps at most DB_POOL_MAX connections warm, and says so when asked for more', () => {
    const url = 'mysql://kw:secret@db:3306/kaowei';
    expect(loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '2' }).database.pool).toMatchObject({ max: 2, min: 2 });
    expect(() => loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '5', DB_POOL_MIN: '6' })).toThrow(
      /DB_POOL_MIN must not exceed DB_POOL_MAX/,
    );
  });

  it('caches the catalog for a few seconds unless told otherwise (0 turns it off)', () => {
    expect(loadConfig({}).database.catalogCacheSeconds).toBe(5);
    expect(loadConfig({ CATALOG_CACHE_SECONDS: '0' }).database.catalogCacheSeconds).toBe(0);
    expect(loadConfig({ CATALOG_CACHE_SECONDS: '30' }).database.catalogCacheSeconds).toBe(30);
    for (const bad of ['-1', '1.5', '301', 'soon']) {
      expect(() => loadConfig({ CATALOG_CACHE_SECONDS: bad })).toThrow(/CATALOG_CACHE_SECONDS/);
    }
  });

  it('refuses SIMULATOR_URL in production, where no simulator ever runs', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'mysql://root@127.0.0.1:3306/kaowei' };
    expect(() => loadConfig({ ...production, SIMULATOR_URL: 'http://127.0.0.1:3100' })).toThrow(
      new ConfigError('SIMULATOR_URL is not allowed in production (the simulator never runs there)'),
    );
    expect(() => loadConfig({ ...production, SMS_ENDPOINT: 'http://127.0.0.1:3100' })).toThrow(/must use HTTPS/);
    expect(loadConfig({ ...production, SMS_ENDPOINT: 'sms.tencentcloudapi.com' }).integrations.sms).toMatchObject({
      endpoint: 'sms.tencentcloudapi.com',
      protocol: 'https://',
    });
  });

  it('speaks plain HTTP to the SMS endpoint of a standalone simulator', () => {
    const standalone = loadConfig({ SIMULATOR_URL: 'http://127.0.0.1:3100', SMS_ENDPOINT: '127.0.0.1:3100' });
    expect(standalone.integrations.sms).toMatchObject({ endpoint: '127.0.0.1:3100', protocol: 'http://' });
    const asUrl = loadConfig({ SMS_ENDPOINT: 'http://127.0.0.1:3101' });
    expect(asUrl.integrations.sms).toMatchObject({ endpoint: '127.0.0.1:3101', protocol: 'http://' });
  });
});

describe('resolveSecrets', () => {
  it('generates development secrets once and keeps them under the data directory', () => {
    const dir = tempDir();
    const first = resolveSecrets(loadConfig({ DATA_DIR: dir }));
    const second = resolveSecrets(loadConfig({ DATA_DIR: dir }));
    expect(second).toEqual(first);
    expect(first.idEncryptionKey).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to start in production without every secret, naming the missing ones', () => {
    const dir = tempDir();
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      DATABASE_URL: 'mysql://kw@db:3306/kaowei',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(() => resolveSecrets(config)).toThrow('missing secrets in production: ID_ENCRYPTION_KEY, ID_HASH_KEY');
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });

  it('takes production secrets from the environment', () => {
    const secrets = resolveSecrets(
      loadConfig({
        NODE_ENV: 'production',
        DATA_DIR: tempDir(),
        DATABASE_URL: 'mysql://kw@db:3306/kaowei',
        JWT_SECRET: 'j'.repeat(40),
        ID_ENCRYPTION_KEY: 'ab'.repeat(32),
        ID_HASH_KEY: 'h'.repeat(40),
      }),
    );
    expect(secrets.idEncryptionKey.toString('hex')).toBe('ab'.repeat(32));
  });
});
