import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import rawHelmet from 'helmet';
import type { AppState } from './types';

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a helmet middleware sets, recorded once (helmet's header values depend only on its options). Its
 * removal of X-Powered-By is left out: Koa sets none.
 */
function headersOf(middleware: NodeMiddleware): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    removeHeader: () => undefined,
  };
  let done = false;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('a helmet middleware did not finish synchronously');
  return headers;
}

/**
 * Of helmet's headers, those a JSON answer needs (OWASP's REST Security cheat sheet): the others —
 * Cross-Origin-Opener-Policy, Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, X-XSS-Protection — only mean something on a document, and each header
 * costs every API answer twice (validated when set, written out when sent), which showed on publish morning.
 */
const FOR_JSON = [
  'X-Content-Type-Options',
  'X-Frame-Options',
  'Referrer-Policy',
  'Cross-Origin-Resource-Policy',
] as const;

const pick = (headers: Record<string, string>, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, headers[name]!]));

/**
 * Headers on every answer (helmet): no MIME sniffing, never framed, no Referer, not readable by other origins'
 * pages; HSTS when the request came over HTTPS (directly or, behind the trusted proxy, per X-Forwarded-Proto). Pages
 * (the web apps, their files) also get helmet's document headers (cross-origin isolation and the rest). API answers
 * carry tokens and personal data: `Cache-Control: no-store` unless a handler says otherwise, and a CSP allowing
 * nothing, since JSON is never a page. The web apps set their own CSP (`webAppCsp`).
 *
 * Helmet's headers are worked out once at start and set in one call per request: through koa-helmet they
 * were a chain of a dozen small middlewares and four promises on every request, which showed on publish
 * morning.
 */
export function securityHeaders(isApi: (path: string) => boolean): Middleware<AppState>[] {
  const every = headersOf(
    rawHelmet({ contentSecurityPolicy: false, strictTransportSecurity: false, xFrameOptions: { action: 'deny' } }),
  );
  const apiOnly = headersOf(
    rawHelmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  );
  const hsts = new Map(
    Object.entries(headersOf(rawHelmet.strictTransportSecurity({ maxAge: 180 * 24 * 3600, includeSubDomains: false }))),
  );
  const forApi = new Map(Object.entries({ ...pick(every, FOR_JSON), ...apiOnly, 'Cache-Control': 'no-store' }));
  const forOthers = new Map(Object.entries(every));
  return [
    (ctx, next) => {
      ctx.res.setHeaders(isApi(ctx.path) ? forApi : forOthers);
      if (ctx.secure) ctx.res.setHeaders(hsts);
      return next();
    },
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
