import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';

const select = async (db: Db, sql: string, replacements: unknown[]) =>
  db.sequelize.query<{ candidate_id: number; n: number }>(sql, { replacements, type: QueryTypes.SELECT });

/** Candidates with unpaid held or confirmed items in the period, and how many: those the release would hit. */
export async function candidatesWithUnpaidItems(db: Db, periodId: number) {
  const rows = await select(
    db,
    `SELECT candidate_id, COUNT(*) AS n FROM booking_items
      WHERE period_id = ? AND state IN ('held', 'confirmed') GROUP BY candidate_id ORDER BY candidate_id`,
    [periodId],
  );
  return rows.map((r) => ({ candidateId: Number(r.candidate_id), items: Number(r.n) }));
}

/** Candidates with paid items in the period: they have an admission ticket to print. */
export async function candidatesWithPaidItems(db: Db, periodId: number): Promise<number[]> {
  const rows = await select(
    db,
    `SELECT candidate_id, COUNT(*) AS n FROM booking_items WHERE period_id = ? AND state = 'paid'
      GROUP BY candidate_id ORDER BY candidate_id`,
    [periodId],
  );
  return rows.map((r) => Number(r.candidate_id));
}

/** Candidates with scores in the period. */
export async function candidatesWithScores(db: Db, periodId: number): Promise<number[]> {
  const rows = await select(
    db,
    `SELECT candidate_id, COUNT(*) AS n FROM scores WHERE period_id = ? GROUP BY candidate_id ORDER BY candidate_id`,
    [periodId],
  );
  return rows.map((r) => Number(r.candidate_id));
}
