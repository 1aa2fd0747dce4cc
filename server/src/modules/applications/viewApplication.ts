import type { AdminApplicationView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import type { Official } from '../accounts/models';
import { adminApplicationViews } from './applicationViews';
import { applicationInScope } from './readAttachment';

/** One application as the reviewing official sees it. */
export async function applicationForOfficial(db: Db, official: Official, id: number): Promise<AdminApplicationView> {
  const [view] = await adminApplicationViews(db, [await applicationInScope(db, official, id)]);
  return view!;
}
