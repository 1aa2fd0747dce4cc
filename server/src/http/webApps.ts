import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import type { Logger } from '../logger';
import { webAppCsp } from './securityHeaders';
import type { AppState } from './types';

export interface WebAppDirs {
  h5Dir: string;
  adminDir: string;
}

/** Hashed assets never change; index.html must, so a new build reaches browsers at once. */
function staticFiles(dir: string): Middleware<AppState> {
  return serve(dir, {
    index: 'index.html',
    setHeaders: (res, filePath) =>
      res.setHeader('Cache-Control', filePath.endsWith('.html') ? 'no-cache' : 'public, max-age=604800'),
  }) as Middleware<AppState>;
}

/** The app's CSP, made again when a new build replaces its index.html (the inline scripts' hashes change). */
function cspOf(index: string): () => Middleware<AppState> {
  let built: { mtimeMs: number; csp: Middleware<AppState> } | undefined;
  return () => {
    // Missing for a moment while a build replaces it: no inline script is allowed meanwhile.
    const mtimeMs = statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (built?.mtimeMs !== mtimeMs) {
      built = { mtimeMs, csp: webAppCsp(mtimeMs > 0 ? readFileSync(index, 'utf8') : '') };
    }
    return built.csp;
  };
}

/**
 * Serves the built front ends: the officials' admin under /admin (any unknown page path answers its index.html,
 * so deep links survive a reload) and the candidates' H5 app at the root. API paths never reach these.
 */
export function webApps(dirs: WebAppDirs, logger: Logger): Middleware<AppState>[] {
  const middleware: Middleware<AppState>[] = [];
  const isApi = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/sim/');
  for (const [name, dir, prefix] of [
    ['admin', dirs.adminDir, '/admin'],
    ['H5', dirs.h5Dir, '/'],
  ] as const) {
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) {
      logger.info({ dir }, `${name} front end not built; run npm run build to serve it`);
      continue;
    }
    const files = staticFiles(dir);
    const csp = cspOf(index);
    const handler: Middleware<AppState> = async (ctx, next) => {
      if (isApi(ctx.path) || !['GET', 'HEAD'].includes(ctx.method)) return next();
      try {
        await files(ctx, next);
        if (ctx.body === undefined && ctx.status === 404 && prefix === '/admin' && ctx.accepts('html')) {
          ctx.path = '/';
          await files(ctx, next);
        }
      } finally {
        // Set last: a miss runs the next app too (the H5 app's, for an admin deep link), which sets its own.
        await csp()(ctx, async () => undefined);
      }
    };
    middleware.push(prefix === '/' ? handler : (mount(prefix, handler) as Middleware<AppState>));
  }
  return middleware;
}
