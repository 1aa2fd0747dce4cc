import { createCipheriv, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { CERTIFICATE_REFRESH_INTERVAL_MS, WechatPayClient } from '../../src/modules/payment/wechatPayClient';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm, payByScan, waitForOrder } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

interface Forgery {
  signingKey?: string;
  apiV3Key?: string;
  timestamp?: number;
  tamper?: (body: string) => string;
  /** A refund result instead of a payment. */
  eventType?: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS';
  /** Replaces (or, with undefined, removes) signature headers. */
  headers?: Record<string, string | undefined>;
}

/** Bad input on the notify URL: each is refused with 4xx and changes nothing. */
describe('forged and altered payment notifications', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 20 });
  });
  afterAll(() => server.close());

  function notification(resource: Record<string, unknown>, forgery: Forgery = {}) {
    const merchant = server.simulatorOptions.pay.merchant;
    const nonce = randomBytes(6).toString('hex');
    const cipher = createCipheriv(
      'aes-256-gcm',
      Buffer.from(forgery.apiV3Key ?? merchant.apiV3Key),
      Buffer.from(nonce),
    );
    const kind = forgery.eventType?.startsWith('REFUND.') ? 'refund' : 'transaction';
    cipher.setAAD(Buffer.from(kind));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(resource)),
      cipher.final(),
      cipher.getAuthTag(),
    ]).toString('base64');
    let body = JSON.stringify({
      id: randomBytes(8).toString('hex'),
      create_time: new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: forgery.eventType ?? 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: kind,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext,
        associated_data: kind,
        nonce,
      },
    });
    const timestamp = String(forgery.timestamp ?? Math.floor(Date.now() / 1000));
    const headerNonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256')
      .update(`${timestamp}\n${headerNonce}\n${body}\n`)
      .sign(forgery.signingKey ?? merchant.platformPrivateKey, 'base64');
    if (forgery.tamper) body = forgery.tamper(body);
    const headers = Object.entries({
      'Content-Type': 'application/json',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': headerNonce,
      'Wechatpay-Serial': merchant.platformKeyId,
      'Wechatpay-Signature': signature,
      ...forgery.headers,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return fetch(`${server.baseUrl}/api/payments/notify`, { method: 'POST', headers, body });
  }

  async function unpaidOrder() {
    const booked = await holdAndConfirm(server, catalog, 1);
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked.outTradeNo },
      rejectOnEmpty: true,
    });
    const merchant = server.simulatorOptions.pay.merchant;
    const resource = {
      appid: merchant.appId,
      mchid: merchant.mchid,
      out_trade_no: order.outTradeNo,
      transaction_id: `4200${Date.now()}`,
      trade_state: 'SUCCESS',
      success_time: new Date().toISOString(),
      payer: { openid: 'o-forged' },
      amount: { total: order.amountFen, payer_total: order.amountFen },
    };
    const unchanged = async () => {
      await order.reload();
      expect(order.state).toBe('created');
      expect(await server.db.models.BookingItem.count({ where: { paymentOrderId: order.id, state: 'paid' } })).toBe(0);
    };
    return { resource, unchanged };
  }

  it('accepts a genuine one (the forgery helper is right)', async () => {
    const { resource } = await unpaidOrder();
    expect((await notification(resource)).status).toBe(204);
  });

  it('refuses a body altered after signing', async () => {
    const { resource, unchanged } = await unpaidOrder();
    const response = await notification(resource, { tamper: (body) => body.replace('支付成功', '支付成功 ') });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'FAIL', message: 'bad signature' });
    await unchanged();
  });

  it('refuses a signature made with another key', async () => {
    const { resource, unchanged } = await unpaidOrder();
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect((await notification(resource, { signingKey: other.privateKey })).status).toBe(400);
    await unchanged();
  });

  it('refuses a resource encrypted with the wrong APIv3 key (the auth tag is checked)', async () => {
    const { resource, unchanged } = await unpaidOrder();
    const response = await notification(resource, { apiV3Key: randomBytes(16).toString('hex') });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'cannot decrypt' });
    await unchanged();
  });

  it('refuses a stale timestamp', async () => {
    const { resource, unchanged } = await unpaidOrder();
    expect((await notification(resource, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(400);
    await unchanged();
  });

  it('refuses an amount that differs from the order, another merchant, and an unknown order', async () => {
    const { resource, unchanged } = await unpaidOrder();
    expect((await notification({ ...resource, amount: { total: 1, payer_total: 1 } })).status).toBe(400);
    expect((await notification({ ...resource, mchid: '1230000109' })).status).toBe(400);
    expect((await notification({ ...resource, out_trade_no: 'KWNOSUCHORDER' })).status).toBe(400);
    await unchanged();
  });

  it('answers quickly and downloads the certificates at most once for notifications naming an unknown serial', async () => {
    const { resource, unchanged } = await unpaidOrder();
    const before = await server.simulator.certificateDownloads();
    const unsigned = { 'Wechatpay-Signature': randomBytes(256).toString('base64') };
    // Malformed requests never reach the certificate list.
    const malformed = [
      { ...unsigned, 'Wechatpay-Serial': 'not a serial' },
      { ...unsigned, 'Wechatpay-Serial': '5157F09EFDC096DE15EBE81A47057A72', 'Wechatpay-Nonce': undefined },
      { 'Wechatpay-Serial': '5157F09EFDC096DE15EBE81A47057A72', 'Wechatpay-Signature': 'no base64 here!' },
    ];
    for (const headers of malformed) {
      const response = await notification(resource, { headers });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'FAIL' });
    }
    expect((await notification(resource, { headers: unsigned, timestamp: 1 })).status).toBe(400);
    expect(await server.simulator.certificateDownloads()).toBe(before);
    // A well-formed flood of unknown serials costs one download, not one each.
    const flood = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        notification(resource, {
          headers: { ...unsigned, 'Wechatpay-Serial': `5157F09EFDC096DE15EBE81A470${String(10000 + i)}` },
        }),
      ),
    );
    expect(flood.map((r) => r.status)).toEqual(Array(20).fill(400));
    expect(await server.simulator.certificateDownloads()).toBe(before + 1);
    await unchanged();
  });

  it('refreshes the platform certificates for an unknown serial again only after five minutes', async () => {
    let clock = Date.now();
    const client = new WechatPayClient(
      {
        ...server.services.wechatPay.config,
        platformPublicKeys: { ...server.services.wechatPay.config.platformPublicKeys },
      },
      { now: () => clock },
    );
    const before = await server.simulator.certificateDownloads();
    expect(await client.platformKey('5157F09EFDC096DE15EBE81A47057A72')).toBeUndefined();
    expect(await client.platformKey('5157F09EFDC096DE15EBE81A47057A73')).toBeUndefined();
    expect(await server.simulator.certificateDownloads()).toBe(before + 1);
    clock += CERTIFICATE_REFRESH_INTERVAL_MS - 1000;
    await client.platformKey('5157F09EFDC096DE15EBE81A47057A74');
    expect(await server.simulator.certificateDownloads()).toBe(before + 1);
    clock += 1000;
    await client.platformKey('5157F09EFDC096DE15EBE81A47057A75');
    expect(await server.simulator.certificateDownloads()).toBe(before + 2);
  });

  it('refuses a refund result that is not about our refund: another merchant, another order, another amount', async () => {
    const booked = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, booked);
    const other = await holdAndConfirm(server, catalog, 1);
    // The refund request meets a SYSTEM_ERROR: ours stays pending until a result arrives.
    await server.simulator.paySwitches({ systemErrorNext: ['refunds'] });
    const asked = await booked.api.post('/api/payments/refunds', {
      outTradeNo: booked.outTradeNo,
      reason: '考试时间冲突',
    });
    expect(asked.status, asked.text).toBe(200);
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked.outTradeNo },
      rejectOnEmpty: true,
    });
    const [refund] = await server.db.sequelize.query<{ out_refund_no: string }>(
      'SELECT out_refund_no FROM refunds WHERE payment_order_id = ?',
      { replacements: [order.id], type: QueryTypes.SELECT },
    );
    const merchant = server.simulatorOptions.pay.merchant;
    const genuine = {
      mchid: merchant.mchid,
      out_trade_no: booked.outTradeNo,
      transaction_id: order.transactionId,
      out_refund_no: refund!.out_refund_no,
      refund_id: `50${Date.now()}`,
      refund_status: 'SUCCESS',
      success_time: new Date().toISOString(),
      amount: { total: 3500, refund: 3500, payer_total: 3500, payer_refund: 3500 },
    };
    const refundResult = (resource: Record<string, unknown>) => notification(resource, { eventType: 'REFUND.SUCCESS' });
    const forgeries = [
      { ...genuine, mchid: '1230000109' },
      { ...genuine, out_trade_no: other.outTradeNo },
      { ...genuine, amount: { total: 3500, refund: 1, payer_total: 3500, payer_refund: 1 } },
      { ...genuine, mchid: '1230000109', out_trade_no: other.outTradeNo, amount: { total: 1, refund: 1 } },
      { ...genuine, out_refund_no: 'RFNOSUCHREFUND' },
    ];
    for (const forged of forgeries) {
      const response = await refundResult(forged);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'FAIL' });
    }
    await order.reload();
    expect(order.state).toBe('refunding');
    const items = await server.db.models.BookingItem.findAll({ where: { paymentOrderId: order.id } });
    expect(items.map((i) => [i.state, i.active])).toEqual([['refunding', 1]]);
    // The genuine result settles it.
    expect((await refundResult(genuine)).status).toBe(204);
    await waitForOrder(server, booked.outTradeNo, 'refunded');
    expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
  });

  it('refuses, with 400 and a code, a payment naming a transaction id another order already has', async () => {
    const paid = await unpaidOrder();
    expect((await notification(paid.resource)).status).toBe(204);
    const { resource, unchanged } = await unpaidOrder();
    const response = await notification({ ...resource, transaction_id: paid.resource.transaction_id });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'FAIL', message: expect.stringContaining('transaction_id') });
    await unchanged();
  });

  it('does not let one order’s payment pay another (a replay with another out_trade_no keeps its amount)', async () => {
    const first = await unpaidOrder();
    const second = await holdAndConfirm(server, catalog, 2);
    expect((await notification(first.resource)).status).toBe(204);
    // Same payment report re-aimed at the second order: amounts differ (3500 vs 7000), refused.
    expect((await notification({ ...first.resource, out_trade_no: second.outTradeNo })).status).toBe(400);
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: second.outTradeNo },
      rejectOnEmpty: true,
    });
    expect(order.state).toBe('created');
    expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
  });
});
