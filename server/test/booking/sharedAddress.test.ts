import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { ageSmsCodes, recordSmsSentFrom, solvedCaptcha } from '../support/accountFlows';
import { insertBookingCatalog } from '../support/bookingCatalog';
import { readyCandidate } from '../support/bookingFlows';
import { freshIdCardNo } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

/**
 * Opening morning at a school or county office: hundreds of candidates behind one address. With the
 * default limits the image captcha, not a hard cap, stands between them and their 保存考位 codes.
 */
describe('holding seats from an address many candidates share', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it('asks for the image captcha once the address has sent many codes, and sends with it', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5 });
    const ready = await readyCandidate(server);
    const { api, phone } = ready;
    await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    // Classmates on the same network: 300 codes in the last hour, 700 more earlier today.
    await recordSmsSentFrom(server.db, api.ip, 300, 600);
    await recordSmsSentFrom(server.db, api.ip, 700, 5 * 3600);
    await ageSmsCodes(server.db, phone, 61);
    const body = {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [catalog.units[0]!.codes[0]],
    };
    const inboxBefore = (await server.simulator.inbox(phone)).length;

    const bare = await api.post('/api/booking/hold-code', body);
    expect(bare.body).toMatchObject({ code: 'CAPTCHA_REQUIRED', message: '请输入图片验证码' });
    const wrong = await api.post('/api/booking/hold-code', {
      ...body,
      captchaId: (await solvedCaptcha(api, server.simulator)).captchaId,
      captchaAnswer: 'zzzz',
    });
    expect(wrong.body).toMatchObject({ code: 'CAPTCHA_INVALID' });
    expect(await server.simulator.inbox(phone)).toHaveLength(inboxBefore);

    const sent = await api.post('/api/booking/hold-code', { ...body, ...(await solvedCaptcha(api, server.simulator)) });
    expect(sent.status, sent.text).toBe(200);
    const held = await api.post<{ items: Array<{ result: string }> }>('/api/booking/holds', {
      ...body,
      smsCode: await server.simulator.latestSmsCode(phone),
    });
    expect(held.body.items).toEqual([expect.objectContaining({ result: 'held' })]);

    // Replacing the course sends the same code, behind the same captcha.
    const mine = await api.get<{ periods: Array<{ items: Array<{ itemId: number }> }> }>('/api/booking/mine');
    const itemId = mine.body.periods[0]!.items[0]!.itemId;
    const courseCode = catalog.units[0]!.codes[1];
    await ageSmsCodes(server.db, phone, 61);
    expect((await api.post(`/api/booking/items/${itemId}/replace-code`, { courseCode })).body).toMatchObject({
      code: 'CAPTCHA_REQUIRED',
    });
    const replaceCode = await api.post(`/api/booking/items/${itemId}/replace-code`, {
      courseCode,
      ...(await solvedCaptcha(api, server.simulator)),
    });
    expect(replaceCode.status, replaceCode.text).toBe(200);
  });

  it('still sends the hold code to a phone a stranger named in forgotten-password and registration forms', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5 });
    const { api, phone } = await readyCandidate(server);
    await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
    await ageSmsCodes(server.db, phone, 61);
    // Someone else, who knows the phone number, asks for codes to it: those count for their own forms only.
    const stranger = new ApiClient(server.baseUrl);
    const reset = await stranger.post('/api/accounts/password/reset/sms-code', {
      idCardNo: freshIdCardNo(),
      phone,
      ...(await solvedCaptcha(stranger, server.simulator)),
    });
    expect(reset.status, reset.text).toBe(200);
    expect((await stranger.post('/api/registrations/sms-code', { phone })).status).toBe(200);
    const sent = await api.post('/api/booking/hold-code', {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [catalog.units[0]!.codes[0]],
    });
    expect(sent.status, sent.text).toBe(200);
  });
});
