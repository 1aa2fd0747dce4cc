import type { Sequelize } from 'sequelize';
import { defineAccountModels } from '../modules/accounts/models';
import { defineAdminModels } from '../modules/admin/models';
import { defineBookingModels } from '../modules/booking/models';
import { defineCatalogModels } from '../modules/catalog/models';
import { definePaymentModels } from '../modules/payment/models';

/** Models are defined per Sequelize instance, so several databases can live in one process (tests). */
export function defineModels(sequelize: Sequelize) {
  return {
    ...defineCatalogModels(sequelize),
    ...defineAccountModels(sequelize),
    ...defineBookingModels(sequelize),
    ...definePaymentModels(sequelize),
    ...defineAdminModels(sequelize),
  };
}

export type Models = ReturnType<typeof defineModels>;

export interface Db {
  sequelize: Sequelize;
  models: Models;
}
