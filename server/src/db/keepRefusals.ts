import type { Sequelize, Transaction } from 'sequelize';
import { retryOnDeadlock } from './sql';
import { AppError } from '../http/errors';

type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: AppError };

/**
 * Runs `work` in one transaction (run again if the database picked it as a deadlock victim) that
 * commits even when the work refuses with an AppError, then throws the refusal: a captcha checked
 * on the way stays used up. The work must write nothing before refusing that it would not keep.
 */
export async function transactionKeepingRefusals<T>(
  sequelize: Sequelize,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  const outcome = await retryOnDeadlock(() =>
    sequelize.transaction(async (transaction): Promise<Outcome<T>> => {
      try {
        return { ok: true, value: await work(transaction) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, refusal: error };
        throw error;
      }
    }),
  );
  if (!outcome.ok) throw outcome.refusal;
  return outcome.value;
}
