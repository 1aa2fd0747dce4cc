import type DataLoader from 'dataloader';
import type { Sequelize, Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { requestBatcher } from '../../db/fastReads';
import { forUpdate } from '../../db/sql';
import { inTransaction, lockRows } from '../../db/sqlTx';

/** A window that ended before any request's clock. */
const EXPIRED = new Date(0);

export interface CountRule {
  windowSeconds: number;
  /** The hit count that locks the bucket, until `lockEnd`. */
  lockAt?: number;
  lockEnd?: Date;
}

export interface ThrottleState {
  hits: number;
  windowEndsAt: Date;
  lockedUntil: Date | null;
}

/**
 * Creates the buckets' missing rows, `rows` of them, and on MySQL locks each exclusively at once (an INSERT
 * IGNORE would take a shared lock, and two of those deadlock upgrading it). SQLite runs one writer at a time.
 */
const createRows = (dialect: string, rows: number) => {
  const values = Array(rows).fill('(?, 0, ?)').join(', ');
  return dialect === 'sqlite'
    ? `INSERT OR IGNORE INTO throttles (bucket, hits, window_ends_at) VALUES ${values}`
    : `INSERT INTO throttles (bucket, hits, window_ends_at) VALUES ${values} ON DUPLICATE KEY UPDATE bucket = bucket`;
};

/** One request's hit, as `count` takes it. */
interface Hit {
  bucket: string;
  now: Date;
  rule: CountRule;
  unlessLocked: boolean;
}

type StateRow = { hits: number; window_ends_at: Date | string; locked_until: Date | string | null };
type Stored = ThrottleState & { changed?: boolean };

/** A row as stored, whether or not its window or lock has passed. */
const storedOf = (row: StateRow): Stored => ({
  hits: Number(row.hits),
  windowEndsAt: new Date(row.window_ends_at),
  lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
});

/**
 * The stored row a bucket names. MySQL compares buckets by the column's collation (case-insensitive as a
 * rule, so a username typed in capitals names the same row): where no row is spelled exactly as asked,
 * the one equal but for case, accents and trailing spaces is it.
 */
function stateOf(states: Map<string, Stored>, bucket: string): Stored {
  const exact = states.get(bucket);
  if (exact) return exact;
  const same = (stored: string) =>
    stored.trimEnd().localeCompare(bucket.trimEnd(), 'en', { sensitivity: 'base' }) === 0;
  const found = [...states].find(([stored]) => same(stored));
  if (!found) throw new Error(`no throttle row for ${bucket}`);
  return found[1];
}

/** Counts the hit into the bucket's stored state; false: the bucket is locked and `unlessLocked` leaves it. */
function countInto(state: Stored, { now, rule, unlessLocked }: Hit): boolean {
  if (unlessLocked && state.lockedUntil && state.lockedUntil > now) return false;
  const live = state.windowEndsAt > now;
  state.hits = live ? state.hits + 1 : 1;
  if (!live) state.windowEndsAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  if (state.hits >= (rule.lockAt ?? Number.MAX_SAFE_INTEGER)) state.lockedUntil = rule.lockEnd ?? null;
  state.changed = true;
  return true;
}

/**
 * Counters in the `throttles` table, shared by every server instance, so concurrent requests count
 * exactly: `lock` locks the row inside the caller's transaction, on its connection (a
 * request never needs a second pooled one); `count` counts the hits of the requests that arrive together
 * in one transaction of their own.
 */
export class ThrottleStore {
  private counter?: DataLoader<Hit, boolean>;

  constructor(private readonly sequelize: Sequelize) {}

  /**
   * Locks the bucket's row (creating it) on the transaction's own connection and returns its live
   * state; an expired window reads as empty.
   */
  async lock(bucket: string, now: Date, transaction: Transaction): Promise<ThrottleState> {
    await this.sequelize.query(createRows(this.sequelize.getDialect(), 1), {
      replacements: [bucket, now],
      transaction,
    });
    return this.read(bucket, now, transaction, forUpdate(this.sequelize));
  }

  /** The bucket's live state without locking it (a missing row reads as empty). */
  peek(bucket: string, now: Date, transaction?: Transaction): Promise<ThrottleState> {
    return this.read(bucket, now, transaction, '');
  }

  private async read(bucket: string, now: Date, transaction: Transaction | undefined, lock: string) {
    const [row] = await this.sequelize.query<StateRow>(
      `SELECT hits, window_ends_at, locked_until FROM throttles WHERE bucket = ?${lock}`,
      { replacements: [bucket], type: QueryTypes.SELECT, transaction },
    );
    if (!row) return { hits: 0, windowEndsAt: now, lockedUntil: null };
    const { hits, windowEndsAt, lockedUntil } = storedOf(row);
    return {
      hits: windowEndsAt > now ? hits : 0,
      windowEndsAt,
      lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil : null,
    };
  }

  /**
   * Counts one hit in a window of `windowSeconds`. The hit that reaches `lockAt` also locks the bucket until
   * `lockEnd`. With `unlessLocked` a locked bucket is left as it is; returns whether the hit was counted.
   * The hits of the requests that arrive together are counted in one transaction (`countMany`): under a crowd
   * the database sees a few statements per batch instead of two per request.
   */
  count(bucket: string, now: Date, rule: CountRule, unlessLocked = false): Promise<boolean> {
    this.counter ??= requestBatcher((hits: readonly Hit[]) => this.countMany(hits));
    return this.counter.load({ bucket, now, rule, unlessLocked });
  }

  /**
   * Creates the missing rows and locks them all in one order (`createRows`), reads them, counts every hit in
   * the order asked, and writes the changed rows back: two round trips, whatever the number of hits. A new
   * row's window has ended for every clock, so its first hit starts one.
   */
  private countMany(hits: readonly Hit[]): Promise<boolean[]> {
    const buckets = [...new Set(hits.map((hit) => hit.bucket))].sort();
    return inTransaction(this.sequelize, async (tx) => {
      const created = tx.run(
        createRows(tx.dialect, buckets.length),
        buckets.flatMap((bucket) => [bucket, EXPIRED]),
      );
      const read = tx.rows<{ bucket: string } & StateRow>(
        `SELECT bucket, hits, window_ends_at, locked_until FROM throttles WHERE bucket IN (?) ORDER BY bucket${lockRows(tx)}`,
        [buckets],
      );
      const [, stored] = await Promise.all([created, read]);
      const states = new Map(stored.map((row) => [row.bucket, storedOf(row)]));
      const counted = hits.map((hit) => countInto(stateOf(states, hit.bucket), hit));
      const changed = [...states].filter(([, state]) => state.changed);
      if (changed.length > 0) {
        const values = changed.map(() => '(?, ?, ?, ?)').join(', ');
        await Promise.all([
          tx.run(
            tx.dialect === 'sqlite'
              ? `INSERT INTO throttles (bucket, hits, window_ends_at, locked_until) VALUES ${values}
                  ON CONFLICT (bucket) DO UPDATE SET hits = excluded.hits, window_ends_at = excluded.window_ends_at,
                                                    locked_until = excluded.locked_until`
              : `INSERT INTO throttles (bucket, hits, window_ends_at, locked_until) VALUES ${values}
                  ON DUPLICATE KEY UPDATE hits = VALUES(hits), window_ends_at = VALUES(window_ends_at),
                                          locked_until = VALUES(locked_until)`,
            changed.flatMap(([bucket, state]) => [bucket, state.hits, state.windowEndsAt, state.lockedUntil]),
          ),
          tx.commitWithLast(),
        ]);
      }
      return counted;
    });
  }

  async reset(bucket: string, transaction?: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM throttles WHERE bucket = ?', { replacements: [bucket], transaction });
  }
}
