import type { Connection as CallbackConnection } from 'mysql2';
import type { ResultSetHeader } from 'mysql2';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { refusalKept, settled, type Outcome } from './keepRefusals';
import { retryOnDeadlock } from './sql';
import { StatementBatch } from './statementBatch';

/**
 * Plain SQL inside one transaction, the same on MySQL and SQLite. On MySQL the statements go straight
 * through the transaction's own mysql2 connection — no model instances, no per-query option cloning or
 * stack capture, which was most of Sequelize's cost on the booking hot path — and statements asked for
 * together share one round trip (StatementBatch). Statements always run in the order they are asked for.
 */
export interface SqlTx {
  readonly dialect: 'mysql' | 'sqlite';
  /** The dialect's words for the previous statement's changed rows and new id, and for a SELECT of no table. */
  readonly fn: { rowCount: string; lastInsertId: string; fromNoTable: string };
  rows<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** An INSERT, UPDATE or DELETE: rows it changed, and the id a one-row INSERT made. */
  run(sql: string, params?: unknown[]): Promise<{ affectedRows: number; insertId: number }>;
  /**
   * Commits together with the statements asked for in the same turn — on MySQL in their round trip — when
   * the work knows it will commit whatever they answer; no statement may follow. If one of them fails, nothing
   * is committed. Where the transaction is not this code's to end, it commits when the work returns.
   */
  commitWithLast(): Promise<unknown>;
}

/** `FOR UPDATE` where the database locks rows (SQLite serialises write transactions and needs none). */
export const lockRows = (tx: SqlTx): string => (tx.dialect === 'mysql' ? ' FOR UPDATE' : '');

function mysqlTx(connection: CallbackConnection, commit?: () => Promise<unknown>): SqlTx {
  const statements = new StatementBatch(connection);
  return {
    commitWithLast: commit ?? (() => Promise.resolve()),
    dialect: 'mysql',
    fn: { rowCount: 'ROW_COUNT()', lastInsertId: 'LAST_INSERT_ID()', fromNoTable: ' FROM DUAL' },
    rows: <T extends object>(sql: string, params: unknown[] = []) => statements.query<T[]>(sql, params),
    async run(sql, params = []) {
      const header = await statements.query<ResultSetHeader>(sql, params);
      return { affectedRows: header.affectedRows, insertId: header.insertId };
    },
  };
}

/** SQLite through Sequelize, one statement after the other in the order asked (ROW_COUNT() and friends rely on it). */
function sqliteTx(sequelize: Sequelize, transaction?: Transaction): SqlTx {
  let last: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(statement: () => Promise<T>): Promise<T> => {
    const next = last.then(statement, statement);
    last = next.catch(() => undefined);
    return next;
  };
  return {
    commitWithLast: () => Promise.resolve(),
    dialect: 'sqlite',
    fn: { rowCount: 'changes()', lastInsertId: 'last_insert_rowid()', fromNoTable: '' },
    rows: <T extends object>(sql: string, params: unknown[] = []) =>
      inOrder(() => sequelize.query<T>(sql, { replacements: params, type: QueryTypes.SELECT, transaction })),
    run: (sql, params = []) =>
      inOrder(async () => {
        if (/^\s*insert/i.test(sql)) {
          const [insertId, affectedRows] = (await sequelize.query(sql, {
            replacements: params,
            type: QueryTypes.INSERT,
            transaction,
          })) as unknown as [number, number];
          return { affectedRows: Number(affectedRows), insertId: Number(insertId) };
        }
        const affected = await sequelize.query(sql, { replacements: params, type: QueryTypes.BULKUPDATE, transaction });
        return { affectedRows: Number(affected), insertId: 0 };
      }),
  };
}

/** The SQL view of a Sequelize transaction already open (callers mixing models and plain SQL). */
export function sqlTxOf(sequelize: Sequelize, transaction: Transaction): SqlTx {
  if (sequelize.getDialect() === 'sqlite') return sqliteTx(sequelize, transaction);
  return mysqlTx((transaction as unknown as { connection: CallbackConnection }).connection);
}

/** A connection of Sequelize's own pool (one pool, one size), used without Sequelize. */
async function withConnection<T>(
  sequelize: Sequelize,
  work: (connection: CallbackConnection) => Promise<T>,
): Promise<T> {
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options: { type: 'write' }): Promise<CallbackConnection>;
    releaseConnection(connection: CallbackConnection): void;
  };
  const connection = await manager.getConnection({ type: 'write' });
  try {
    return await work(connection);
  } finally {
    manager.releaseConnection(connection);
  }
}

/** Reads that need no transaction. */
export type SqlReader = Pick<SqlTx, 'dialect' | 'rows'>;

/** Plain SQL on the pool, outside any transaction (reads that need no lock). */
export function sqlOf(sequelize: Sequelize): SqlReader {
  if (sequelize.getDialect() === 'sqlite') return sqliteTx(sequelize);
  return {
    dialect: 'mysql',
    rows: (sql, params) => withConnection(sequelize, (connection) => mysqlTx(connection).rows(sql, params)),
  };
}

/** Statements outside any transaction, each committed on its own (autocommit). */
export type SqlStatements = Pick<SqlTx, 'dialect' | 'fn' | 'rows' | 'run'>;

/**
 * Statements asked for together on one pooled connection, outside a transaction, each autocommitted: on
 * MySQL they travel in one packet (StatementBatch), in the order asked, and a request holds one connection,
 * never two.
 */
export function statementsTogether<T>(sequelize: Sequelize, work: (sql: SqlStatements) => Promise<T>): Promise<T> {
  if (sequelize.getDialect() === 'sqlite') return work(sqliteTx(sequelize));
  return withConnection(sequelize, (connection) => work(mysqlTx(connection)));
}

/** Reads asked for together on one pooled connection, outside a transaction: one packet on MySQL. */
export const readTogether = <T>(sequelize: Sequelize, work: (sql: SqlReader) => Promise<T>): Promise<T> =>
  statementsTogether(sequelize, work);

/** One MySQL transaction on a pooled connection: START, the work, COMMIT (ROLLBACK when it throws). */
async function mysqlTransaction<T>(sequelize: Sequelize, work: (tx: SqlTx) => Promise<T>): Promise<T> {
  return withConnection(sequelize, async (connection) => {
    let committed: Promise<unknown> | undefined;
    const tx: SqlTx = mysqlTx(connection, () => (committed ??= tx.run('COMMIT')));
    // Not awaited: the work's first statements travel with it. If it fails, so do they, and the work.
    const started = tx.run('START TRANSACTION');
    started.catch(() => undefined);
    try {
      const value = await work(tx);
      await started;
      await tx.commitWithLast();
      return value;
    } catch (error) {
      await tx.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Runs `work` in one transaction, again if the database picked it as a deadlock victim. With
 * `keepRefusals`, a refusal (AppError) commits what was written before it, then is thrown: a wrong SMS
 * code stays counted. Such work must write nothing before refusing that it would not keep. On MySQL the
 * transaction is driven on the connection directly; SQLite goes through Sequelize's (one writer at a time).
 */
export async function inTransaction<T>(
  sequelize: Sequelize,
  work: (tx: SqlTx) => Promise<T>,
  options: { keepRefusals?: boolean } = {},
): Promise<T> {
  const attempt = (tx: SqlTx): Promise<Outcome<T>> =>
    options.keepRefusals ? refusalKept(() => work(tx)) : work(tx).then((value) => ({ ok: true, value }));
  return settled(
    await retryOnDeadlock(() =>
      sequelize.getDialect() === 'sqlite'
        ? sequelize.transaction((transaction) => attempt(sqliteTx(sequelize, transaction)))
        : mysqlTransaction(sequelize, attempt),
    ),
  );
}
