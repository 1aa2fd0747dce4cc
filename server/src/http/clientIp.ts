import type { Context } from 'koa';

/** The caller's address; behind the production proxy Koa reads X-Forwarded-For (app.proxy). */
export function clientIp(ctx: Pick<Context, 'ip'>): string {
  return ctx.ip.replace(/^::ffff:/, '') || 'unknown';
}
