import { ageSmsCodes } from '@kaowei/server/test/support/accountFlows';
import { readyCandidate as readyApiCandidate } from '@kaowei/server/test/support/bookingFlows';
import { insertBookingCatalog, type BookingCatalog } from '@kaowei/server/test/support/bookingCatalog';
import type { TestServer } from '@kaowei/server/test/support/testApp';
import type { BrowserContext } from 'playwright-core';

interface PageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ReadyCandidate {
  candidateId: number;
  ticketNo: string;
  idCardNo: string;
  phone: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * A migrated candidate who has already bound a phone and changed the password, signed in through the API —
 * so booking tests do not depend on the login pages. `majorId` puts the ticket in that major.
 */
export async function readyCandidate(server: TestServer, options: { majorId?: number } = {}): Promise<ReadyCandidate> {
  const { candidate, phone, session } = await readyApiCandidate(server);
  if (options.majorId) {
    await server.db.models.Ticket.update({ majorId: options.majorId }, { where: { id: candidate.ticketId } });
  }
  // The phone-binding SMS was just sent: let the resend wait pass so the page may send the next code at once.
  await ageSmsCodes(server.db, phone, 120);
  return {
    candidateId: candidate.candidateId,
    ticketNo: candidate.ticketNo,
    idCardNo: candidate.idCardNo,
    phone,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

/**
 * Stores `value` under `key` before any page script runs, the way Taro H5's setStorageSync keeps it: JSON
 * `{"data": value}` in localStorage (see @tarojs/taro-h5 api/storage). Written only when absent, so what the app
 * stores itself (refreshed tokens) survives a reload.
 */
export async function seedTaroStorage(context: BrowserContext, key: string, value: unknown): Promise<void> {
  await context.addInitScript(
    ({ key, stored }) => {
      // Runs in the page (the root tsconfig has no DOM types).
      const { localStorage } = globalThis as unknown as { localStorage: PageStorage };
      if (!localStorage.getItem(key)) localStorage.setItem(key, stored);
    },
    { key, stored: JSON.stringify({ data: value }) },
  );
}

/** Signs the H5 app in before any page script runs: the app's session lives under `kaowei.session`. */
export async function signInH5(
  context: BrowserContext,
  { accessToken, refreshToken }: { accessToken: string; refreshToken: string },
): Promise<void> {
  await seedTaroStorage(context, 'kaowei.session', { accessToken, refreshToken });
}

/**
 * A booking catalog whose period is the one candidates see now. Other test files share the database; the current
 * period is the open one that opened last, so ours opens now.
 */
export async function insertCurrentCatalog(
  server: TestServer,
  options: Parameters<typeof insertBookingCatalog>[1],
): Promise<BookingCatalog> {
  const catalog = await insertBookingCatalog(server.db, options);
  await server.db.models.ExamPeriod.update(
    { bookingOpensAt: new Date(Date.now() - 1000) },
    { where: { id: catalog.periodId } },
  );
  server.db.catalog.invalidate();
  return catalog;
}
