import type { Logger } from '../../logger';
import { timedJob } from '../../metrics/jobs';
import type { CaptchaService } from './captcha';

/**
 * Deletes expired captchas every `intervalMs` (answered ones are deleted by their check). Every
 * instance runs it; the deletes are idempotent, so instances need not agree on who does it.
 */
export function startCaptchaSweeper(captchas: CaptchaService, logger: Logger, intervalMs = 60_000): () => void {
  const tick = () =>
    timedJob('captcha_sweep', () => captchas.sweepExpired())
      .then((deleted) => {
        if (deleted > 0) logger.debug({ deleted }, 'expired captchas deleted');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'captcha sweep failed'));
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
