import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageSmsCodes } from '../support/accountFlows';
import { insertBookingCatalog, takenOf } from '../support/bookingCatalog';
import { readyCandidate } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

/**
 * 保存考位 verifies only the token before its transaction and checks the account inside it: a token the
 * account no longer accepts, or an account that has not finished its first login, holds nothing and
 * leaves the SMS code usable.
 */
describe('who may hold seats', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  async function readyToHold() {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, counties: 1 });
    const ready = await readyCandidate(server);
    const body = {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [catalog.units[0]!.codes[0]!],
    };
    await ready.api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    await ageSmsCodes(server.db, ready.phone, 61);
    expect((await ready.api.post('/api/booking/hold-code', body)).status).toBe(200);
    const hold = { ...body, smsCode: await server.simulator.latestSmsCode(ready.phone) };
    const taken = () => takenOf(server.db, catalog.periodId, body.countyId, catalog.units[0]!.unitId);
    return { ...ready, hold, taken };
  }

  it('refuses a token of an older version, and the code still holds with the current one', async () => {
    const { api, candidate, hold, taken } = await readyToHold();
    const oldToken = api.token;
    await server.db.models.Candidate.increment('tokenVersion', { where: { id: candidate.candidateId } });
    const refused = await api.post('/api/booking/holds', hold);
    expect([refused.status, refused.body.code]).toEqual([401, 'TOKEN_EXPIRED']);
    expect(await taken()).toBe(0);

    await server.db.models.Candidate.decrement('tokenVersion', { where: { id: candidate.candidateId } });
    api.token = oldToken;
    const held = await api.post<{ items: Array<{ result: string }> }>('/api/booking/holds', hold);
    expect(held.status, held.text).toBe(200);
    expect(held.body.items.map((i) => i.result)).toEqual(['held']);
    expect(await taken()).toBe(1);
  });

  it('sends a candidate without a bound phone to bind one first', async () => {
    const { api, candidate, hold, taken } = await readyToHold();
    await server.db.models.Candidate.update(
      { phone: null, phoneBoundAt: null },
      { where: { id: candidate.candidateId } },
    );
    const refused = await api.post('/api/booking/holds', hold);
    expect(refused.body.code).toBe('PHONE_BIND_REQUIRED');
    expect(await taken()).toBe(0);
  });
});
