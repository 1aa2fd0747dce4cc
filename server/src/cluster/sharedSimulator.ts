import cluster from 'node:cluster';
import type { SimulatorOptions } from '../simulator/simulatorApp';
import type { RunningSimulator } from '../simulator/startSimulator';

/** The environment variable that carries the primary's simulator to its workers. */
const VARIABLE = 'KAOWEI_CLUSTER_SIMULATOR';

interface CaptchaIssued {
  type: 'kaowei:captcha';
  id: string;
  answer: string;
}

/**
 * Development in cluster mode: one simulator runs in the primary; the workers get its made-up keys in
 * their environment (they stay in this machine's processes) and report the captchas they issue, which
 * the simulator's /sim hook reveals for the H5 test build.
 */
export function simulatorEnvForWorkers(running: RunningSimulator, options: SimulatorOptions): Record<string, string> {
  cluster.on('message', (_worker, message: CaptchaIssued) => {
    if (message?.type === 'kaowei:captcha') running.state.captchaAnswers.set(message.id, message.answer);
  });
  return { [VARIABLE]: JSON.stringify({ options, host: running.host }) };
}

/** In a worker: the primary's simulator, or null when the servers talk to real (or standalone) services. */
export function simulatorFromPrimary(): {
  simulator: { options: SimulatorOptions; host: string };
  onCaptchaIssued: (id: string, answer: string) => void;
} | null {
  const given = process.env[VARIABLE];
  if (!cluster.isWorker || !given) return null;
  return {
    simulator: JSON.parse(given) as { options: SimulatorOptions; host: string },
    onCaptchaIssued: (id, answer) => process.send?.({ type: 'kaowei:captcha', id, answer } satisfies CaptchaIssued),
  };
}
