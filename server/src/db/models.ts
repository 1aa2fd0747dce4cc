import type { Sequelize } from 'sequelize';
import { DEFAULT_CATALOG_CACHE_SECONDS, type DatabaseConfig } from '../config';
import type { Clock } from '../lib/ttlCache';
import { defineAccountModels } from '../modules/accounts/models';
import { defineAdminModels } from '../modules/admin/models';
import { defineAdmissionModels } from '../modules/admission/models';
import { defineApplicationModels } from '../modules/applications/models';
import { defineBookingModels } from '../modules/booking/models';
import { CatalogCache } from '../modules/catalog/catalogCache';
import { catalogSource } from '../modules/catalog/catalogSource';
import { defineCatalogModels } from '../modules/catalog/models';
import { definePaymentModels } from '../modules/payment/models';
import { defineRecordModels } from '../modules/records/models';

/** Models are defined per Sequelize instance, so several databases can live in one process (tests). */
export function defineModels(sequelize: Sequelize) {
  return {
    ...defineCatalogModels(sequelize),
    ...defineAccountModels(sequelize),
    ...defineBookingModels(sequelize),
    ...definePaymentModels(sequelize),
    ...defineAdminModels(sequelize),
    ...defineRecordModels(sequelize),
    ...defineAdmissionModels(sequelize),
    ...defineApplicationModels(sequelize),
  };
}

export type Models = ReturnType<typeof defineModels>;

export interface Db {
  sequelize: Sequelize;
  models: Models;
  /** Periods, units, offerings and regions as every request reads them, a few seconds old at most. */
  catalog: CatalogCache;
}

/** The models of a connection and the catalog cache reading through them (one per database, per process). */
export function createDb(sequelize: Sequelize, config: Pick<DatabaseConfig, 'catalogCacheSeconds'>, clock?: Clock): Db {
  const models = defineModels(sequelize);
  const seconds = config.catalogCacheSeconds ?? DEFAULT_CATALOG_CACHE_SECONDS;
  return { sequelize, models, catalog: new CatalogCache(catalogSource({ sequelize, models }), seconds * 1000, clock) };
}
