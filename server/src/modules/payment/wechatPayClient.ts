import { X509Certificate, createDecipheriv, createHash, createVerify } from 'node:crypto';
import Pay from 'wechatpay-node-v3';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';

export interface WechatPayConfig {
  appId: string;
  mchid: string;
  /** Serial number of the merchant API certificate (passed explicitly: the SDK would derive it in lower case). */
  serialNo: string;
  privateKey: string;
  certificate: string;
  /** APIv3 key: 32 bytes, decrypts notifications. */
  apiV3Key: string;
  /** Platform keys by serial: WeChat Pay public key (PUB_KEY_ID_…) or platform certificates' keys. */
  platformPublicKeys: Record<string, string>;
  /** https://api.mch.weixin.qq.com in production; the simulator in development and tests. */
  apiBase: string;
  /** Where WeChat Pay sends notifications (HTTPS, no query string, in production). */
  notifyUrl: string;
}

const SDK_ORIGIN = 'https://api.mch.weixin.qq.com';

/**
 * WeChat Pay refused or failed our call. Its HTTP status is `providerStatus`, not `status`: Koa's error handling
 * reads `status` as the answer to give our own client, and WeChat Pay's 4xx is our fault, not theirs.
 */
export class PayApiError extends Error {
  constructor(
    readonly providerStatus: number | undefined,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${providerStatus ?? 'network'} ${code}: ${message}`);
    this.name = 'PayApiError';
  }
}

export type PlatformKeyLookup = (serial: string) => Promise<string | undefined>;

/** Checks a platform signature over `timestamp
nonce
body
` with the key named by the serial. */
export async function verifyPlatformSignature(
  keyFor: PlatformKeyLookup,
  headers: { timestamp: string; nonce: string; serial: string; signature: string },
  body: string,
): Promise<boolean> {
  const key = await keyFor(headers.serial);
  if (!key || !headers.signature) return false;
  return createVerify('RSA-SHA256')
    .update(
      `${headers.timestamp}
${headers.nonce}
${body}
`,
    )
    .verify(key, headers.signature, 'base64');
}

/** Decrypts an AEAD_AES_256_GCM resource with the APIv3 key; the auth tag is checked (final() throws). */
export function decryptResource(
  apiV3Key: string,
  resource: { ciphertext: string; nonce: string; associated_data?: string },
): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
  decipher.setAAD(Buffer.from(resource.associated_data ?? ''));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/**
 * The SDK builds and signs each request for Tencent's fixed origin; this transport sends the same
 * bytes to the configured origin and refuses answers whose platform signature does not verify.
 */
class SignedTransport implements IPayRequest {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly keyFor: PlatformKeyLookup,
  ) {}

  private async send(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    params?: unknown,
  ): Promise<Output> {
    let response: Response;
    try {
      response = await fetch(url.replace(SDK_ORIGIN, this.config.apiBase), {
        method,
        headers,
        body: params === undefined ? undefined : JSON.stringify(params),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      return { status: undefined as unknown as number, error: error as Error } as Output;
    }
    const text = await response.text();
    // Bill files are not signed; the bill's SHA1 from the signed tradebill answer vouches for them.
    if (url.includes('/v3/billdownload/')) return { status: response.status, data: text } as unknown as Output;
    // The certificate list is checked by the client after decryption (it carries the signing key).
    if (url.includes('/v3/certificates')) {
      return {
        status: response.status,
        data: JSON.parse(text),
        raw: text,
        headers: response.headers,
      } as unknown as Output;
    }
    const signed = await verifyPlatformSignature(
      this.keyFor,
      {
        timestamp: response.headers.get('wechatpay-timestamp') ?? '',
        nonce: response.headers.get('wechatpay-nonce') ?? '',
        serial: response.headers.get('wechatpay-serial') ?? '',
        signature: response.headers.get('wechatpay-signature') ?? '',
      },
      text,
    );
    if (!signed)
      return { status: response.status, error: { code: 'INVALID_SIGNATURE', message: '应答签名验证失败' } } as Output;
    const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return (response.ok ? { status: response.status, data } : { status: response.status, error: data }) as Output;
  }

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Output> {
    return this.send('POST', url, headers, params);
  }

  get(url: string, headers: Record<string, string>): Promise<Output> {
    return this.send('GET', url, headers);
  }

  upload(): Promise<Output> {
    throw new Error('uploads are not used');
  }
}

export interface TransactionResource {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number };
}

export interface PayOrderInput {
  outTradeNo: string;
  description: string;
  totalFen: number;
  /** RFC 3339, Beijing time. */
  timeExpire: string;
}

export interface RefundResource {
  /** In notifications. */
  mchid?: string;
  out_trade_no: string;
  out_refund_no: string;
  refund_id: string;
  status?: string;
  refund_status?: string;
  amount?: { refund?: number; total?: number };
}

/** An unknown serial refreshes the platform certificates at most this often: a flood of them costs one download. */
export const CERTIFICATE_REFRESH_INTERVAL_MS = 5 * 60_000;

/** WeChat Pay v3 through the official SDK. Every call is safe to repeat (out_trade_no / out_refund_no). */
export class WechatPayClient {
  private readonly pay: Pay;
  private readonly now: () => number;
  private lastCertificateRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    readonly config: WechatPayConfig,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.pay = new Pay({
      appid: config.appId,
      mchid: config.mchid,
      serial_no: config.serialNo,
      publicKey: Buffer.from(config.certificate),
      privateKey: Buffer.from(config.privateKey),
      key: config.apiV3Key,
    });
    this.pay.createHttp(new SignedTransport(config, (serial) => this.platformKey(serial)));
  }

  private certificatesLoading: Promise<void> | null = null;

  /**
   * The platform key for a serial: the configured WeChat Pay public key, or, in platform-certificate
   * mode, the certificates from /v3/certificates (decrypted with the tag checked), fetched on demand — at most
   * once per CERTIFICATE_REFRESH_INTERVAL_MS, since anyone can name a serial we do not know.
   */
  async platformKey(serial: string): Promise<string | undefined> {
    if (this.config.platformPublicKeys[serial] || serial.startsWith('PUB_KEY_ID_') || !serial)
      return this.config.platformPublicKeys[serial];
    if (!this.certificatesLoading) {
      if (this.now() - this.lastCertificateRefresh < CERTIFICATE_REFRESH_INTERVAL_MS) return undefined;
      this.lastCertificateRefresh = this.now();
      this.certificatesLoading = this.loadCertificates().finally(() => (this.certificatesLoading = null));
    }
    await this.certificatesLoading;
    return this.config.platformPublicKeys[serial];
  }

  private async loadCertificates(): Promise<void> {
    const pay = this.pay as unknown as {
      buildAuthorization(method: string, url: string): string;
      getHeaders(authorization: string): Record<string, string>;
    };
    const url = `${SDK_ORIGIN}/v3/certificates`;
    const result = (await new SignedTransport(this.config, async () => undefined).get(
      url,
      pay.getHeaders(pay.buildAuthorization('GET', url)),
    )) as unknown as {
      status: number;
      raw: string;
      headers: Headers;
      data: {
        data?: Array<{
          serial_no: string;
          encrypt_certificate: { ciphertext: string; nonce: string; associated_data?: string };
        }>;
      };
    };
    const downloaded: Record<string, string> = {};
    for (const item of result.data?.data ?? []) {
      const pem = decryptResource(this.config.apiV3Key, item.encrypt_certificate);
      const certificate = new X509Certificate(pem);
      if (certificate.serialNumber.toUpperCase() !== item.serial_no.toUpperCase()) continue;
      downloaded[item.serial_no] = certificate.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    }
    // The list is signed by one of the certificates it carries: accept it only if that checks out.
    const signed = await verifyPlatformSignature(
      async (serial) => downloaded[serial],
      {
        timestamp: result.headers.get('wechatpay-timestamp') ?? '',
        nonce: result.headers.get('wechatpay-nonce') ?? '',
        serial: result.headers.get('wechatpay-serial') ?? '',
        signature: result.headers.get('wechatpay-signature') ?? '',
      },
      result.raw,
    );
    if (signed) Object.assign(this.config.platformPublicKeys, downloaded);
  }

  private unwrap<T>(result: Output): T {
    const output = result as { status?: number; data?: unknown; error?: { code?: string; message?: string } };
    if (output.status && output.status >= 200 && output.status < 300) return (output.data ?? {}) as T;
    throw new PayApiError(output.status, output.error?.code ?? 'NETWORK_ERROR', output.error?.message ?? 'no answer');
  }

  /** The order body both channels send; the same order always yields the same body. */
  private orderBody(order: PayOrderInput) {
    return {
      description: order.description,
      out_trade_no: order.outTradeNo,
      notify_url: this.config.notifyUrl,
      time_expire: order.timeExpire,
      amount: { total: order.totalFen, currency: 'CNY' },
    };
  }

  async native(order: PayOrderInput): Promise<string> {
    return this.unwrap<{ code_url: string }>(await this.pay.transactions_native(this.orderBody(order))).code_url;
  }

  /** The parameters wx.requestPayment needs (signed by the SDK with the merchant key). */
  async jsapi(order: PayOrderInput & { openid: string }) {
    return this.unwrap<{
      appId: string;
      timeStamp: string;
      nonceStr: string;
      package: string;
      signType: string;
      paySign: string;
    }>(await this.pay.transactions_jsapi({ ...this.orderBody(order), payer: { openid: order.openid } }));
  }

  /** The order as WeChat Pay sees it; null when it never reached WeChat Pay. */
  async query(outTradeNo: string): Promise<TransactionResource | null> {
    try {
      return this.unwrap<TransactionResource>(await this.pay.query({ out_trade_no: outTradeNo }));
    } catch (error) {
      if (error instanceof PayApiError && error.providerStatus === 404) return null;
      throw error;
    }
  }

  async close(outTradeNo: string): Promise<void> {
    this.unwrap(await this.pay.close(outTradeNo));
  }

  async refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    reason: string;
    refundFen: number;
    totalFen: number;
  }) {
    return this.unwrap<RefundResource>(
      await this.pay.refunds({
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        reason: input.reason,
        notify_url: this.config.notifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      }),
    );
  }

  /** The trade bill of a day (available after 10:00 the next day), checked against its SHA1. */
  async tradeBill(billDate: string): Promise<string> {
    const bill = this.unwrap<{ download_url: string; hash_type: string; hash_value: string }>(
      await this.pay.tradebill({ bill_date: billDate, bill_type: 'ALL' }),
    );
    const text = this.unwrap<string>(await this.pay.downloadBill(bill.download_url));
    if (createHash('sha1').update(text).digest('hex') !== bill.hash_value.toLowerCase()) {
      throw new PayApiError(200, 'BILL_HASH_MISMATCH', '账单文件校验失败');
    }
    return text;
  }

  async queryRefund(outRefundNo: string): Promise<RefundResource> {
    return this.unwrap<RefundResource>(await this.pay.find_refunds(outRefundNo));
  }
}
