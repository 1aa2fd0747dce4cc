import DataLoader from 'dataloader';
import mysql from 'mysql2';
import type { Sequelize } from 'sequelize';
import { sqlOf, type SqlReader } from './sqlTx';

const pools = new WeakMap<Sequelize, mysql.Pool>();

/**
 * mysql2's own pool on the same database, opened on first use and closed with the Sequelize instance.
 * Sequelize's pool costs more per acquire than the reads it serves on publish morning (hooks, the pool's
 * bookkeeping, the pool-wait metric, its type cast on every column).
 */
function poolOf(sequelize: Sequelize): mysql.Pool {
  let pool = pools.get(sequelize);
  if (pool) return pool;
  const {
    host,
    port,
    username,
    password,
    database,
    pool: size,
  } = sequelize.config as typeof sequelize.config & {
    pool?: { max?: number };
  };
  pool = mysql.createPool({
    host,
    port: port ? Number(port) : undefined,
    user: username,
    password: password ?? undefined,
    database,
    connectionLimit: size?.max ?? 10,
    timezone: 'Z',
    supportBigNumbers: true,
    connectTimeout: 5_000,
  });
  pools.set(sequelize, pool);
  const opened = pool;
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    pools.delete(sequelize);
    await new Promise<void>((resolve) => opened.end(() => resolve()));
    return close();
  };
  return pool;
}

/**
 * A reader for the hottest reads only (成绩查询, the public lookup): each statement a prepared statement
 * (`execute`: parsed once per connection, values sent binary, nothing escaped) on mysql2's own pool. Every
 * other read keeps `sqlOf`/`readTogether`. On SQLite (development) it is `sqlOf`.
 */
export function fastReads(sequelize: Sequelize): SqlReader {
  if (sequelize.getDialect() === 'sqlite') return sqlOf(sequelize);
  const pool = poolOf(sequelize);
  return {
    dialect: 'mysql',
    rows: <T extends object>(sql: string, params: unknown[] = []) =>
      new Promise<T[]>((resolve, reject) =>
        pool.execute(sql, params as mysql.ExecuteValues[], (error, rows) =>
          error ? reject(error) : resolve(rows as T[]),
        ),
      ),
  };
}

/** Opens `count` of the fast pool's connections before the first wave needs them (MySQL only). */
export async function warmFastReads(sequelize: Sequelize, count: number): Promise<void> {
  if (sequelize.getDialect() === 'sqlite') return;
  const pool = poolOf(sequelize);
  const opened = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<mysql.PoolConnection>((resolve, reject) =>
          pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))),
        ),
    ),
  );
  for (const connection of opened) connection.release();
}

/**
 * Gathers the loads of many requests into one statement each (`read` answers every key, in order; a load
 * may also write, as spending a captcha does, so long as it answers per key). Loads
 * made while the event loop handles one round of I/O — the requests that arrived together — go out together
 * at the end of it (setImmediate), at most `maxKeys` to a statement: under a rush the database and this
 * process pay one round trip (and one socket write, the dearest item of a small read's cost here) per batch
 * instead of per request. Alone, a load waits for nothing but that turn's end. Nothing is cached: every
 * load reads the database.
 */
export function requestBatcher<K, R>(read: (keys: readonly K[]) => Promise<R[]>, maxKeys = 50): DataLoader<K, R> {
  return new DataLoader(read, {
    cache: false,
    maxBatchSize: maxKeys,
    batchScheduleFn: (dispatch) => setImmediate(dispatch),
  });
}

/**
 * A read of one key that shares its statement with the other requests' (`requestBatcher` on the database's
 * fast reader, made on first use): `read` answers many keys in one statement.
 */
export function batchedRead<K, R>(
  read: (sql: SqlReader, keys: readonly K[]) => Promise<R[]>,
): (sequelize: Sequelize, key: K) => Promise<R> {
  const loaders = new WeakMap<Sequelize, DataLoader<K, R>>();
  return (sequelize, key) => {
    let loader = loaders.get(sequelize);
    if (!loader) {
      const sql = fastReads(sequelize);
      loader = requestBatcher((keys: readonly K[]) => read(sql, keys));
      loaders.set(sequelize, loader);
    }
    return loader.load(key);
  };
}
