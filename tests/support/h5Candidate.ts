import { ageSmsCodes, completeFirstLogin } from '@kaowei/server/test/support/accountFlows';
import { ApiClient } from '@kaowei/server/test/support/apiClient';
import { insertCandidateWithTicket } from '@kaowei/server/test/support/fixtures';
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
  const candidate = await insertCandidateWithTicket(server.db, 'h5-booking');
  if (options.majorId) {
    await server.db.models.Ticket.update({ majorId: options.majorId }, { where: { id: candidate.ticketId } });
  }
  const session = await completeFirstLogin(new ApiClient(server.baseUrl), server.simulator, candidate);
  // The phone-binding SMS was just sent: let the resend wait pass so the page may send the next code at once.
  await ageSmsCodes(server.db, session.phone, 120);
  return {
    candidateId: candidate.candidateId,
    ticketNo: candidate.ticketNo,
    idCardNo: candidate.idCardNo,
    phone: session.phone,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

/**
 * Signs the H5 app in before any page script runs: Taro H5's setStorageSync keeps each key in localStorage as
 * JSON `{"data": value}` (see @tarojs/taro-h5 api/storage), and the app's session lives under `kaowei.session`.
 * Written only when absent, so tokens the app refreshes itself survive a reload.
 */
export async function signInH5(context: BrowserContext, candidate: ReadyCandidate): Promise<void> {
  const value = JSON.stringify({
    data: { accessToken: candidate.accessToken, refreshToken: candidate.refreshToken },
  });
  await context.addInitScript((stored) => {
    // Runs in the page (the root tsconfig has no DOM types).
    const { localStorage } = globalThis as unknown as { localStorage: PageStorage };
    if (!localStorage.getItem('kaowei.session')) localStorage.setItem('kaowei.session', stored);
  }, value);
}
