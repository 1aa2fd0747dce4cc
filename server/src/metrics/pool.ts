import { performance } from 'node:perf_hooks';
import type { Sequelize } from 'sequelize';
import { poolAcquire, setPoolSource, type PoolReading } from './registry';

const watched = new WeakSet<Sequelize>();

/**
 * The pool gauges read this Sequelize's pool at each scrape, and every acquire is timed through
 * Sequelize's pool hooks (two clock reads per acquire). SQLite has no pool: its gauges stay absent.
 */
export function watchPool(sequelize: Sequelize): void {
  const pool = (sequelize.connectionManager as unknown as { pool?: Partial<PoolReading> }).pool;
  if (typeof pool?.using !== 'number' || watched.has(sequelize)) return;
  watched.add(sequelize);
  setPoolSource(() => pool as PoolReading);
  const started = new WeakMap<object, number>();
  sequelize.addHook('beforePoolAcquire', (options) => {
    if (options) started.set(options, performance.now());
  });
  sequelize.addHook('afterPoolAcquire', (_connection, options) => {
    const start = options && started.get(options);
    if (start === undefined) return;
    started.delete(options);
    poolAcquire.observe((performance.now() - start) / 1000);
  });
}
