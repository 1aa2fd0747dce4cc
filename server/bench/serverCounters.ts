import type mysql from 'mysql2/promise';
import { openServerConnection } from '../test/support/mysqlAdmin';

/**
 * Durable commits, as InnoDB counts them: `trx_commits_insert_update` counts the transactions that
 * inserted, updated or deleted rows and then ended, rolled back ones included (InnoDB ends a rollback
 * with a commit of the undone work, which waits for no log flush); `trx_rollbacks` counts every
 * rollback. The difference is the commits that had to reach the redo log on disk, as long as every
 * rollback in the window undid a transaction that had written (a seat-full course, a deadlock victim),
 * as in these runs. Handler_commit counts every statement's commit, reads included; Com_commit misses
 * autocommitted writes and counts read-only commits; Innodb_log_writes counts group-commit flushes,
 * fewer than commits under concurrency. The two metrics are off by default: enabled while measuring.
 */
const METRICS = ['trx_commits_insert_update', 'trx_rollbacks'] as const;

export interface CounterSnapshot {
  questions: number;
  connections: number;
  writerEnds: number;
  rollbacks: number;
  /** Query id of each connection to another database: another client's work shows as a change. */
  others: Map<number, number>;
}

export interface CounterDelta {
  /** Statements clients sent (MariaDB's Questions): one round trip each, unless sent several to a packet. */
  statements: number;
  /** Durable commits; null where the InnoDB metrics could not be enabled. */
  commits: number | null;
  /** No other client connected or ran a statement meanwhile: the counts are ours alone. */
  clean: boolean;
}

/**
 * MariaDB's server-wide counters, read by one statement before and one after a measured run. They count
 * every client of the server, so a delta is only ours when `clean`: no connection opened (our pools are
 * open before) and no statement run on a connection to another database meanwhile.
 */
export class ServerCounters {
  private constructor(
    private readonly conn: mysql.Connection,
    private readonly database: string,
    private readonly enabled: readonly string[],
    private readonly metricsOn: boolean,
  ) {}

  /** For runs on `databaseUrl`, a scratch database on the server of TEST_DATABASE_URL. */
  static async open(databaseUrl: string): Promise<ServerCounters> {
    const conn = await openServerConnection();
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT NAME, ENABLED FROM information_schema.INNODB_METRICS WHERE NAME IN (?)',
      [METRICS],
    );
    const enabled: string[] = [];
    let metricsOn = true;
    for (const row of rows.filter((r) => Number(r.ENABLED) === 0)) {
      try {
        await conn.query('SET GLOBAL innodb_monitor_enable = ?', [row.NAME]);
        enabled.push(String(row.NAME));
      } catch (error) {
        metricsOn = false;
        console.error(`cannot enable InnoDB metric ${row.NAME} (${(error as Error).message}): no commit counts`);
      }
    }
    return new ServerCounters(conn, new URL(databaseUrl).pathname.slice(1), enabled, metricsOn);
  }

  async snapshot(): Promise<CounterSnapshot> {
    const [rows] = await this.conn.query<mysql.RowDataPacket[]>(
      `SELECT LOWER(VARIABLE_NAME) AS name, VARIABLE_VALUE AS value FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME IN ('QUESTIONS', 'CONNECTIONS')
       UNION ALL SELECT NAME, COUNT FROM information_schema.INNODB_METRICS WHERE NAME IN (?)
       UNION ALL SELECT CONCAT('thread ', ID), QUERY_ID FROM information_schema.PROCESSLIST
        WHERE ID <> CONNECTION_ID() AND COALESCE(DB, '') <> ? AND COMMAND <> 'Daemon'`,
      [METRICS, this.database],
    );
    const value = (name: string) => Number(rows.find((r) => r.name === name)?.value ?? 0);
    return {
      questions: value('questions'),
      connections: value('connections'),
      writerEnds: value('trx_commits_insert_update'),
      rollbacks: value('trx_rollbacks'),
      others: new Map(
        rows
          .filter((r) => String(r.name).startsWith('thread '))
          .map((r) => [Number(String(r.name).slice(7)), Number(r.value)]),
      ),
    };
  }

  /** From one snapshot to the next; the second snapshot's own statement is not counted. */
  between(before: CounterSnapshot, after: CounterSnapshot): CounterDelta {
    const othersBusy =
      [...after.others].some(([id, queryId]) => before.others.get(id) !== queryId) ||
      [...before.others.keys()].some((id) => !after.others.has(id));
    return {
      statements: after.questions - before.questions - 1,
      commits: this.metricsOn ? after.writerEnds - before.writerEnds - (after.rollbacks - before.rollbacks) : null,
      clean: !othersBusy && after.connections === before.connections,
    };
  }

  /**
   * Waits, at most `maxMs`, until no other client has been busy for two seconds: other test runs on the
   * same MariaDB come in bursts, and a run started in a lull is more likely to count only its own work.
   */
  async quiet(maxMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    let told = false;
    while (Date.now() < deadline) {
      const before = await this.snapshot();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (this.between(before, await this.snapshot()).clean) return;
      if (!told) console.log('  waiting for other MariaDB clients to finish…');
      told = true;
    }
  }

  /** Turns off the metrics this bench turned on. */
  async close(): Promise<void> {
    for (const name of this.enabled) await this.conn.query('SET GLOBAL innodb_monitor_disable = ?', [name]);
    await this.conn.end();
  }
}
