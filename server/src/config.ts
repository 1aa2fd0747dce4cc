import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { NOTIFICATION_EVENTS } from '@kaowei/shared';

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

export interface PoolSettings {
  max: number;
  /** Connections opened at start-up and kept open however idle, so the opening wave does not wait for them. */
  min: number;
  acquireMs: number;
  idleMs: number;
}

/** How long an instance reuses the catalog (periods, units, offerings, regions) before reading it again. */
export const DEFAULT_CATALOG_CACHE_SECONDS = 5;
/** The longest an instance may keep the catalog (periods with their publish times) cached. */
export const MAX_CATALOG_CACHE_SECONDS = 300;

/** Embedded database, generated secrets, the simulator's keys: <repo>/data unless DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/** A short acquire wait: a request that cannot get a connection soon is better answered 503 BUSY at once. */
export const DEFAULT_POOL: PoolSettings = { max: 10, min: 10, acquireMs: 3_000, idleMs: 10_000 };

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: databaseUrlSchema.optional(),
  /** MySQL connection pool: size, how long a request waits for a connection (then 503 BUSY), idle close. */
  DB_POOL_MAX: z.coerce.number().int().positive().default(DEFAULT_POOL.max),
  /** Default: DEFAULT_POOL.min, or DB_POOL_MAX when that is smaller. */
  DB_POOL_MIN: z.coerce.number().int().min(0).optional(),
  DB_POOL_ACQUIRE_MS: z.coerce.number().int().positive().default(DEFAULT_POOL.acquireMs),
  DB_POOL_IDLE_MS: z.coerce.number().int().positive().default(DEFAULT_POOL.idleMs),
  /**
   * Seconds each instance reuses what every booking request reads alike (periods, units, offerings,
   * regions); 0 reads them every time. An official's change clears it at once on the instance that made
   * it; the others see it within this many seconds.
   */
  CATALOG_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_CATALOG_CACHE_SECONDS)
    .default(DEFAULT_CATALOG_CACHE_SECONDS),
  /** Embedded database, generated development secrets, uploads. Defaults to <repo>/data. */
  DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Built front ends the server hands out: the candidates' H5 app at /, the officials' admin at /admin. */
  H5_DIST_DIR: z.string().default(fileURLToPath(new URL('../../miniprogram/dist/h5', import.meta.url))),
  ADMIN_DIST_DIR: z.string().default(fileURLToPath(new URL('../../admin/dist', import.meta.url))),
  /** Forward /sim/* to the simulator for the H5 test build; `false` serves the web channel as production does. */
  SIMULATOR_PROXY: z.enum(['true', 'false']).default('true'),
  /** Origins allowed to call the API from a browser (the H5 build, the admin), comma separated. */
  CORS_ORIGINS: z.string().default(''),
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). Defaults to on in production. */
  TRUST_PROXY: z.enum(['true', 'false']).optional(),
  /**
   * How many trusted proxies append to X-Forwarded-For (Koa's maxIpsCount): the client address is the entry the
   * outermost of them wrote, counted from the right; entries further left were written by the client itself.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /**
   * Bearer token for GET /metrics. Unset: /metrics answers 404 in production, and elsewhere only
   * scrapes made directly from this machine (loopback, not through a proxy).
   */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Seed the demo province on an empty database at start-up. */
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ID_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  ID_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Two-digit province code that starts new ticket numbers. */
  PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'must be 2 digits')
    .default('51'),

  // WeChat mini-program and Tencent Cloud SMS. Unset outside production: the simulator stands in.
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /**
   * A standalone simulator (`npm run simulator`) shared by several instances, instead of one inside this process;
   * its DATA_DIR/simulator/client-env.json holds this and the credentials below. Refused in production.
   */
  SIMULATOR_URL: z.url({ protocol: /^http$/ }).optional(),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().optional(),
  TENCENT_SECRET_ID: z.string().optional(),
  TENCENT_SECRET_KEY: z.string().optional(),
  SMS_SDK_APP_ID: z.string().optional(),
  SMS_SIGN_NAME: z.string().default('考位'),
  SMS_TEMPLATE_ID: z.string().default('1000001'),
  SMS_REGION: z.string().default('ap-guangzhou'),
  /** Host (sms.tencentcloudapi.com, spoken over HTTPS) or, outside production, an http:// URL. */
  SMS_ENDPOINT: z.string().optional(),
  WECHATPAY_MCHID: z.string().optional(),
  WECHATPAY_SERIAL_NO: z.string().optional(),
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_CERTIFICATE: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, 'must be exactly 32 characters').optional(),
  WECHATPAY_PUBLIC_KEY_ID: z.string().optional(),
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_API_BASE: z.url().optional(),
  /** The server's public HTTPS origin, for WeChat Pay's notify_url. */
  PUBLIC_BASE_URL: z.url().optional(),

  // Notifications (#17). JSON objects event → template id; unset outside production: development ids.
  WECHAT_SUBSCRIBE_TEMPLATES: z.string().optional(),
  SMS_NOTICE_TEMPLATES: z.string().optional(),
  /** Minutes before the end-of-day release that candidates with unpaid seats are reminded. */
  RELEASE_REMINDER_MINUTES: z.coerce.number().int().min(5).max(720).default(120),
  /** SMS notices one candidate's phone may receive in 24 hours (verification codes have their own limits). */
  SMS_NOTICE_PHONE_DAILY: z.coerce.number().int().positive().default(10),
  /** Messages a worker claims at once. */
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  /** Messages of one bulk notice (考办群发通知) delivered per minute at most. */
  NOTICE_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(300),

  // Limits (per phone, per IP, per account); enforced in the database across instances.
  SMS_CODE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  SMS_MAX_WRONG_TRIES: z.coerce.number().int().positive().default(5),
  SMS_RESEND_SECONDS: z.coerce.number().int().nonnegative().default(60),
  SMS_PHONE_HOURLY: z.coerce.number().int().positive().default(5),
  SMS_PHONE_DAILY: z.coerce.number().int().positive().default(10),
  // Per address: schools and county offices put hundreds of candidates behind one address on opening
  // morning, so the image captcha (after SMS_IP_CAPTCHA_AFTER in an hour) is the brake; the caps only bound cost.
  SMS_IP_HOURLY: z.coerce.number().int().positive().default(1000),
  SMS_IP_DAILY: z.coerce.number().int().positive().default(5000),
  SMS_IP_CAPTCHA_AFTER: z.coerce.number().int().nonnegative().default(5),
  LOGIN_CAPTCHA_AFTER: z.coerce.number().int().nonnegative().default(3),
  LOGIN_LOCK_AFTER: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_IP_CAPTCHA_AFTER: z.coerce.number().int().nonnegative().default(10),
  LOGIN_IP_LOCK_AFTER: z.coerce.number().int().positive().default(1000),
  CAPTCHA_IP_PER_MINUTE: z.coerce.number().int().positive().default(600),
  PHOTO_UPLOAD_IP_HOURLY: z.coerce.number().int().positive().default(200),
  // 近期绑定手机: how many days back the district's officials see (and may undo) a candidate's phone binding.
  PHONE_BINDING_REVIEW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
});

export type Env = z.infer<typeof envSchema>;

export interface DatabaseConfig {
  dialect: 'mysql' | 'sqlite';
  url: string;
  /** For sqlite: the file path. */
  storage?: string;
  /** For mysql; DEFAULT_POOL when not given. */
  pool?: PoolSettings;
  /** DEFAULT_CATALOG_CACHE_SECONDS when not given. */
  catalogCacheSeconds?: number;
}

export interface Limits {
  sms: {
    codeTtlSeconds: number;
    maxWrongTries: number;
    resendSeconds: number;
    perPhoneHourly: number;
    perPhoneDaily: number;
    perIpHourly: number;
    perIpDaily: number;
    ipCaptchaAfter: number;
  };
  login: {
    captchaAfter: number;
    lockAfter: number;
    lockMinutes: number;
    ipCaptchaAfter: number;
    ipLockAfter: number;
  };
  captcha: { perIpPerMinute: number };
  /** Registration photo uploads per client address and hour (each also needs a captcha or a registration token). */
  photoUploadsPerIpHourly: number;
}

export interface IntegrationSettings {
  simulatorPort: number;
  /** Development and tests: a standalone simulator's origin, "http://127.0.0.1:3100". */
  simulatorUrl?: string;
  wechat: { appId?: string; appSecret?: string; apiBase?: string };
  sms: {
    secretId?: string;
    secretKey?: string;
    sdkAppId?: string;
    signName: string;
    templateId: string;
    region: string;
    /** Host[:port], without a protocol. */
    endpoint?: string;
    protocol: 'https://' | 'http://';
  };
  pay: {
    mchid?: string;
    serialNo?: string;
    privateKey?: string;
    certificate?: string;
    apiV3Key?: string;
    publicKeyId?: string;
    publicKey?: string;
    apiBase?: string;
    publicBaseUrl?: string;
  };
}

export interface NotificationSettings {
  /** Subscribe-message template id per event; an event without one goes by SMS only. */
  wechatTemplates: Record<string, string>;
  /** Tencent Cloud SMS template id per event; an event without one is not sent by SMS. */
  smsTemplates: Record<string, string>;
  releaseReminderMinutes: number;
  batchSize: number;
  smsPerPhoneDaily: number;
  /** A bulk notice's messages are spread so that at most this many fall due per minute. */
  noticePerMinute: number;
}

/** Development and tests: made-up template ids for every event, which the simulator accepts. */
function templateMap(name: string, value: string | undefined, fallback: (event: string, i: number) => string) {
  if (value === undefined) return Object.fromEntries(NOTIFICATION_EVENTS.map((e, i) => [e, fallback(e, i)]));
  let raw: unknown = null;
  try {
    raw = JSON.parse(value || '{}');
  } catch {
    // reported below
  }
  const parsed = z.record(z.string(), z.string().min(1)).safeParse(raw);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${name} must be a JSON object of template ids`);
  return parsed.data;
}

function notificationSettings(env: Env): NotificationSettings {
  const production = env.NODE_ENV === 'production';
  const dev = (value: string | undefined) => (production ? (value ?? '{}') : value);
  return {
    wechatTemplates: templateMap('WECHAT_SUBSCRIBE_TEMPLATES', dev(env.WECHAT_SUBSCRIBE_TEMPLATES), (e) => `tmpl-${e}`),
    smsTemplates: templateMap('SMS_NOTICE_TEMPLATES', dev(env.SMS_NOTICE_TEMPLATES), (_, i) => String(2000001 + i)),
    releaseReminderMinutes: env.RELEASE_REMINDER_MINUTES,
    batchSize: env.OUTBOX_BATCH_SIZE,
    smsPerPhoneDaily: env.SMS_NOTICE_PHONE_DAILY,
    noticePerMinute: env.NOTICE_RATE_PER_MINUTE,
  };
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  corsOrigins: string[];
  webApps: { h5Dir: string; adminDir: string };
  /** Never in production (there is no simulator there). */
  simulatorProxy: boolean;
  trustProxy: boolean;
  /** With trustProxy: proxies in front of the server, each appending to X-Forwarded-For. */
  trustedProxyHops: number;
  seedDemo: boolean;
  /** Bearer token GET /metrics requires; see METRICS_TOKEN. */
  metricsToken?: string;
  database: DatabaseConfig;
  provinceCode: string;
  limits: Limits;
  /** 近期绑定手机: bindings of the last this-many days are listed and may be undone. */
  phoneBindingReviewDays: number;
  integrations: IntegrationSettings;
  notifications: NotificationSettings;
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

/**
 * SMS_ENDPOINT as the Tencent SDK wants it: a host and a protocol. HTTPS unless it is an http:// URL or, without it,
 * a standalone simulator is configured; plain HTTP never in production.
 */
function smsEndpoint(env: Env): Pick<IntegrationSettings['sms'], 'endpoint' | 'protocol'> {
  const value = env.SMS_ENDPOINT;
  const url = value && /^https?:\/\//.test(value) ? new URL(value) : null;
  const protocol = url ? (`${url.protocol}//` as 'https://' | 'http://') : env.SIMULATOR_URL ? 'http://' : 'https://';
  if (env.NODE_ENV === 'production' && protocol === 'http://') {
    throw new ConfigError('invalid configuration: SMS_ENDPOINT must use HTTPS in production');
  }
  return { endpoint: url ? url.host : value, protocol };
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
  if (env.NODE_ENV === 'production' && env.SIMULATOR_URL) {
    throw new ConfigError('SIMULATOR_URL is not allowed in production (the simulator never runs there)');
  }
  const sms = smsEndpoint(env);
  const dataDir = path.resolve(env.DATA_DIR);
  const database = databaseConfigFromUrl(env.DATABASE_URL, dataDir);
  database.catalogCacheSeconds = env.CATALOG_CACHE_SECONDS;
  if (database.dialect === 'mysql') {
    const min = env.DB_POOL_MIN ?? Math.min(DEFAULT_POOL.min, env.DB_POOL_MAX);
    if (min > env.DB_POOL_MAX) throw new ConfigError('invalid configuration: DB_POOL_MIN must not exceed DB_POOL_MAX');
    database.pool = { max: env.DB_POOL_MAX, min, acquireMs: env.DB_POOL_ACQUIRE_MS, idleMs: env.DB_POOL_IDLE_MS };
  }
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    webApps: { h5Dir: path.resolve(env.H5_DIST_DIR), adminDir: path.resolve(env.ADMIN_DIST_DIR) },
    simulatorProxy: env.SIMULATOR_PROXY === 'true' && env.NODE_ENV !== 'production',
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY === 'true' : env.NODE_ENV === 'production',
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    seedDemo: env.SEED_DEMO === 'auto' && env.NODE_ENV !== 'production',
    metricsToken: env.METRICS_TOKEN,
    database,
    provinceCode: env.PROVINCE_CODE,
    limits: {
      sms: {
        codeTtlSeconds: env.SMS_CODE_TTL_SECONDS,
        maxWrongTries: env.SMS_MAX_WRONG_TRIES,
        resendSeconds: env.SMS_RESEND_SECONDS,
        perPhoneHourly: env.SMS_PHONE_HOURLY,
        perPhoneDaily: env.SMS_PHONE_DAILY,
        perIpHourly: env.SMS_IP_HOURLY,
        perIpDaily: env.SMS_IP_DAILY,
        ipCaptchaAfter: env.SMS_IP_CAPTCHA_AFTER,
      },
      login: {
        captchaAfter: env.LOGIN_CAPTCHA_AFTER,
        lockAfter: env.LOGIN_LOCK_AFTER,
        lockMinutes: env.LOGIN_LOCK_MINUTES,
        ipCaptchaAfter: env.LOGIN_IP_CAPTCHA_AFTER,
        ipLockAfter: env.LOGIN_IP_LOCK_AFTER,
      },
      captcha: { perIpPerMinute: env.CAPTCHA_IP_PER_MINUTE },
      photoUploadsPerIpHourly: env.PHOTO_UPLOAD_IP_HOURLY,
    },
    phoneBindingReviewDays: env.PHONE_BINDING_REVIEW_DAYS,
    notifications: notificationSettings(env),
    integrations: {
      simulatorPort: env.SIMULATOR_PORT,
      simulatorUrl: env.SIMULATOR_URL,
      wechat: { appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, apiBase: env.WECHAT_API_BASE },
      sms: {
        secretId: env.TENCENT_SECRET_ID,
        secretKey: env.TENCENT_SECRET_KEY,
        sdkAppId: env.SMS_SDK_APP_ID,
        signName: env.SMS_SIGN_NAME,
        templateId: env.SMS_TEMPLATE_ID,
        region: env.SMS_REGION,
        ...sms,
      },
      pay: {
        mchid: env.WECHATPAY_MCHID,
        serialNo: env.WECHATPAY_SERIAL_NO,
        privateKey: env.WECHATPAY_PRIVATE_KEY,
        certificate: env.WECHATPAY_CERTIFICATE,
        apiV3Key: env.WECHATPAY_APIV3_KEY,
        publicKeyId: env.WECHATPAY_PUBLIC_KEY_ID,
        publicKey: env.WECHATPAY_PUBLIC_KEY,
        apiBase: env.WECHATPAY_API_BASE,
        publicBaseUrl: env.PUBLIC_BASE_URL,
      },
    },
    secrets: {
      jwtSecret: env.JWT_SECRET,
      idEncryptionKey: env.ID_ENCRYPTION_KEY,
      idHashKey: env.ID_HASH_KEY,
    },
  };
}
