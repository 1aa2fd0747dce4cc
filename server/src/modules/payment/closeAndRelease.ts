import { QueryTypes } from 'sequelize';
import { forUpdate, preciseTime, retryOnDeadlock } from '../../db/sql';
import { writeAudit } from '../../kernel/audit';
import type { Actor } from '../../kernel/actor';
import { sqlTxOf } from '../../db/sqlTx';
import { ItemLedger } from '../ledger/itemLedger';
import { lockOrderItems } from '../ledger/orderItems';
import type { PaymentDeps } from './deps';
import { closeWechatOrder } from './closeWechatOrder';

/**
 * The end-of-day release for orders already sent to WeChat Pay: query first (a payment is recorded,
 * never released), then close, then release the seats. An order WeChat Pay will not close (paid
 * meanwhile, or unreachable) keeps its seats until the next run.
 */
export async function closeAndRelease(
  deps: PaymentDeps,
  options: { periodId: number; heldBefore: Date; actor: Actor; countyIds?: number[] | null; reason?: string },
): Promise<{ released: number; paid: number }> {
  if (options.countyIds && options.countyIds.length === 0) return { released: 0, paid: 0 };
  const orders = await deps.db.sequelize.query<{ id: number; out_trade_no: string }>(
    `SELECT DISTINCT o.id, o.out_trade_no FROM payment_orders o JOIN booking_items i ON i.payment_order_id = o.id
      WHERE o.period_id = ? AND o.state = 'created' AND o.channel IS NOT NULL AND i.state = 'confirmed' AND i.held_at < ?
      ${options.countyIds ? 'AND i.county_id IN (?)' : ''}`,
    {
      replacements: [
        options.periodId,
        preciseTime(deps.db.sequelize, options.heldBefore),
        ...(options.countyIds ? [options.countyIds] : []),
      ],
      type: QueryTypes.SELECT,
    },
  );
  let released = 0;
  let paid = 0;
  for (const order of orders) {
    try {
      if ((await closeWechatOrder(deps, order.out_trade_no)) === 'paid') {
        paid += 1;
        continue;
      }
    } catch (error) {
      deps.logger.warn(
        { err: error, outTradeNo: order.out_trade_no },
        'could not close the WeChat order; seats kept until the next run',
      );
      continue;
    }
    released += await retryOnDeadlock(() =>
      deps.db.sequelize.transaction(async (transaction) => {
        const [locked] = await deps.db.sequelize.query<{ state: string }>(
          `SELECT state FROM payment_orders WHERE id = ?${forUpdate(deps.db.sequelize)}`,
          { replacements: [order.id], type: QueryTypes.SELECT, transaction },
        );
        if (locked?.state !== 'created') return 0;
        const tx = sqlTxOf(deps.db.sequelize, transaction);
        const items = await lockOrderItems(tx, order.id, ['confirmed']);
        const reason = options.reason ?? '当日报考结束未缴费，订单已关闭，考位释放';
        await new ItemLedger(tx, options.actor).release(items, reason);
        // Every release is audited, like the batches of releaseUnpaid.
        await writeAudit(
          deps.db,
          options.actor,
          {
            action: 'booking.release',
            entityType: 'payment_order',
            entityId: order.id,
            before: { outTradeNo: order.out_trade_no, state: 'created' },
            after: { state: 'closed', released: items.length, itemIds: items.map((i) => i.id) },
            reason,
            countyId: items[0]?.county_id ?? null,
          },
          transaction,
        );
        await deps.db.sequelize.query(
          `UPDATE payment_orders SET state = 'closed', closed_at = ?, updated_at = ? WHERE id = ?`,
          {
            replacements: [new Date(), new Date(), order.id],
            transaction,
          },
        );
        return items.length;
      }),
    );
  }
  return { released, paid };
}
