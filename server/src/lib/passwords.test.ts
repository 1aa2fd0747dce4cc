import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, upgradedHash, verifyPassword } from './passwords';

describe('password hashes', () => {
  it("are argon2id at OWASP's recommended minimum: m=19456 KiB, t=2, p=1", async () => {
    expect(await hashPassword('Kaowei2027ok')).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('are upgraded when made with other parameters, and the upgrade still matches the password', async () => {
    const old = await argon2.hash('Kaowei2027ok', { type: argon2.argon2id, memoryCost: 65536, timeCost: 3 });
    const upgraded = await upgradedHash(old, 'Kaowei2027ok');
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(upgraded!, 'Kaowei2027ok')).toBe(true);
    expect(await upgradedHash(upgraded!, 'Kaowei2027ok')).toBeNull();
  });
});
