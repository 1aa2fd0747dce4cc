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
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 300)
    throw new NotificationRejected('stale or missing timestamp');
  const signed = await verifyPlatformSignature(
    keyFor,
    {
      timestamp,
      nonce: header('wechatpay-nonce'),
      serial: header('wechatpay-serial'),
      signature: header('wechatpay-signature'),
    },
    rawBody,
  );
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
