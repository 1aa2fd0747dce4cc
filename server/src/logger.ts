import { maskPersonalDataInText } from '@kaowei/shared';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Keys whose values are never written, whatever their content. */
const REDACTED_KEYS = [
  'password',
  'oldPassword',
  'newPassword',
  'temporaryPassword',
  'smsCode',
  'captchaAnswer',
  'accessToken',
  'refreshToken',
  'token',
  'sessionKey',
  'session_key',
  'authorization',
  'cookie',
];
const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * Every log line passes through the ID/phone mask before it is written, so personal data is
 * masked wherever it hides (messages, nested objects, URLs, error texts).
 */
export function maskingDestination(inner: DestinationStream): DestinationStream {
  return { write: (line: string) => inner.write(maskPersonalDataInText(line)) };
}

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const inner: DestinationStream =
    options.destination ??
    (options.pretty
      ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : pino.destination(1));
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'kaowei' },
    },
    maskingDestination(inner),
  );
}
