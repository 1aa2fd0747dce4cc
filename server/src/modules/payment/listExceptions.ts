import { maskPhone, type PaymentException } from '@kaowei/shared';
import type { Official } from '../accounts/models';
import { select, toIso } from '../../kernel/sqlParts';
import { scopedCountyIds } from '../../kernel/scope';
import type { PaymentDeps } from './deps';
import { EXCEPTION_ORDER_JOIN } from './exceptionOrder';

/** The row as read: the phone in full (masked before it leaves), the time as the dialect gives it. */
type ExceptionRow = Omit<PaymentException, 'createdAt' | 'candidatePhoneMasked'> & {
  createdAt: Date | string;
  phone: string | null;
};

/**
 * 异常处理 list: unsettled money exceptions of the official's districts, newest first, each naming the
 * candidate of the order (name and masked phone, so the office can reach them), whichever of the order's numbers,
 * current or retired, the exception is about. Bill differences with no
 * order of ours have no county and are the provincial office's alone.
 */
export async function listPaymentExceptions(
  deps: PaymentDeps,
  official: Official,
): Promise<{ items: PaymentException[] }> {
  const counties = await scopedCountyIds(deps.db, official);
  const rows = await select<ExceptionRow>(
    deps.db,
    `SELECT e.id, e.kind, e.out_trade_no AS outTradeNo, e.bill_date AS billDate, e.our_amount_fen AS ourAmountFen,
            e.their_amount_fen AS theirAmountFen, e.details, e.created_at AS createdAt, b.county_id AS countyId,
            co.name AS countyName,
            c.id AS candidateId, c.name AS candidateName, c.phone
       FROM payment_exceptions e
       ${EXCEPTION_ORDER_JOIN}
       LEFT JOIN bookings b ON b.id = o.booking_id
       LEFT JOIN counties co ON co.id = b.county_id
       LEFT JOIN candidates c ON c.id = o.candidate_id
      WHERE e.resolved_at IS NULL ${counties ? 'AND b.county_id IN (?)' : ''}
      ORDER BY e.id DESC LIMIT 500`,
    counties ? [counties.length ? counties : [-1]] : [],
  );
  return {
    items: rows.map(({ phone, createdAt, ...row }) => ({
      ...row,
      createdAt: toIso(createdAt)!,
      candidatePhoneMasked: phone ? maskPhone(phone) : null,
    })),
  };
}
