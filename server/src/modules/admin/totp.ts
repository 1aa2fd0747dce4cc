import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { IdCardVault } from '../../lib/idCardVault';

const ISSUER = '考位管理后台';
/** One 30-second step either side, for phones whose clocks drift a little. */
const totp = authenticator.clone({ window: 1 });

/** A fresh secret (160 bits, RFC 4226) and the QR code an authenticator app scans. Nothing is stored. */
export async function newTotpSetup(username: string) {
  const secret = totp.generateSecret(20);
  const otpauthUrl = totp.keyuri(username, ISSUER, secret);
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

export function totpCodeMatches(secret: string, code: string): boolean {
  try {
    return totp.check(code.trim(), secret);
  } catch {
    return false;
  }
}

/** Secrets are kept encrypted at rest with the same AES-256-GCM sealing as ID numbers. */
export const sealTotpSecret = (vault: IdCardVault, secret: string): string => vault.encrypt(secret);
export const openTotpSecret = (vault: IdCardVault, stored: string): string => vault.decrypt(stored);
