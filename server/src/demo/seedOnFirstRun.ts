import type { AppConfig } from '../config';
import type { Db } from '../db/models';
import { IdCardVault } from '../lib/idCardVault';
import type { Logger } from '../logger';
import type { Secrets } from '../secrets';
import { DEMO_OFFICIAL_PASSWORD } from './data';
import { seedDemo } from './seedDemo';

/**
 * Development: an empty database gets the demo province (once, before any instance serves). Returns the
 * line for the console, or null when nothing was loaded.
 */
export async function seedOnFirstRun(
  config: AppConfig,
  db: Db,
  secrets: Secrets,
  logger: Logger,
): Promise<string | null> {
  if (!config.seedDemo || (await db.models.ExamPeriod.count()) > 0) return null;
  logger.info('empty database: seeding the demo province');
  const plan = await seedDemo(db, new IdCardVault(secrets));
  return `Demo data loaded: exam period ${plan.name}, officials province/chengdu/wuhou/fucheng, password ${DEMO_OFFICIAL_PASSWORD}`;
}
