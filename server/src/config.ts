import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Configuration comes only from the environment and is validated once, at start-up.
 * Secrets are optional here; `resolveSecrets` fills them in development and insists in production.
 */
const databaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^(mysql|mariadb):\/\/[^/]+\/\w+/.test(value) || /^sqlite:.+/.test(value), {
    message: 'must look like mysql://user:password@host:3306/database or sqlite:./path/to/file.sqlite',
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: databaseUrlSchema.optional(),
  /** Embedded database, generated development secrets, uploads. Defaults to <repo>/data. */
  DATA_DIR: z.string().default(fileURLToPath(new URL('../../data', import.meta.url))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins allowed to call the API from a browser (the H5 build, the admin), comma separated. */
  CORS_ORIGINS: z.string().default(''),
  /** Seed the demo province on an empty database at start-up. */
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ID_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  ID_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface DatabaseConfig {
  dialect: 'mysql' | 'sqlite';
  url: string;
  /** For sqlite: the file path. */
  storage?: string;
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  corsOrigins: string[];
  seedDemo: boolean;
  database: DatabaseConfig;
  secrets: {
    jwtSecret?: string;
    idEncryptionKey?: string;
    idHashKey?: string;
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function databaseConfigFromUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) {
    const storage = path.resolve(dataDir, 'kaowei.sqlite');
    return { dialect: 'sqlite', url: `sqlite:${storage}`, storage };
  }
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length);
    return { dialect: 'sqlite', url, storage: storage === ':memory:' ? storage : path.resolve(storage) };
  }
  return { dialect: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
}

/** Parses the environment; the error names every bad variable on one line. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is required in production (the embedded SQLite file is for development only)');
  }
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    seedDemo: env.SEED_DEMO === 'auto' && env.NODE_ENV !== 'production',
    database: databaseConfigFromUrl(env.DATABASE_URL, dataDir),
    secrets: {
      jwtSecret: env.JWT_SECRET,
      idEncryptionKey: env.ID_ENCRYPTION_KEY,
      idHashKey: env.ID_HASH_KEY,
    },
  };
}
