import { z } from 'zod';
import {
  decryptResource,
  verifyPlatformSignature,
  type PlatformKeyLookup,
  type WechatPayConfig,
} from './wechatPayClient';

export class NotificationRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotificationRejected';
  }
}

const envelopeSchema = z.object({
  id: z.string().min(1).max(64),
  event_type: z.string(),
  resource_type: z.literal('encrypt-resource'),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string(),
    associated_data: z.string().optional(),
    nonce: z.string(),
    original_type: z.string(),
  }),
});

export type NotificationEnvelope = z.infer<typeof envelopeSchema>;

const headerSyntax = {
  'wechatpay-nonce': /^[A-Za-z0-9_-]{1,64}$/,
  'wechatpay-serial': /^(PUB_KEY_ID_[A-Za-z0-9]{1,64}|[A-Fa-f0-9]{8,64})$/,
  'wechatpay-signature': /^[A-Za-z0-9+/]{16,1024}={0,2}$/,
};

/** The signature headers, present and of WeChat Pay's syntax, or the notification is refused. */
function wellFormed(headers: Record<string, string | string[] | undefined>) {
  const [nonce, serial, signature] = Object.entries(headerSyntax).map(([name, syntax]) => {
    const value = headers[name];
    if (typeof value !== 'string' || !syntax.test(value)) throw new NotificationRejected(`malformed ${name}`);
    return value;
  });
  const type = headers['wechatpay-signature-type'];
  if (type !== undefined && type !== 'WECHATPAY2-SHA256-RSA2048')
    throw new NotificationRejected('malformed wechatpay-signature-type');
  return { nonce: nonce!, serial: serial!, signature: signature! };
}

/**
 * A WeChat Pay notification, checked before anything is believed: the platform signature over the
 * raw body as received, a timestamp within 5 minutes, then AES-256-GCM decryption with the auth tag
 * verified (the SDK's own decipher skips that check, so it is not used).
 */
export async function openNotification(
  config: WechatPayConfig,
  keyFor: PlatformKeyLookup,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now = Date.now(),
): Promise<{ envelope: NotificationEnvelope; resource: Record<string, unknown> }> {
  const header = (name: string) => String(headers[name] ?? '');
  const timestamp = header('wechatpay-timestamp');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 300)
    throw new NotificationRejected('stale or missing timestamp');
  // Checked before a key is looked up: an unknown serial may make the client download the certificates.
  const signature = { timestamp, ...wellFormed(headers) };
  const signed = await verifyPlatformSignature(keyFor, signature, rawBody);
  if (!signed) throw new NotificationRejected('bad signature');
  let envelope: NotificationEnvelope;
  try {
    envelope = envelopeSchema.parse(JSON.parse(rawBody));
  } catch {
    throw new NotificationRejected('malformed body');
  }
  try {
    return {
      envelope,
      resource: JSON.parse(decryptResource(config.apiV3Key, envelope.resource)) as Record<string, unknown>,
    };
  } catch {
    throw new NotificationRejected('cannot decrypt');
  }
}
