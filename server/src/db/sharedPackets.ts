import type { Sequelize } from 'sequelize';
import { MYSQL_FN, mysqlTx, sqliteTx, withConnection, type SqlStatements } from './sqlTx';

/** Statements one caller asked for in one turn of the event loop: they travel together, in order. */
interface Group {
  generation: number;
  asks: Array<{ send: (sql: SqlStatements) => Promise<void>; fail: (error: unknown) => void }>;
}

/**
 * Autocommitted statements of concurrent requests sent together. Statements asked for while the event
 * loop handles one round of I/O go out at its end (setImmediate) in one multi-statement packet per
 * `maxStatements`, each packet on a pooled connection of its own; a caller's statements of one turn are
 * never split, so they still run one after the other in the order asked. Under a crowd the database and this
 * process pay one round trip and one socket write (the dearest part of a small statement's cost here) per
 * packet instead of per request. The price: a statement that fails fails the packet's others too (as within
 * one request's packet), so only simple statements whose failure means the database is in trouble belong here.
 */
class SharedPackets {
  private waiting: Group[] = [];
  private generation = 0;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly maxStatements: number,
  ) {}

  /** One caller's statements. */
  statements(): SqlStatements {
    let group: Group | undefined;
    const ask = <T>(send: (sql: SqlStatements) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        if (group?.generation !== this.generation) {
          group = { generation: this.generation, asks: [] };
          if (this.waiting.length === 0) setImmediate(() => this.flush());
          this.waiting.push(group);
        }
        group.asks.push({ send: (sql) => send(sql).then(resolve, reject), fail: reject });
      });
    return {
      dialect: 'mysql',
      fn: MYSQL_FN,
      rows: (sql, params) => ask((on) => on.rows(sql, params)),
      run: (sql, params) => ask((on) => on.run(sql, params)),
    };
  }

  private flush(): void {
    const groups = this.waiting;
    this.waiting = [];
    this.generation += 1;
    let packet: Group['asks'] = [];
    for (const group of groups) {
      if (packet.length > 0 && packet.length + group.asks.length > this.maxStatements) {
        this.send(packet);
        packet = [];
      }
      packet.push(...group.asks);
    }
    this.send(packet);
  }

  private send(asks: Group['asks']): void {
    withConnection(this.sequelize, (connection) => {
      const sql = mysqlTx(connection);
      // Asked for in one turn: StatementBatch sends them in one packet.
      return Promise.all(asks.map((ask) => ask.send(sql)));
    }).catch((error: unknown) => asks.forEach((ask) => ask.fail(error)));
  }
}

const shared = new WeakMap<Sequelize, SharedPackets>();
/** Statements to a packet: a few dozen requests' worth, so no one waits on a long packet. */
const MAX_STATEMENTS = 120;

/**
 * Statements outside any transaction, each autocommitted, that share their packet with those of concurrent
 * requests (SharedPackets). Ask for a new one per request. SQLite runs them one after the other.
 */
export function sharedStatements(sequelize: Sequelize): SqlStatements {
  if (sequelize.getDialect() === 'sqlite') return sqliteTx(sequelize);
  let packets = shared.get(sequelize);
  if (!packets) shared.set(sequelize, (packets = new SharedPackets(sequelize, MAX_STATEMENTS)));
  return packets.statements();
}
