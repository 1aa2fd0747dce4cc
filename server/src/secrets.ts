import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type AppConfig, ConfigError } from './config';

export interface Secrets {
  jwtSecret: string;
  /** 32-byte AES-256-GCM key for ID numbers at rest. */
  idEncryptionKey: Buffer;
  /** HMAC key for the ID-number look-up hash. */
  idHashKey: Buffer;
}

const ENV_NAMES = {
  jwtSecret: 'JWT_SECRET',
  idEncryptionKey: 'ID_ENCRYPTION_KEY',
  idHashKey: 'ID_HASH_KEY',
} as const;

type SecretName = keyof typeof ENV_NAMES;
type RawSecrets = Record<SecretName, string>;

function generate(): RawSecrets {
  return {
    jwtSecret: randomBytes(48).toString('base64url'),
    idEncryptionKey: randomBytes(32).toString('hex'),
    idHashKey: randomBytes(32).toString('hex'),
  };
}

/**
 * Production: every secret must come from the environment. Elsewhere, a missing secret is
 * generated once and kept in `<dataDir>/secrets.json` so encrypted data stays readable.
 */
export function resolveSecrets(config: AppConfig): Secrets {
  const given = config.secrets;
  const missing = (Object.keys(ENV_NAMES) as SecretName[]).filter((name) => !given[name]);
  if (missing.length > 0 && config.env === 'production') {
    throw new ConfigError(
      `missing secret${missing.length > 1 ? 's' : ''} in production: ${missing.map((n) => ENV_NAMES[n]).join(', ')}`,
    );
  }
  let raw: Partial<RawSecrets> = { ...given };
  if (missing.length > 0) {
    const file = path.join(config.dataDir, 'secrets.json');
    let stored: RawSecrets;
    if (fs.existsSync(file)) {
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as RawSecrets;
    } else {
      stored = generate();
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    raw = { ...stored, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v)) };
  }
  return {
    jwtSecret: raw.jwtSecret!,
    idEncryptionKey: Buffer.from(raw.idEncryptionKey!, 'hex'),
    idHashKey: Buffer.from(raw.idHashKey!, 'utf8'),
  };
}
