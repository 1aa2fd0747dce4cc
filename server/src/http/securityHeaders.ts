import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import type { AppState } from './types';

const when =
  (test: (path: string, secure: boolean) => boolean, middleware: Middleware<AppState>): Middleware<AppState> =>
  (ctx, next) =>
    test(ctx.path, ctx.secure) ? middleware(ctx, next) : next();

/**
 * Headers on every answer (helmet): no MIME sniffing, never framed, no Referer, cross-origin isolation; HSTS when the
 * request came over HTTPS (directly or, behind the trusted proxy, per X-Forwarded-Proto). API answers carry tokens
 * and personal data: `Cache-Control: no-store` unless a handler says otherwise, and a CSP allowing nothing, since
 * JSON is never a page. The web apps set their own CSP (`webAppCsp`).
 */
export function securityHeaders(isApi: (path: string) => boolean): Middleware<AppState>[] {
  return [
    helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, xFrameOptions: { action: 'deny' } }),
    when(
      (_path, secure) => secure,
      helmet.strictTransportSecurity({ maxAge: 180 * 24 * 3600, includeSubDomains: false }),
    ),
    when(
      isApi,
      helmet.contentSecurityPolicy({
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      }),
    ),
    when(isApi, (ctx, next) => {
      ctx.set('Cache-Control', 'no-store');
      return next();
    }),
  ];
}

/** `'sha256-…'` sources for the inline scripts of a built index.html (Taro's H5 sizes its root font inline). */
function inlineScriptHashes(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`,
  );
}

/** Taro's H5 tab bar items are `<a href="javascript:;">` with a click handler: that no-op URL, and nothing else. */
const NO_OP_LINK = `'sha256-${createHash('sha256').update('javascript:;').digest('base64')}'`;

/**
 * The CSP of a built web app: its own scripts (and the index's inline ones by hash), API calls to its own origin
 * and blob: reads (Taro reads a chosen photo through its blob: URL before uploading it), inline styles (React style
 * attributes, Taro's components), data: and blob: images (captchas, QR codes, photo previews), never framed, no
 * plugins.
 */
export function webAppCsp(indexHtml: string): Middleware<AppState> {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      scriptSrc: ["'self'", ...inlineScriptHashes(indexHtml), "'unsafe-hashes'", NO_OP_LINK],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'blob:'],
    },
  });
}
