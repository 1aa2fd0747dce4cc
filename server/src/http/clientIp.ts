import { isIP } from 'node:net';
import type { Context } from 'koa';

/** An address as it is counted and stored: no IPv6 zone, lower case, IPv4-mapped IPv6 as IPv4; null if none. */
export function normalizeIp(value: string | undefined): string | null {
  const address = (value ?? '')
    .trim()
    .replace(/%.*$/, '')
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return isIP(address) ? address : null;
}

/**
 * The caller's address. Behind trusted proxies Koa reads X-Forwarded-For counting TRUSTED_PROXY_HOPS entries from
 * the right (app.maxIpsCount), so it is what the proxies appended, never what the client wrote. An entry that is no
 * address (a client reaching the server past the proxy) gives way to the connection's peer, so the value always fits
 * the 45-character columns and one garbage header locks nobody else out.
 */
export function clientIp(ctx: Pick<Context, 'ip' | 'socket'>): string {
  return normalizeIp(ctx.ip) ?? normalizeIp(ctx.socket.remoteAddress) ?? 'unknown';
}
