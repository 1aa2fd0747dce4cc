import type { PaymentOrderState } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { Official } from '../../accounts/models';
import { candidateMatches } from '../candidates/candidateScope';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, count, limitOffset, paged, select } from '../../../kernel/sqlParts';
import { PAYMENT_COLUMNS, PAYMENT_FROM, paymentView, type PaymentRow } from './orderRows';

/** Could be an order number or a WeChat Pay transaction id (13–32 letters and digits). */
const ORDER_REFERENCE = /^[A-Za-z0-9]{13,32}$/;

/**
 * 缴费记录: payment orders in the official's districts (by the booking's county), newest first. `q` is
 * an order number, a WeChat Pay transaction id, or what finds a candidate (ticket, ID number, name).
 */
export async function listPayments(
  deps: { db: Db; vault: IdCardVault },
  official: Official,
  query: { periodId?: number; state?: PaymentOrderState; q?: string; page: number; pageSize: number },
) {
  const where = new Conditions().counties('b.county_id', await scopedCountyIds(deps.db, official));
  if (query.periodId) where.add('o.period_id = ?', query.periodId);
  if (query.state) where.add('o.state = ?', query.state);
  const q = query.q?.trim();
  const candidate = candidateMatches('c', q, deps.vault);
  if (q && ORDER_REFERENCE.test(q)) {
    where.orWith(candidate, 'o.out_trade_no = ? OR o.transaction_id = ?', q.toUpperCase(), q);
  } else {
    where.and(candidate);
  }
  const [total, rows] = await Promise.all([
    count(deps.db, `SELECT COUNT(*) AS n ${PAYMENT_FROM} WHERE ${where.sql}`, where.replacements),
    select<PaymentRow>(
      deps.db,
      `SELECT ${PAYMENT_COLUMNS} ${PAYMENT_FROM} WHERE ${where.sql} ORDER BY o.id DESC LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(query)],
    ),
  ]);
  return paged(rows.map(paymentView), total, query);
}
