import type { RunningSimulator } from './startSimulator';

export type CaptchaHook = (captchaId: string, answer: string) => Promise<void> | void;

/**
 * Development and tests: where a freshly issued captcha's answer goes so tests (and a developer) can read it at
 * GET /sim/captchas/:id: into the in-process simulator, or posted to a standalone one before the captcha is handed
 * out, so a test asking right away finds it.
 */
export function captchaHookFor(
  simulator: RunningSimulator | null,
  simulatorUrl: string | undefined,
): CaptchaHook | undefined {
  if (simulator) {
    return (captchaId, answer) => {
      simulator.state.captchaAnswers.set(captchaId, answer);
    };
  }
  if (!simulatorUrl) return undefined;
  return async (captchaId, answer) => {
    const response = await fetch(new URL('/sim/captchas', simulatorUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ captchaId, answer }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`simulator /sim/captchas answered ${response.status}`);
  };
}
