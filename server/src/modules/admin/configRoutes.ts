import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ApiRouter } from '../../http/apiRouter';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { addMeRoutes } from './meRoutes';
import { addOfferingRoutes } from './offerings/offeringRoutes';
import { addOfficialRoutes } from './officials/officialRoutes';
import { addPeriodRoutes } from './periods/periodRoutes';
import { addQuotaGridRoutes } from './quotas/quotaGridRoutes';
import { addRegionRoutes } from './regions/regionRoutes';
import { addMajorRoutes } from './majors/majorRoutes';

/** The officials' own account, 账号管理 and the configuration screens: regions, periods, units, offerings, quotas, majors. */
export function adminConfigRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const official = officialGuard(deps.db, deps.tokens);
  addMeRoutes(api, deps, official);
  addRegionRoutes(api, deps, official);
  addPeriodRoutes(api, deps, official);
  addOfferingRoutes(api, deps, official);
  addQuotaGridRoutes(api, deps, official);
  addOfficialRoutes(api, deps);
  addMajorRoutes(api, deps, official);
  return api;
}
