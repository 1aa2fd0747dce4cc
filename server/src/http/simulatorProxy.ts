import type { Middleware } from 'koa';
import type { AppState } from './types';

/**
 * Development and tests only: forwards /sim/* to the simulator, so the H5 build, served from this origin, can ask
 * it for what a phone running WeChat would produce (a login code, a phone-number code, a scanned payment).
 */
export function simulatorProxy(simulatorHost: string): Middleware<AppState> {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/sim/')) return next();
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const answer = await fetch(`http://${simulatorHost}${ctx.url}`, {
      method: ctx.method,
      headers: { 'Content-Type': ctx.get('Content-Type') || 'application/json' },
      body: ['GET', 'HEAD'].includes(ctx.method) ? undefined : Buffer.concat(chunks),
    });
    ctx.status = answer.status;
    ctx.type = answer.headers.get('content-type') ?? 'application/json';
    ctx.body = Buffer.from(await answer.arrayBuffer());
  };
}
