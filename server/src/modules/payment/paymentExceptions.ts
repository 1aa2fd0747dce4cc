import type { Transaction } from 'sequelize';
import type { Db } from '../../db/models';

/** Lists money an official must look at (payment_exceptions), inside the caller's transaction. */
export async function listException(
  db: Db,
  entry: {
    kind: string;
    outTradeNo: string;
    ourAmountFen: number | null;
    theirAmountFen: number | null;
    details: string;
    now: Date;
  },
  transaction: Transaction,
): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO payment_exceptions (kind, out_trade_no, our_amount_fen, their_amount_fen, details, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    {
      replacements: [
        entry.kind,
        entry.outTradeNo,
        entry.ourAmountFen,
        entry.theirAmountFen,
        entry.details,
        entry.now,
        entry.now,
      ],
      transaction,
    },
  );
}
