import type { Sequelize, Transaction } from 'sequelize';
import { retryOnDeadlock } from './sql';
import { AppError } from '../http/errors';

/** What a transaction's work came to: a value, or a refusal the transaction commits before it is thrown. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: AppError };

/** Runs `work`; a refusal (AppError) becomes an outcome instead of an error, so the transaction still commits. */
export async function refusalKept<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, refusal: error };
    throw error;
  }
}

/** The value, or the refusal thrown now that its transaction has committed. */
export function settled<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.refusal;
  return outcome.value;
}

/**
 * Runs `work` in one Sequelize transaction (run again if the database picked it as a deadlock victim) that
 * commits even when the work refuses with an AppError, then throws the refusal: a captcha checked
 * on the way stays used up. The work must write nothing before refusing that it would not keep.
 */
export async function transactionKeepingRefusals<T>(
  sequelize: Sequelize,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  return settled(
    await retryOnDeadlock(() => sequelize.transaction((transaction) => refusalKept(() => work(transaction)))),
  );
}
