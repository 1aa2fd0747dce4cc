import type { ApiContext } from './apiRouter';

/** Answers with a file's bytes: its own type, never cached, always as a download (never shown inline). */
export function sendFile(ctx: ApiContext, file: { bytes: Buffer; mime: string; disposition: string }): Buffer {
  ctx.type = file.mime;
  ctx.set('Content-Disposition', file.disposition);
  ctx.set('Cache-Control', 'private, no-store');
  return file.bytes;
}
