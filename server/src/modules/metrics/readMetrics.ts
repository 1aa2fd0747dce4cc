import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config';
import { AppError } from '../../http/errors';
import { renderMetrics } from '../../metrics/registry';

export interface MetricsAccess {
  env: AppConfig['env'];
  token?: string;
}

/** Who asks for /metrics: the Authorization header, and how the connection reached the server. */
export interface Scrape {
  authorization?: string;
  /** The socket's peer, not X-Forwarded-For: a proxy on this machine would make everyone loopback. */
  remoteAddress?: string;
  /** The request came through a proxy (X-Forwarded-For, Forwarded or X-Real-IP). */
  forwarded: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics: with METRICS_TOKEN set, only `Authorization: Bearer <token>` (else 401), everywhere.
 * Without it, production hides the endpoint (404); development and test serve it only to a scraper on
 * this machine talking to the server directly (loopback, no X-Forwarded-For), else 403.
 */
export async function readMetrics(
  access: MetricsAccess,
  scrape: Scrape,
): Promise<{ contentType: string; body: string }> {
  if (access.token) {
    const given = /^Bearer (.+)$/.exec(scrape.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(access.token))) throw new AppError('UNAUTHENTICATED');
  } else if (access.env === 'production') {
    throw new AppError('ROUTE_NOT_FOUND');
  } else if (scrape.forwarded || !LOOPBACK.test(scrape.remoteAddress ?? '')) {
    throw new AppError('FORBIDDEN');
  }
  return renderMetrics();
}
