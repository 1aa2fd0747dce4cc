import { expect } from 'vitest';
import type { Db } from '../../src/db/models';
import { ApiClient, randomPhone } from './apiClient';
import { freshIdCardNo, insertCandidateWithTicket } from './fixtures';
import { makePng } from './images';
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

/** Records `count` codes sent from one address `secondsAgo` to other phones, as its other users would have asked. */
export async function recordSmsSentFrom(db: Db, ip: string, count: number, secondsAgo: number): Promise<void> {
  const at = new Date(Date.now() - secondsAgo * 1000);
  const rows = Array.from({ length: count }, () => [randomPhone(), 'hold_seats', 'x'.repeat(64), ip, 0, at, at]);
  await db.sequelize.query(
    `INSERT INTO sms_codes (phone, purpose, code_hash, ip, attempts, expires_at, created_at) VALUES ${rows
      .map(() => '(?, ?, ?, ?, ?, ?, ?)')
      .join(', ')}`,
    { replacements: rows.flat() },
  );
}

/** A migrated candidate, logged in with the initial password (first-login steps still to do). */
export async function signedInMigrated(server: { baseUrl: string; db: Db }) {
  const api = new ApiClient(server.baseUrl);
  const candidate = await insertCandidateWithTicket(server.db, 'signed-in');
  api.token = (await login(api, candidate.ticketNo, candidate.idCardNo.slice(-6))).accessToken;
  return { api, candidate };
}

/**
 * Uploads an ID photo as the registration form does (multipart field `photo`), with an image captcha
 * (solvedCaptcha), or with none when the client holds a registration token.
 */
export function uploadPhoto(
  api: ApiClient,
  bytes: Buffer,
  captcha: { captchaId?: string; captchaAnswer?: string } = {},
  name = 'photo.png',
) {
  const form = new FormData();
  for (const [field, value] of Object.entries(captcha)) if (value !== undefined) form.append(field, value);
  form.append('photo', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  return api.request<{ photoId: string; code?: string; message?: string }>('POST', '/api/registrations/photos', form);
}

/** Uploads an ID-card image as the registration form does (multipart field `file`). */
export function uploadIdCardImage(
  api: ApiClient,
  bytes: Buffer,
  captcha: { captchaId?: string; captchaAnswer?: string } = {},
  name = 'id-card.png',
) {
  const form = new FormData();
  for (const [field, value] of Object.entries(captcha)) if (value !== undefined) form.append(field, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  return api.request<{ idCardImageId: string; code?: string; message?: string }>(
    'POST',
    '/api/registrations/id-card-images',
    form,
  );
}

/** What every registration form carries besides the person: 须知 accepted, 民族, 文化程度, an ID-card image. */
export async function registrationExtras(api: ApiClient, sim: SimulatorClient) {
  const image = await uploadIdCardImage(api, makePng(640, 400), await solvedCaptcha(api, sim));
  return {
    ethnicity: '汉族',
    education: 'senior_high',
    termsAccepted: true,
    idCardImageId: image.body.idCardImageId,
  };
}

/**
 * 新生注册 as the form does it: a code to the phone, then the form (须知 accepted) with an uploaded photo
 * and ID-card image. Any field can be overridden (a wrong smsCode, a taken idCardNo or phone).
 */
export async function submitRegistration<T = Record<string, unknown>>(
  api: ApiClient,
  sim: SimulatorClient,
  form: { majorCode: string; countyCode: string; photoId: string; phone?: string } & Record<string, unknown>,
) {
  const phone = form.phone ?? randomPhone();
  const extras = form.idCardImageId ? {} : await registrationExtras(api, sim);
  await api.post('/api/registrations/sms-code', { phone });
  return api.post<T>('/api/registrations', {
    idCardNo: freshIdCardNo(),
    name: '李小明',
    phone,
    smsCode: await sim.latestSmsCode(phone),
    password: 'Register2027',
    ethnicity: '汉族',
    education: 'senior_high',
    termsAccepted: true,
    ...extras,
    ...form,
  });
}
