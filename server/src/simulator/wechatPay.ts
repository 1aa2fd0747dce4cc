import {
  createCipheriv,
  createHash,
  createPublicKey,
  createSign,
  createVerify,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { beijingDateString, rfc3339Beijing } from '../lib/beijingTime';

/** The merchant and platform keys the pay simulator works with (made up per process in development). */
export interface SimulatedMerchant {
  appId: string;
  mchid: string;
  merchantSerialNo: string;
  /** The merchant certificate (PEM) whose key signs our requests. */
  merchantCertificate: string;
  apiV3Key: string;
  /** WeChat Pay public-key mode: the id and the private half of the platform key. */
  platformKeyId: string;
  platformPrivateKey: string;
  /** Platform-certificate mode (the older one): the certificate, its key and serial. */
  platformCertificate: string;
  platformCertificatePrivateKey: string;
  platformCertificateSerial: string;
}

export interface PayOrder {
  outTradeNo: string;
  appid: string;
  description: string;
  notifyUrl: string;
  total: number;
  openid?: string;
  timeExpire?: string;
  tradeState: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId?: string;
  successTime?: string;
  codeUrl?: string;
  prepayId?: string;
  requestBody: string;
}

export interface PayRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  amount: number;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  notifyUrl?: string;
  createdAt: string;
  /** Beijing wall time with its offset, like a payment's success_time. */
  successTime?: string;
}

export interface PaySwitches {
  /** Send each notification this many times. */
  duplicates: number;
  /** Deliver notifications in reverse order of creation within a batch. */
  reorder: boolean;
  /** Do not deliver notifications at all (the query job must settle). */
  drop: boolean;
  /** Answer the next call of each listed API with 500 SYSTEM_ERROR. */
  systemErrorNext: string[];
  /** Refunds end in this status. */
  refundOutcome: 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  /** Real seconds per second of WeChat's retry schedule (tests shrink it). */
  retryScale: number;
  /** Delay before answering API calls, in ms. */
  slowMs: number;
  /** Extra rows (or changed amounts) in the trade bill, to make differences for reconciliation. */
  billExtra: Array<{ outTradeNo: string; transactionId: string; totalFen: number; date: string }>;
  billAmounts: Record<string, number>;
  /** The same for refund rows: extra refunds, and changed refund amounts by out_refund_no. */
  billRefundExtra: Array<{
    outRefundNo: string;
    outTradeNo: string;
    refundId: string;
    refundFen: number;
    date: string;
  }>;
  billRefundAmounts: Record<string, number>;
  /** Rows left out of the bill: payments by out_trade_no, refunds by out_refund_no. */
  billOmit: string[];
  /** Which platform identity signs: the WeChat Pay public key (PUB_KEY_ID_…) or the platform certificate. */
  platformMode: 'publicKey' | 'certificate';
}

export interface PayState {
  orders: Map<string, PayOrder>;
  refunds: Map<string, PayRefund>;
  switches: PaySwitches;
  deliveries: Array<{ id: string; eventType: string; status: number; at: string }>;
  /** How often the platform certificate list was downloaded. */
  certificateDownloads: number;
}

/** WeChat's retry schedule for a notification that was not answered 2xx, in seconds. */
const RETRY_SCHEDULE = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
const AUTH = /^WECHATPAY2-SHA256-RSA2048 (.+)$/;

function parseAuthorization(header: string): Record<string, string> | null {
  const match = AUTH.exec(header);
  if (!match) return null;
  return Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

export function createPayState(): PayState {
  return {
    orders: new Map(),
    refunds: new Map(),
    switches: {
      duplicates: 1,
      reorder: false,
      drop: false,
      systemErrorNext: [],
      refundOutcome: 'SUCCESS',
      retryScale: 1,
      slowMs: 0,
      billExtra: [],
      billAmounts: {},
      billRefundExtra: [],
      billRefundAmounts: {},
      billOmit: [],
      platformMode: 'publicKey',
    },
    deliveries: [],
    certificateDownloads: 0,
  };
}

/**
 * WeChat Pay API v3 as the SDK meets it: every request's Authorization checked against the merchant
 * certificate (signature and a 5-minute timestamp), answers signed with the platform key, and
 * notifications signed and AES-256-GCM encrypted, retried on WeChat's schedule until answered 2xx.
 */
export function wechatPayRoutes(state: PayState, merchant: SimulatedMerchant, now: () => number): Router {
  const router = new Router();
  const merchantKey = createPublicKey(merchant.merchantCertificate);
  router.use(async (ctx, next) => {
    if (state.switches.slowMs > 0 && ctx.path.startsWith('/v3/'))
      await new Promise((resolve) => setTimeout(resolve, state.switches.slowMs));
    await next();
  });

  const certificateMode = () => state.switches.platformMode === 'certificate';
  const platformSerial = () => (certificateMode() ? merchant.platformCertificateSerial : merchant.platformKeyId);
  const sign = (message: string) =>
    createSign('RSA-SHA256')
      .update(message)
      .sign(certificateMode() ? merchant.platformCertificatePrivateKey : merchant.platformPrivateKey, 'base64');
  const respond = (ctx: Context, status: number, body?: unknown) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    ctx.status = status;
    ctx.set({
      'Request-ID': randomUUID(),
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': platformSerial(),
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Wechatpay-Signature': sign(`${timestamp}\n${nonce}\n${text}\n`),
    });
    if (body !== undefined) {
      ctx.type = 'application/json';
      ctx.body = text;
    }
  };
  const fail = (ctx: Context, status: number, code: string, message: string) => respond(ctx, status, { code, message });

  /** Signature, timestamp and merchant of a request; answers 401 SIGN_ERROR itself when wrong. */
  const authenticated = (ctx: Context): boolean => {
    const auth = parseAuthorization(ctx.get('Authorization'));
    const body = (ctx.request as { rawBody?: string }).rawBody ?? '';
    if (!auth || auth.mchid !== merchant.mchid || auth.serial_no !== merchant.merchantSerialNo) {
      fail(ctx, 401, 'SIGN_ERROR', '签名错误');
      return false;
    }
    if (Math.abs(now() / 1000 - Number(auth.timestamp)) > 300) {
      fail(ctx, 401, 'SIGN_ERROR', '请求时间戳超过5分钟');
      return false;
    }
    const message = `${ctx.method}\n${ctx.url}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
    if (
      !createVerify('RSA-SHA256')
        .update(message)
        .verify(merchantKey, auth.signature ?? '', 'base64')
    ) {
      fail(ctx, 401, 'SIGN_ERROR', '签名错误');
      return false;
    }
    const api = ctx.path.startsWith('/v3/refund') ? 'refunds' : ctx.path.split('/').at(-1)!;
    const index = state.switches.systemErrorNext.indexOf(api);
    if (index >= 0) {
      state.switches.systemErrorNext.splice(index, 1);
      fail(ctx, 500, 'SYSTEM_ERROR', '系统错误');
      return false;
    }
    return true;
  };

  const encrypt = (plain: unknown, associatedData: string, asJson = true) => {
    const nonce = randomBytes(6).toString('hex');
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(merchant.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(associatedData));
    const text = asJson ? JSON.stringify(plain) : String(plain);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return {
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: data.toString('base64'),
      associated_data: associatedData,
      nonce,
    };
  };

  /** Delivers one notification, retrying on the (scaled) schedule until a 2xx answer. */
  const deliver = (url: string, eventType: string, resourceType: string, resource: unknown, summary: string) => {
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      create_time: new Date(now()).toISOString().replace(/\.\d+Z$/, '+08:00'),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: resourceType, ...encrypt(resource, resourceType) },
    });
    const attempt = async (n: number): Promise<void> => {
      const timestamp = String(Math.floor(now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      let status: number;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Wechatpay-Timestamp': timestamp,
            'Wechatpay-Nonce': nonce,
            'Wechatpay-Serial': platformSerial(),
            'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
            'Wechatpay-Signature': sign(`${timestamp}\n${nonce}\n${body}\n`),
          },
          body,
        });
        status = response.status;
      } catch {
        status = 0; // no answer at all: retried like an error
      }
      state.deliveries.push({ id, eventType, status, at: new Date(now()).toISOString() });
      if ((status < 200 || status > 299) && n < RETRY_SCHEDULE.length) {
        setTimeout(() => void attempt(n + 1), RETRY_SCHEDULE[n]! * 1000 * state.switches.retryScale).unref();
      }
    };
    return attempt;
  };

  const notify = (batch: Array<(attempt: number) => Promise<void>>) => {
    if (state.switches.drop) return;
    const sends = batch.flatMap((send) => Array.from({ length: state.switches.duplicates }, () => send));
    if (state.switches.reorder) sends.reverse();
    void Promise.all(sends.map((send) => send(0)));
  };

  const transactionResource = (order: PayOrder) => ({
    appid: order.appid,
    mchid: merchant.mchid,
    out_trade_no: order.outTradeNo,
    transaction_id: order.transactionId,
    trade_type: order.prepayId ? 'JSAPI' : 'NATIVE',
    trade_state: order.tradeState,
    trade_state_desc: order.tradeState === 'SUCCESS' ? '支付成功' : '未支付',
    bank_type: 'OTHERS',
    attach: '',
    success_time: order.successTime,
    payer: { openid: order.openid ?? `o${order.outTradeNo.slice(-10)}` },
    amount: { total: order.total, payer_total: order.total, currency: 'CNY', payer_currency: 'CNY' },
  });

  const createOrder = (kind: 'native' | 'jsapi') => (ctx: Context) => {
    if (!authenticated(ctx)) return;
    const body = ctx.request.body as {
      appid?: string;
      mchid?: string;
      description?: string;
      out_trade_no?: string;
      notify_url?: string;
      time_expire?: string;
      amount?: { total?: number; currency?: string };
      payer?: { openid?: string };
    };
    const raw = (ctx.request as { rawBody?: string }).rawBody ?? '';
    if (body.mchid !== merchant.mchid) return fail(ctx, 400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (body.appid !== merchant.appId) return fail(ctx, 400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (
      !body.out_trade_no ||
      !body.notify_url ||
      !body.description ||
      !Number.isInteger(body.amount?.total) ||
      body.amount!.total! <= 0
    ) {
      return fail(ctx, 400, 'PARAM_ERROR', '参数错误');
    }
    if (kind === 'jsapi' && !body.payer?.openid) return fail(ctx, 400, 'PARAM_ERROR', '缺少payer.openid');
    const existing = state.orders.get(body.out_trade_no);
    if (existing) {
      if (existing.requestBody !== raw) return fail(ctx, 403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      if (existing.tradeState === 'SUCCESS') return fail(ctx, 400, 'ORDERPAID', '该订单已支付');
      if (existing.tradeState === 'CLOSED') return fail(ctx, 400, 'ORDER_CLOSED', '该订单已关闭');
      return respond(ctx, 200, kind === 'native' ? { code_url: existing.codeUrl } : { prepay_id: existing.prepayId });
    }
    const order: PayOrder = {
      outTradeNo: body.out_trade_no,
      appid: body.appid,
      description: body.description,
      notifyUrl: body.notify_url,
      total: body.amount!.total!,
      openid: body.payer?.openid,
      timeExpire: body.time_expire,
      tradeState: 'NOTPAY',
      requestBody: raw,
      codeUrl: kind === 'native' ? `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}` : undefined,
      prepayId: kind === 'jsapi' ? `wx${Date.now()}${randomBytes(8).toString('hex')}` : undefined,
    };
    state.orders.set(order.outTradeNo, order);
    respond(ctx, 200, kind === 'native' ? { code_url: order.codeUrl } : { prepay_id: order.prepayId });
  };

  router.post('/v3/pay/transactions/native', createOrder('native'));
  router.post('/v3/pay/transactions/jsapi', createOrder('jsapi'));

  router.get('/v3/pay/transactions/out-trade-no/:no', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    const order = state.orders.get(ctx.params.no!);
    if (!order || ctx.query.mchid !== merchant.mchid) return fail(ctx, 404, 'ORDER_NOT_EXIST', '订单不存在');
    respond(ctx, 200, transactionResource(order));
  });

  router.post('/v3/pay/transactions/out-trade-no/:no/close', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    const order = state.orders.get(ctx.params.no!);
    if (!order) return fail(ctx, 404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.tradeState === 'SUCCESS') return fail(ctx, 400, 'ORDERPAID', '订单已支付');
    order.tradeState = 'CLOSED';
    respond(ctx, 204);
  });

  const refundResource = (refund: PayRefund) => ({
    mchid: merchant.mchid,
    out_trade_no: refund.outTradeNo,
    transaction_id: state.orders.get(refund.outTradeNo)?.transactionId,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_status: refund.status,
    status: refund.status,
    success_time: refund.successTime,
    amount: {
      total: state.orders.get(refund.outTradeNo)?.total,
      refund: refund.amount,
      payer_total: refund.amount,
      payer_refund: refund.amount,
    },
  });

  router.post('/v3/refund/domestic/refunds', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    const body = ctx.request.body as {
      out_trade_no?: string;
      out_refund_no?: string;
      notify_url?: string;
      amount?: { refund?: number; total?: number };
    };
    const order = body.out_trade_no ? state.orders.get(body.out_trade_no) : undefined;
    if (!order || !body.out_refund_no) return fail(ctx, 404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND')
      return fail(ctx, 400, 'INVALID_REQUEST', '订单未支付');
    const existing = state.refunds.get(body.out_refund_no);
    if (existing) return respond(ctx, 200, refundResource(existing));
    const refunded = [...state.refunds.values()].filter(
      (r) => r.outTradeNo === order.outTradeNo && r.status !== 'CLOSED',
    );
    const amount = body.amount?.refund ?? 0;
    if (
      body.amount?.total !== order.total ||
      amount <= 0 ||
      refunded.reduce((s, r) => s + r.amount, 0) + amount > order.total
    ) {
      return fail(ctx, 400, 'INVALID_REQUEST', '退款金额错误');
    }
    const refund: PayRefund = {
      outRefundNo: body.out_refund_no,
      outTradeNo: order.outTradeNo,
      refundId: `50${Date.now()}${randomBytes(4).toString('hex')}`,
      amount,
      status: 'PROCESSING',
      notifyUrl: body.notify_url,
      createdAt: new Date(now()).toISOString(),
    };
    state.refunds.set(refund.outRefundNo, refund);
    respond(ctx, 200, refundResource(refund));
    // The bank answers a moment later.
    setTimeout(() => {
      refund.status = state.switches.refundOutcome;
      if (refund.status === 'SUCCESS') {
        order.tradeState = 'REFUND';
        refund.successTime = rfc3339Beijing(new Date(now()));
      }
      const url = refund.notifyUrl ?? order.notifyUrl;
      notify([deliver(url, `REFUND.${refund.status}`, 'refund', refundResource(refund), '退款结果')]);
    }, 50).unref();
  });

  const yuan = (fen: number) => (fen / 100).toFixed(2);
  /** A row of the bill: a payment, or a refund of an order (its own line, 交易状态 REFUND). */
  type BillRow = {
    time: string;
    transactionId: string;
    outTradeNo: string;
    orderFen: number;
    refund?: { refundId: string; outRefundNo: string; fen: number };
  };
  const billRows = (date: string): BillRow[] => {
    const { billAmounts, billExtra, billRefundAmounts, billRefundExtra, billOmit } = state.switches;
    const shown = (time: string | undefined, no: string) =>
      !!time && beijingDateString(new Date(time)) === date && !billOmit.includes(no);
    const atTen = `${date} 10:00:00`;
    const billTime = (beijing: string) => beijing.slice(0, 19).replace('T', ' ');
    const payments = [...state.orders.values()]
      .filter((o) => o.transactionId && shown(o.successTime, o.outTradeNo))
      .map((o) => ({
        time: billTime(o.successTime!),
        transactionId: o.transactionId!,
        outTradeNo: o.outTradeNo,
        orderFen: billAmounts[o.outTradeNo] ?? o.total,
      }))
      .concat(billExtra.filter((e) => e.date === date).map((e) => ({ ...e, time: atTen, orderFen: e.totalFen })));
    const refundRow = (
      r: { outTradeNo: string; outRefundNo: string; refundId: string },
      time: string,
      fen: number,
    ) => ({
      time,
      transactionId: state.orders.get(r.outTradeNo)?.transactionId ?? '',
      outTradeNo: r.outTradeNo,
      orderFen: 0,
      refund: { refundId: r.refundId, outRefundNo: r.outRefundNo, fen },
    });
    const refunds = [...state.refunds.values()]
      .filter((r) => r.status === 'SUCCESS' && shown(r.successTime, r.outRefundNo))
      .map((r) => refundRow(r, billTime(r.successTime!), billRefundAmounts[r.outRefundNo] ?? r.amount))
      .concat(billRefundExtra.filter((e) => e.date === date).map((e) => refundRow(e, atTen, e.refundFen)));
    return [...payments, ...refunds];
  };
  /** The trade bill (ALL) of a Beijing day: WeChat's CSV, each field prefixed with a backquote. */
  const tradeBill = (date: string) => {
    const header =
      '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
    const rows = billRows(date);
    const quoted = (values: Array<string | number>) => values.map((v) => `\`${v}`).join(',');
    const lines = rows.map((r) =>
      quoted([
        r.time,
        merchant.appId,
        merchant.mchid,
        '0',
        '',
        r.transactionId,
        r.outTradeNo,
        'o',
        'NATIVE',
        r.refund ? 'REFUND' : 'SUCCESS',
        'OTHERS',
        'CNY',
        yuan(r.orderFen),
        '0.00',
        r.refund?.refundId ?? '0',
        r.refund?.outRefundNo ?? '0',
        yuan(r.refund?.fen ?? 0),
        '0.00',
        r.refund ? 'ORIGINAL' : '',
        r.refund ? 'SUCCESS' : '',
        '报考费',
        '',
        '0.00',
        '0.60%',
        yuan(r.orderFen),
        yuan(r.refund?.fen ?? 0),
        '',
      ]),
    );
    const total = rows.reduce((sum, r) => sum + r.orderFen, 0);
    const refunded = rows.reduce((sum, r) => sum + (r.refund?.fen ?? 0), 0);
    return [
      header,
      ...lines,
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      quoted([rows.length, yuan(total), yuan(refunded), '0.00', '0.00', yuan(total), yuan(refunded)]),
    ].join('\r\n');
  };

  router.get('/v3/certificates', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    state.certificateDownloads += 1;
    const day = 86_400_000;
    respond(ctx, 200, {
      data: [
        {
          serial_no: merchant.platformCertificateSerial,
          effective_time: new Date(now() - day).toISOString(),
          expire_time: new Date(now() + 365 * day).toISOString(),
          encrypt_certificate: encrypt(merchant.platformCertificate, 'certificate', false),
        },
      ],
    });
  });

  router.get('/v3/bill/tradebill', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    const date = String(ctx.query.bill_date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(ctx, 400, 'PARAM_ERROR', '参数错误');
    const bill = tradeBill(date);
    respond(ctx, 200, {
      hash_type: 'SHA1',
      hash_value: createHash('sha1').update(bill).digest('hex'),
      download_url: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=${Buffer.from(date).toString('base64url')}`,
    });
  });

  router.get('/v3/billdownload/file', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = tradeBill(Buffer.from(String(ctx.query.token ?? ''), 'base64url').toString());
  });

  router.get('/v3/refund/domestic/refunds/:no', (ctx: Context) => {
    if (!authenticated(ctx)) return;
    const refund = state.refunds.get(ctx.params.no!);
    if (!refund) return fail(ctx, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    respond(ctx, 200, refundResource(refund));
  });

  // --- test hooks: a phone paying, and the switches -----------------------------------------
  router.post('/sim/pay/scan', (ctx: Context) => {
    // `force` pays a just-closed order: the rare race in which a payer confirmed before the close.
    const { outTradeNo, openid, force } = ctx.request.body as { outTradeNo?: string; openid?: string; force?: boolean };
    const order = outTradeNo ? state.orders.get(outTradeNo) : undefined;
    if (!order) return void ((ctx.status = 404), (ctx.body = { error: 'unknown order' }));
    if (order.tradeState !== 'NOTPAY' && !(force && order.tradeState === 'CLOSED'))
      return void ((ctx.status = 409), (ctx.body = { error: `order is ${order.tradeState}` }));
    order.tradeState = 'SUCCESS';
    order.transactionId = `4200${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 32);
    order.successTime = rfc3339Beijing(new Date(now()));
    order.openid = order.openid ?? openid;
    notify([deliver(order.notifyUrl, 'TRANSACTION.SUCCESS', 'transaction', transactionResource(order), '支付成功')]);
    ctx.body = { paid: true, transactionId: order.transactionId };
  });
  /** Development: a page standing in for the phone that scans the QR code. */
  router.get('/sim/pay/scan-page', (ctx: Context) => {
    const outTradeNo = String(ctx.query.outTradeNo ?? '');
    const order = state.orders.get(outTradeNo);
    const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>模拟微信扫码支付</title><body style="font-family:sans-serif;max-width:28rem;margin:2rem auto">
<h1>模拟微信支付（开发环境）</h1>
${
  order
    ? `<p>订单 ${escape(order.outTradeNo)}：${escape(order.description)}</p><p>金额：¥${(order.total / 100).toFixed(2)}，状态：${escape(order.tradeState)}</p>
<button id="pay" ${order.tradeState === 'NOTPAY' ? '' : 'disabled'}>确认支付</button><p id="result"></p>
<script>document.getElementById('pay').onclick=async()=>{const r=await fetch('/sim/pay/scan',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({outTradeNo:${JSON.stringify(order.outTradeNo)}})});document.getElementById('result').textContent=r.ok?'支付成功':'支付失败';}</script>`
    : '<p>没有这个订单</p>'
}
</body></html>`;
  });
  router.post('/sim/pay/switches', (ctx: Context) => {
    Object.assign(state.switches, ctx.request.body as Partial<PaySwitches>);
    ctx.body = state.switches;
  });
  router.get('/sim/pay/orders/:no', (ctx: Context) => {
    const order = state.orders.get(ctx.params.no!);
    if (!order) return void ((ctx.status = 404), (ctx.body = { error: 'unknown order' }));
    ctx.body = { ...order, refunds: [...state.refunds.values()].filter((r) => r.outTradeNo === order.outTradeNo) };
  });
  router.get('/sim/pay/deliveries', (ctx: Context) => {
    ctx.body = { deliveries: state.deliveries, certificateDownloads: state.certificateDownloads };
  });
  return router;
}
