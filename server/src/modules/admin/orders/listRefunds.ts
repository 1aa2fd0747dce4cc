import type { RefundKind, RefundState } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, count, limitOffset, paged, select } from '../../../kernel/sqlParts';
import { REFUND_COLUMNS, REFUND_FROM, refundView, type RefundRow } from './orderRows';

/**
 * 退费记录: refunds in the official's districts (by the booking's county), newest first. `kind`
 * `late_payment` lists the automatic refunds of money that arrived after its seats were gone.
 */
export async function listRefunds(
  db: Db,
  official: Official,
  query: { periodId?: number; kind?: RefundKind; state?: RefundState; page: number; pageSize: number },
) {
  const where = new Conditions().counties('b.county_id', await scopedCountyIds(db, official));
  if (query.periodId) where.add('o.period_id = ?', query.periodId);
  if (query.kind) where.add('r.kind = ?', query.kind);
  if (query.state) where.add('r.state = ?', query.state);
  const [total, rows] = await Promise.all([
    count(db, `SELECT COUNT(*) AS n ${REFUND_FROM} WHERE ${where.sql}`, where.replacements),
    select<RefundRow>(
      db,
      `SELECT ${REFUND_COLUMNS} ${REFUND_FROM} WHERE ${where.sql} ORDER BY r.id DESC LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(query)],
    ),
  ]);
  return paged(rows.map(refundView), total, query);
}
