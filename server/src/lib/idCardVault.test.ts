import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdCardVault } from './idCardVault';

const vault = new IdCardVault({ idEncryptionKey: randomBytes(32), idHashKey: randomBytes(32) });

describe('IdCardVault', () => {
  it('reads back what it sealed, and never stores the number in clear', () => {
    const sealed = vault.seal('11010519491231002X');
    expect(sealed.idCardCipher).not.toContain('11010519491231002X');
    expect(sealed.idCardMasked).toBe('110**************X');
    expect(vault.decrypt(sealed.idCardCipher)).toBe('11010519491231002X');
  });

  it('hashes the normalised number the same way every time, so look-ups work', () => {
    expect(vault.hash('11010519491231002x')).toBe(vault.hash('11010519491231002X'));
    expect(vault.hash('11010519491231002X')).not.toBe(vault.hash('110101199003070011'));
  });

  it('refuses a tampered ciphertext instead of returning garbage', () => {
    const stored = vault.encrypt('11010519491231002X');
    const [v, iv, body, tag] = stored.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => vault.decrypt([v, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
  });

  it('cannot be read with another key', () => {
    const other = new IdCardVault({ idEncryptionKey: randomBytes(32), idHashKey: randomBytes(32) });
    expect(() => other.decrypt(vault.encrypt('11010519491231002X'))).toThrow();
  });
});
