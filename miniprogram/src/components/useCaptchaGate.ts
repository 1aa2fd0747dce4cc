import { useCallback, useState } from 'react';
import { ApiError } from '../services/request';
import type { CaptchaValue } from './CaptchaField';
import { FormProblem } from './formErrors';

const CAPTCHA_CODES = new Set(['CAPTCHA_REQUIRED', 'CAPTCHA_INVALID']);

/** Whether the server's refusal means "show (or renew) the image captcha". */
export function wantsCaptcha(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (CAPTCHA_CODES.has(error.code)) return true;
  return Boolean((error.details as { captchaRequired?: boolean } | undefined)?.captchaRequired);
}

/**
 * The captcha that appears only once the server asks for it (after failed logins, or many SMS from one network).
 * `afterAttempt` renews the image after each try, since one image allows one guess; a form check that failed
 * before any request (FormProblem) used no guess, so the image stays. `initiallyNeeded`: a captcha on every try.
 */
export function useCaptchaGate(initiallyNeeded = false) {
  const [needed, setNeeded] = useState(initiallyNeeded);
  const [value, setValue] = useState<CaptchaValue>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const afterAttempt = useCallback(
    (error?: unknown) => {
      if (error instanceof FormProblem) return;
      if (wantsCaptcha(error)) setNeeded(true);
      if (needed) setRefreshKey((k) => k + 1);
    },
    [needed],
  );
  return { needed, value, setValue, refreshKey, afterAttempt, body: needed ? value : {} };
}
