import { createDecipheriv } from 'node:crypto';
import { z } from 'zod';
import { verifyPlatformSignature, type WechatPayConfig } from './wechatPayClient';

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
export function openNotification(
  config: WechatPayConfig,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now = Date.now(),
): { envelope: NotificationEnvelope; resource: Record<string, unknown> } {
  const header = (name: string) => String(headers[name] ?? '');
  const timestamp = header('wechatpay-timestamp');
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 300)
    throw new NotificationRejected('stale or missing timestamp');
  const signed = verifyPlatformSignature(
    config.platformPublicKeys,
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
  const { ciphertext, nonce, associated_data: aad = '' } = envelope.resource;
  const data = Buffer.from(ciphertext, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(config.apiV3Key), Buffer.from(nonce));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
      'utf8',
    );
    return { envelope, resource: JSON.parse(plain) as Record<string, unknown> };
  } catch {
    throw new NotificationRejected('cannot decrypt');
  }
}
