import { expect } from 'vitest';
import type { Db } from '../../src/db/models';
import type { ApiClient } from './apiClient';
import { randomPhone } from './apiClient';
import type { SimulatorClient } from './simulatorClient';

export interface Session {
  accessToken: string;
  refreshToken: string;
  nextStep: string | null;
  candidate: Record<string, unknown>;
}

/** Fetches an image captcha and reads its answer the way a tester would: from the simulator. */
export async function solvedCaptcha(api: ApiClient, sim: SimulatorClient) {
  const issued = await api.get<{ captchaId: string; image: string }>('/api/captcha');
  expect(issued.body.image).toMatch(/^data:image\/svg\+xml;base64,/);
  return { captchaId: issued.body.captchaId, captchaAnswer: await sim.captchaAnswer(issued.body.captchaId) };
}

export async function login(api: ApiClient, account: string, password: string): Promise<Session> {
  const response = await api.post<Session>('/api/accounts/login', { account, password });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/** Bind phone by SMS, change the initial password, log in again: a migrated candidate made ready to book. */
export async function completeFirstLogin(
  api: ApiClient,
  sim: SimulatorClient,
  candidate: { ticketNo: string; idCardNo: string },
  newPassword = 'Kaowei2027ok',
): Promise<Session & { phone: string; password: string }> {
  const first = await login(api, candidate.ticketNo, candidate.idCardNo.slice(-6));
  const phone = randomPhone();
  expect((await api.post('/api/accounts/phone/sms-code', { phone }, first.accessToken)).status).toBe(200);
  const smsCode = await sim.latestSmsCode(phone);
  expect((await api.post('/api/accounts/phone', { phone, smsCode }, first.accessToken)).status).toBe(200);
  const changed = await api.post(
    '/api/accounts/password',
    { oldPassword: candidate.idCardNo.slice(-6), newPassword },
    first.accessToken,
  );
  expect(changed.status, changed.text).toBe(200);
  const session = await login(api, candidate.ticketNo, newPassword);
  expect(session.nextStep).toBeNull();
  return { ...session, phone, password: newPassword };
}

/** Moves a phone's sent codes back in time, as if `seconds` had passed (the 60 s resend wait, expiry). */
export async function ageSmsCodes(db: Db, phone: string, seconds: number): Promise<void> {
  await db.sequelize.query('UPDATE sms_codes SET created_at = ?, expires_at = ? WHERE phone = ?', {
    replacements: [new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000 + 300_000), phone],
  });
}
