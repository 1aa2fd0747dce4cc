import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { maskIdCardNo } from '@kaowei/shared';
import type { Secrets } from '../secrets';

const VERSION = 'v1';

/** ID numbers at rest: AES-256-GCM ciphertext for reading back, a keyed hash for look-ups. */
export class IdCardVault {
  constructor(private readonly secrets: Pick<Secrets, 'idEncryptionKey' | 'idHashKey'>) {}

  hash(idCardNo: string): string {
    return createHmac('sha256', this.secrets.idHashKey).update(idCardNo.trim().toUpperCase()).digest('hex');
  }

  encrypt(idCardNo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secrets.idEncryptionKey, iv);
    const body = Buffer.concat([cipher.update(idCardNo, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, body, tag] = stored.split('.');
    if (version !== VERSION || !iv || !body || !tag) throw new Error('unrecognised ID-number ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.secrets.idEncryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The three columns stored for an ID number. */
  seal(idCardNo: string): { idCardHash: string; idCardCipher: string; idCardMasked: string } {
    return {
      idCardHash: this.hash(idCardNo),
      idCardCipher: this.encrypt(idCardNo),
      idCardMasked: maskIdCardNo(idCardNo),
    };
  }
}
