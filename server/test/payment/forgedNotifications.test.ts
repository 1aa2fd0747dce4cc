import { createCipheriv, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

interface Forgery {
  signingKey?: string;
  apiV3Key?: string;
  timestamp?: number;
  tamper?: (body: string) => string;
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
    cipher.setAAD(Buffer.from('transaction'));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(resource)),
      cipher.final(),
      cipher.getAuthTag(),
    ]).toString('base64');
    let body = JSON.stringify({
      id: randomBytes(8).toString('hex'),
      create_time: new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext,
        associated_data: 'transaction',
        nonce,
      },
    });
    const timestamp = String(forgery.timestamp ?? Math.floor(Date.now() / 1000));
    const headerNonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256')
      .update(`${timestamp}\n${headerNonce}\n${body}\n`)
      .sign(forgery.signingKey ?? merchant.platformPrivateKey, 'base64');
    if (forgery.tamper) body = forgery.tamper(body);
    return fetch(`${server.baseUrl}/api/payments/notify`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': headerNonce,
        'Wechatpay-Serial': merchant.platformKeyId,
        'Wechatpay-Signature': signature,
      },
      body,
    });
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
