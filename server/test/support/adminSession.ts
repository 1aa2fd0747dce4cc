import type { OfficialRole } from '@kaowei/shared';
import { authenticator } from 'otplib';
import { expect } from 'vitest';
import { ApiClient } from './apiClient';
import { insertCatalog, insertOfficial, OFFICIAL_PASSWORD } from './fixtures';
import type { TestServer } from './testApp';

export interface OfficialClient {
  api: ApiClient;
  id: number;
  username: string;
}

/** A new official of the given scope, signed in to the admin API. */
export async function signedInOfficial(
  server: TestServer,
  role: OfficialRole,
  scope: { cityId?: number; countyId?: number } = {},
): Promise<OfficialClient> {
  const official = await insertOfficial(server.db, role, scope);
  const api = new ApiClient(server.baseUrl);
  const response = await api.post<{ accessToken: string }>('/api/admin/login', {
    username: official.username,
    password: OFFICIAL_PASSWORD,
  });
  expect(response.status, response.text).toBe(200);
  api.token = response.body.accessToken;
  return { api, ...official };
}

/** A valid period body: booking opens in `startsInDays` days for two weeks, payment alongside. */
export function periodInput(code: string, startsInDays = 10) {
  const day = 86_400_000;
  const start = Date.now() + startsInDays * day;
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return {
    code,
    name: `测试考次${code}`,
    bookingOpensAt: iso(start),
    bookingClosesAt: iso(start + 14 * day),
    paymentOpensAt: iso(start),
    paymentClosesAt: iso(start + 15 * day),
    payDailyStart: '09:00',
    payDailyEnd: '22:00',
    dailyReleaseTime: '23:30',
    refundAllowed: true,
    refundDeadline: iso(start + 14 * day),
    printOpensAt: iso(start + 20 * day),
    printClosesAt: iso(start + 30 * day),
    feePerCourseFen: 3500,
    maxCourses: 4,
    bookingNotice: '请仔细阅读报考须知。',
  };
}

/** A six-digit code the authenticator app would not show now (nor one 30-second step either side). */
export function wrongCode(secret: string): string {
  const valid = [-30, 0, 30].map((s) => authenticator.clone({ epoch: Date.now() + s * 1000 }).generate(secret));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.includes(code)) return code;
  }
}

/** Two counties (a catalog each) with a county official signed in to each: the scope tests' setting. */
export async function twoCountyOffices(server: TestServer) {
  const own = await insertCatalog(server.db, { capacity: 10 });
  const other = await insertCatalog(server.db, { capacity: 10 });
  return {
    own,
    other,
    ownCounty: await signedInOfficial(server, 'county', { countyId: own.countyId }),
    otherCounty: await signedInOfficial(server, 'county', { countyId: other.countyId }),
  };
}
export type CountyOffices = Awaited<ReturnType<typeof twoCountyOffices>>;
