import type { Sequelize, Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { forUpdate, insertIgnore } from '../../db/sql';
import { sharedStatements } from '../../db/sharedPackets';

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
 * Counters in the `throttles` table, shared by every server instance, so concurrent requests count
 * exactly: `lock` locks the row inside the caller's transaction, on its connection (a
 * request never needs a second pooled one); `count` is one atomic statement of its own.
 */
export class ThrottleStore {
  constructor(private readonly sequelize: Sequelize) {}

  /**
   * Locks the bucket's row (creating it) on the transaction's own connection and returns its live
   * state; an expired window reads as empty.
   */
  async lock(bucket: string, now: Date, transaction: Transaction): Promise<ThrottleState> {
    // SQLite transactions run one at a time. On MySQL the upsert takes the row's exclusive lock at
    // once (an INSERT IGNORE would take a shared one, and two of those deadlock upgrading it).
    const create =
      this.sequelize.getDialect() === 'sqlite'
        ? 'INSERT OR IGNORE INTO throttles (bucket, hits, window_ends_at) VALUES (?, 0, ?)'
        : 'INSERT INTO throttles (bucket, hits, window_ends_at) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE bucket = bucket';
    await this.sequelize.query(create, { replacements: [bucket, now], transaction });
    return this.read(bucket, now, transaction, forUpdate(this.sequelize));
  }

  /** The bucket's live state without locking it (a missing row reads as empty). */
  peek(bucket: string, now: Date, transaction?: Transaction): Promise<ThrottleState> {
    return this.read(bucket, now, transaction, '');
  }

  private async read(bucket: string, now: Date, transaction: Transaction | undefined, lock: string) {
    const [row] = await this.sequelize.query<{
      hits: number;
      window_ends_at: Date | string;
      locked_until: Date | string | null;
    }>(`SELECT hits, window_ends_at, locked_until FROM throttles WHERE bucket = ?${lock}`, {
      replacements: [bucket],
      type: QueryTypes.SELECT,
      transaction,
    });
    if (!row) return { hits: 0, windowEndsAt: now, lockedUntil: null };
    const windowEndsAt = new Date(row.window_ends_at);
    const lockedUntil = row.locked_until ? new Date(row.locked_until) : null;
    return {
      hits: windowEndsAt > now ? Number(row.hits) : 0,
      windowEndsAt,
      lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil : null,
    };
  }

  /**
   * Counts one hit in a window of `windowSeconds` with no transaction: one conditional update, the
   * row locked only while it runs, so a crowd on one bucket holds no connection waiting. The hit that
   * reaches `lockAt` also locks the bucket until `lockEnd`. With `unlessLocked` a locked bucket is
   * left as it is; returns whether the hit was counted.
   */
  async count(bucket: string, now: Date, rule: CountRule, unlessLocked = false): Promise<boolean> {
    // Both statements travel in one packet (with those of concurrent requests), each autocommitted: the row is
    // locked only while each runs. A new row's window has ended for every clock (not just this request's `now`):
    // a crowd's clocks differ by a few milliseconds, and one a little behind must not take the new row for a
    // live window and count into it, which the next request would then restart at 1.
    const sql = sharedStatements(this.sequelize);
    const created = sql.run(
      `${insertIgnore(this.sequelize)} INTO throttles (bucket, hits, window_ends_at) VALUES (?, 0, ?)`,
      [bucket, EXPIRED],
    );
    // Every expression reads the row as it was (MySQL would see columns assigned before it).
    const nextHits = 'CASE WHEN window_ends_at > ? THEN hits + 1 ELSE 1 END';
    const counted = sql.run(
      `UPDATE throttles SET locked_until = CASE WHEN ${nextHits} >= ? THEN ? ELSE locked_until END,
              hits = ${nextHits},
              window_ends_at = CASE WHEN window_ends_at > ? THEN window_ends_at ELSE ? END
        WHERE bucket = ?${unlessLocked ? ' AND (locked_until IS NULL OR locked_until <= ?)' : ''}`,
      [
        now,
        rule.lockAt ?? Number.MAX_SAFE_INTEGER,
        rule.lockEnd ?? null,
        now,
        now,
        new Date(now.getTime() + rule.windowSeconds * 1000),
        bucket,
        ...(unlessLocked ? [now] : []),
      ],
    );
    const [, { affectedRows }] = await Promise.all([created, counted]);
    return affectedRows > 0;
  }

  async reset(bucket: string, transaction?: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM throttles WHERE bucket = ?', { replacements: [bucket], transaction });
  }
}
