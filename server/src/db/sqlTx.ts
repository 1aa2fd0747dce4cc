import type { Connection as CallbackConnection } from 'mysql2';
import type { ResultSetHeader } from 'mysql2';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { AppError } from '../http/errors';
import { retryOnDeadlock } from './sql';

/**
 * Plain SQL inside one transaction, the same on MySQL and SQLite. On MySQL the statements go straight
 * through the transaction's own mysql2 connection: no model instances, no per-query option cloning or
 * stack capture, which is most of Sequelize's cost on the booking hot path.
 */
export interface SqlTx {
  readonly dialect: 'mysql' | 'sqlite';
  rows<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** An INSERT, UPDATE or DELETE: rows it changed, and the id a one-row INSERT made. */
  run(sql: string, params?: unknown[]): Promise<{ affectedRows: number; insertId: number }>;
}

/** `FOR UPDATE` where the database locks rows (SQLite serialises write transactions and needs none). */
export const lockRows = (tx: SqlTx): string => (tx.dialect === 'mysql' ? ' FOR UPDATE' : '');

/**
 * One statement on a mysql2 connection through its callback API: the promise wrapper captures a stack
 * trace per query, a few percent of the hot path's CPU. A failure still names its SQL (`error.sql`).
 */
function query<T>(connection: CallbackConnection, sql: string, params: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    connection.query(sql, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

function mysqlTx(connection: CallbackConnection): SqlTx {
  return {
    dialect: 'mysql',
    rows: <T extends object>(sql: string, params: unknown[] = []) => query<T[]>(connection, sql, params),
    async run(sql, params = []) {
      const header = await query<ResultSetHeader>(connection, sql, params);
      return { affectedRows: header.affectedRows, insertId: header.insertId };
    },
  };
}

function sqliteTx(sequelize: Sequelize, transaction: Transaction): SqlTx {
  return {
    dialect: 'sqlite',
    rows: <T extends object>(sql: string, params: unknown[] = []) =>
      sequelize.query<T>(sql, { replacements: params, type: QueryTypes.SELECT, transaction }) as Promise<T[]>,
    async run(sql, params = []) {
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
    },
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

/** Plain SQL on the pool, outside any transaction (reads that need no lock). */
export function sqlOf(sequelize: Sequelize): SqlTx {
  if (sequelize.getDialect() === 'sqlite') {
    return {
      dialect: 'sqlite',
      rows: <T extends object>(sql: string, params: unknown[] = []) =>
        sequelize.query<T>(sql, { replacements: params, type: QueryTypes.SELECT }) as Promise<T[]>,
      run: () => Promise.reject(new Error('writes belong in a transaction')),
    };
  }
  return {
    dialect: 'mysql',
    rows: (sql, params) => withConnection(sequelize, (connection) => mysqlTx(connection).rows(sql, params)),
    run: () => Promise.reject(new Error('writes belong in a transaction')),
  };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: AppError };

/** One MySQL transaction on a pooled connection: START, the work, COMMIT (ROLLBACK when it throws). */
async function mysqlTransaction<T>(sequelize: Sequelize, work: (tx: SqlTx) => Promise<T>): Promise<T> {
  return withConnection(sequelize, async (connection) => {
    const tx = mysqlTx(connection);
    await tx.run('START TRANSACTION');
    try {
      const value = await work(tx);
      await tx.run('COMMIT');
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
  const attempt = async (tx: SqlTx): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await work(tx) };
    } catch (error) {
      if (options.keepRefusals && error instanceof AppError) return { ok: false, refusal: error };
      throw error;
    }
  };
  const outcome = await retryOnDeadlock(() =>
    sequelize.getDialect() === 'sqlite'
      ? sequelize.transaction((transaction) => attempt(sqliteTx(sequelize, transaction)))
      : mysqlTransaction(sequelize, attempt),
  );
  if (!outcome.ok) throw outcome.refusal;
  return outcome.value;
}
