import { randomBytes } from 'node:crypto';

/** A WeChat Pay out_trade_no: unique, at most 32 characters of [A-Za-z0-9]. */
export function newOutTradeNo(bookingId: number): string {
  return `KW${Date.now().toString(36)}${bookingId.toString(36)}${randomBytes(5).toString('hex')}`
    .toUpperCase()
    .slice(0, 32);
}
