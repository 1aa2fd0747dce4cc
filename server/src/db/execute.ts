import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** Runs an UPDATE/DELETE and returns how many rows it changed, the same way on MySQL and SQLite. */
export async function execute(
  sequelize: Sequelize,
  sql: string,
  replacements: unknown[],
  transaction?: Transaction,
): Promise<number> {
  const affected = await sequelize.query(sql, { replacements, transaction, type: QueryTypes.BULKUPDATE });
  return Number(affected);
}
