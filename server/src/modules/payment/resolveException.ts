import { QueryTypes } from 'sequelize';
import { forUpdate } from '../../db/sql';
import { AppError } from '../../http/errors';
import type { Official } from '../accounts/models';
import { writeAudit } from '../../kernel/audit';
import { assertCountyInScope } from '../../kernel/scope';
import { officialActor } from '../../kernel/actor';
import type { PaymentDeps } from './deps';
import { EXCEPTION_ORDER_JOIN } from './exceptionOrder';
import { settleRefund } from './refunds';

interface ExceptionRow {
  id: number;
  kind: string;
  outTradeNo: string | null;
  details: string;
  resolvedAt: Date | null;
  orderId: number | null;
  countyId: number | null;
}

/**
 * An official settles a money exception (an abnormal refund paid back another way, a bill difference explained…):
 * it leaves the list, a settled abnormal refund releases its seats, and the audit log keeps who, when and why.
 */
export async function resolvePaymentException(
  deps: PaymentDeps,
  official: Official,
  input: { id: number; reason: string; ip?: string; requestId?: string },
) {
  const { sequelize } = deps.db;
  return sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<ExceptionRow>(
      `SELECT e.id, e.kind, e.out_trade_no AS outTradeNo, e.details, e.resolved_at AS resolvedAt, o.id AS orderId,
              b.county_id AS countyId
         FROM payment_exceptions e
         ${EXCEPTION_ORDER_JOIN}
         LEFT JOIN bookings b ON b.id = o.booking_id
        WHERE e.id = ?${forUpdate(sequelize)}`,
      { replacements: [input.id], type: QueryTypes.SELECT, transaction },
    );
    if (!row) throw new AppError('NOT_FOUND', { what: '异常记录' });
    // Bill differences with no order of ours belong to the provincial office.
    await assertCountyInScope(deps.db, official, row.countyId);
    if (row.resolvedAt) throw new AppError('CONFLICT');
    const resolvedAt = new Date();
    if (row.kind === 'refund_abnormal') {
      // WeChat could not pay the refund back (closed card…); the office paid it another way: release the seats now.
      const [refund] = await sequelize.query<{ id: number; payment_order_id: number; out_trade_no: string | null }>(
        `SELECT id, payment_order_id, out_trade_no FROM refunds
          WHERE payment_order_id = ? AND state = 'abnormal'${forUpdate(sequelize)}`,
        { replacements: [row.orderId], type: QueryTypes.SELECT, transaction },
      );
      if (refund) {
        const note = `异常退款已由考办处理：${input.reason}`;
        await settleRefund(deps, refund, { actor: officialActor(official), note, now: resolvedAt }, transaction);
      }
    }
    await sequelize.query(
      'UPDATE payment_exceptions SET resolved_at = ?, resolved_by = ?, updated_at = ? WHERE id = ?',
      {
        replacements: [resolvedAt, official.id, resolvedAt, row.id],
        transaction,
      },
    );
    await writeAudit(
      deps.db,
      officialActor(official),
      {
        action: 'payment_exception.resolve',
        entityType: 'payment_exception',
        entityId: row.id,
        before: { kind: row.kind, outTradeNo: row.outTradeNo, details: row.details, resolved: false },
        after: { resolved: true },
        reason: input.reason,
        ip: input.ip,
        requestId: input.requestId,
        countyId: row.countyId,
      },
      transaction,
    );
    return { id: row.id, resolvedAt };
  });
}
