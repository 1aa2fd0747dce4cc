import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/testApp';

const INLINE = 'document.documentElement.style.fontSize="20px"';

/** A built web app: an index.html with one inline script, as Taro's H5 build writes it. */
function builtApp(withInlineScript: boolean): string {
  const dir = path.join(os.tmpdir(), `kaowei-app-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const inline = withInlineScript ? `<script>${INLINE}</script>` : '';
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head>${inline}</head><body></body></html>`);
  return dir;
}

const directives = (csp: string | null) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: 'true',
      H5_DIST_DIR: builtApp(true),
      ADMIN_DIST_DIR: builtApp(false),
    });
  });
  afterAll(() => server.close());

  it('marks every answer: no sniffing, no framing, no referrer; API answers are never stored nor rendered', async () => {
    for (const [url, init] of [
      ['/api/health', {}],
      ['/api/no-such-thing', {}],
      ['/api/accounts/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }],
    ] as const) {
      const response = await fetch(`${server.baseUrl}${url}`, init);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(response.headers.get('cache-control'), url).toBe('no-store');
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src'), url).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(response.headers.get('strict-transport-security'), url).toBeNull();
      expect(response.headers.get('cross-origin-resource-policy'), url).toBe('same-origin');
      // A document's headers mean nothing on JSON (OWASP's REST set): pages get them, API answers do not.
      expect(response.headers.get('cross-origin-opener-policy'), url).toBeNull();
      expect(response.headers.get('x-dns-prefetch-control'), url).toBeNull();
    }
  });

  it('sends HSTS only to requests that came over HTTPS (the trusted proxy says so)', async () => {
    const response = await fetch(`${server.baseUrl}/api/health`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=15552000');
  });

  it("gives each web app a CSP allowing its own scripts, its index's inline script by hash, and data: images", async () => {
    const h5 = await fetch(`${server.baseUrl}/`);
    expect(await h5.text()).toContain(INLINE);
    const csp = directives(h5.headers.get('content-security-policy'));
    const hash = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`;
    expect(csp.get('script-src')).toEqual(["'self'", hash, "'unsafe-hashes'", expect.stringMatching(/^'sha256-/)]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(h5.headers.get('x-content-type-options')).toBe('nosniff');
    expect(h5.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h5.headers.get('x-dns-prefetch-control')).toBe('off');

    const admin = await fetch(`${server.baseUrl}/admin/periods`);
    expect(admin.status).toBe(200);
    expect(directives(admin.headers.get('content-security-policy')).get('script-src')).not.toContain(hash);
  });
});
