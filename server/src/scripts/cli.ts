import { ConfigError, loadConfig, type AppConfig } from '../config';
import { createLogger, type Logger } from '../logger';

/** Shared set-up for command-line scripts: config, a logger, and one clear line on failure. */
export async function runScript(
  name: string,
  body: (config: AppConfig, logger: Logger) => Promise<void>,
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`kaowei ${name}: ${(error as Error).message}`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
  try {
    await body(config, logger);
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : (error as Error).message;
    console.error(`kaowei ${name}: ${message}`);
    process.exit(1);
  }
}
