import argon2 from 'argon2';

/** argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): slow on purpose, not more. */
const PARAMETERS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PARAMETERS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of `password` (which has just matched `hash`) to store in its place when `hash` was made with
 * other parameters than today's; null when it is current. Old hashes so move on at their next login.
 */
export async function upgradedHash(hash: string, password: string): Promise<string | null> {
  return argon2.needsRehash(hash, PARAMETERS) ? hashPassword(password) : null;
}

let decoyHash: Promise<string> | undefined;

/** Spends the time of a real verification, so an unknown account answers as slowly as a known one. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  await verifyPassword(await decoyHash, password);
  return false;
}
