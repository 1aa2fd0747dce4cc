import type { Connection as CallbackConnection } from 'mysql2';
import type { Connection as PromiseConnection, ResultSetHeader } from 'mysql2/promise';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { transactionKeepingRefusals } from './keepRefusals';
import { retryOnDeadlock } from './sql';

/**
 * Plain SQL inside one transaction, the same on MySQL and SQLite. On MySQL the statements go straight
 * through the transaction's own mysql2 connection: no model instances, no per-query option cloning or
 * stack capture, which is most of Sequelize's cost on the booking hot path.
 */
export interface SqlTx {
  readonly dialect: 'mysql' | 'sqlite';
  rows<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** An INSERT, UPDATE or DELETE: rows it changed, and the first id an INSERT made. */
  run(sql: string, params?: unknown[]): Promise<{ affectedRows: number; insertId: number }>;
}

/** `FOR UPDATE` where the database locks rows (SQLite serialises write transactions and needs none). */
export const lockRows = (tx: SqlTx): string => (tx.dialect === 'mysql' ? ' FOR UPDATE' : '');

function mysqlTx(connection: PromiseConnection): SqlTx {
  return {
    dialect: 'mysql',
    async rows<T extends object>(sql: string, params: unknown[] = []) {
      const [rows] = await connection.query(sql, params);
      return rows as T[];
    },
    async run(sql, params = []) {
      const [header] = await connection.query<ResultSetHeader>(sql, params);
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
  const connection = (transaction as unknown as { connection: CallbackConnection }).connection;
  return mysqlTx(connection.promise());
}

/** Plain SQL on the pool, outside any transaction (reads that need no lock). */
export function sqlOf(sequelize: Sequelize): SqlTx {
  return {
    dialect: sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql',
    rows: <T extends object>(sql: string, params: unknown[] = []) =>
      sequelize.query<T>(sql, { replacements: params, type: QueryTypes.SELECT }) as Promise<T[]>,
    run: () => Promise.reject(new Error('writes belong in a transaction')),
  };
}

/**
 * Runs `work` in one transaction, again if the database picked it as a deadlock victim. With
 * `keepRefusals`, a refusal (AppError) commits what was written before it, then is thrown: a wrong SMS
 * code stays counted. Such work must write nothing before refusing that it would not keep.
 */
export async function inTransaction<T>(
  sequelize: Sequelize,
  work: (tx: SqlTx) => Promise<T>,
  options: { keepRefusals?: boolean } = {},
): Promise<T> {
  const run = (transaction: Transaction) => work(sqlTxOf(sequelize, transaction));
  if (options.keepRefusals) return transactionKeepingRefusals(sequelize, run);
  return retryOnDeadlock(() => sequelize.transaction(run));
}
