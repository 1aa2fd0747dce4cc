/**
 * Joins `o`, the order a money exception (alias `e`) is about, whichever of its numbers the exception names: the
 * current one or one retired by a change of channel (reconciliation lists bill rows by the number WeChat Pay saw).
 */
export const EXCEPTION_ORDER_JOIN = `LEFT JOIN retired_trade_numbers r ON r.out_trade_no = e.out_trade_no
       LEFT JOIN payment_orders o ON o.id = COALESCE(r.payment_order_id,
                 (SELECT current.id FROM payment_orders current WHERE current.out_trade_no = e.out_trade_no))`;
