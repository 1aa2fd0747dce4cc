import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '@kaowei/server/src/config';
import { createSequelize } from '@kaowei/server/src/db/database';
import { IdCardVault } from '@kaowei/server/src/lib/idCardVault';
import { completeFirstLogin } from '@kaowei/server/test/support/accountFlows';
import { ApiClient } from '@kaowei/server/test/support/apiClient';
import type { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import { expect } from 'vitest';

/**
 * A demo candidate's first login (phone bound by SMS), then a course booked and paid by QR code, against a server
 * started with `dataDir` (its development secrets) on the demo data in `database`. Returns the phone and order.
 */
export async function firstBooking(
  base: string,
  simulator: SimulatorClient,
  dataDir: string,
  database: DatabaseConfig,
): Promise<{ phone: string; outTradeNo: string }> {
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
  const vault = new IdCardVault({
    idEncryptionKey: Buffer.from(secrets.idEncryptionKey!, 'hex'),
    idHashKey: Buffer.from(secrets.idHashKey!, 'utf8'),
  });
  const sequelize = createSequelize({ ...database, pool: database.pool && { ...database.pool, min: 0 } });
  const [[row]] = (await sequelize.query(
    'SELECT t.ticket_no, c.id_card_cipher FROM tickets t JOIN candidates c ON c.id = t.candidate_id ORDER BY t.id LIMIT 1',
  )) as [Array<{ ticket_no: string; id_card_cipher: string }>, unknown];
  // The demo pays 09:00–22:00 Beijing time; this test runs at any hour.
  await sequelize.query("UPDATE exam_periods SET pay_daily_start = '00:00', pay_daily_end = '24:00'");
  await sequelize.close();
  const api = new ApiClient(base);
  const idCardNo = vault.decrypt(row!.id_card_cipher);
  const ready = await completeFirstLogin(api, simulator, { ticketNo: row!.ticket_no, idCardNo });
  expect(ready.nextStep).toBeNull();
  api.token = ready.accessToken;

  const period = (await api.get<{ periodId: number }>('/api/catalog/current-period')).body;
  const { cities } = (
    await api.get<{ cities: Array<{ counties: Array<{ countyId: number }> }> }>('/api/catalog/cities')
  ).body;
  const { units } = (
    await api.get<{ units: Array<{ courses: Array<{ code: string }> }> }>(
      `/api/catalog/periods/${period.periodId}/courses`,
    )
  ).body;
  const body = {
    periodId: period.periodId,
    countyId: cities[0]!.counties[0]!.countyId,
    courseCodes: [units[0]!.courses[0]!.code],
  };
  expect((await api.post('/api/booking/notice-acknowledgements', { periodId: period.periodId })).status).toBe(200);
  const sent = await api.post('/api/booking/hold-code', body);
  expect(sent.status, sent.text).toBe(200);
  const held = await api.post('/api/booking/holds', { ...body, smsCode: await simulator.latestSmsCode(ready.phone) });
  expect(held.status, held.text).toBe(200);
  const order = await api.post<{ outTradeNo: string }>('/api/booking/confirm', { periodId: period.periodId });
  expect(order.status, order.text).toBe(200);
  const { outTradeNo } = order.body;
  const payment = await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo });
  expect(payment.status, payment.text).toBe(200);
  await simulator.scan(outTradeNo);
  await expect
    .poll(async () => (await api.get<{ state: string }>(`/api/payments/${outTradeNo}`)).body.state, { timeout: 10_000 })
    .toBe('paid');
  return { phone: ready.phone, outTradeNo };
}
