import type { AppConfig } from '../../config';
import type { Db } from '../../db/models';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Logger } from '../../logger';
import type { ThrottleStore } from '../accounts/throttle';
import type { TokenService } from '../accounts/tokens';
import type { AttachmentStore } from './attachmentStore';

/**
 * What 业务办理 needs: the database, the ID-number vault (信息变更), the attachment store, and the throttle
 * store's row locks (转入 numbers a new ticket as registration does).
 */
export interface ApplicationsDeps {
  config: AppConfig;
  db: Db;
  logger: Logger;
  vault: IdCardVault;
  tokens: TokenService;
  attachments: AttachmentStore;
  throttles: ThrottleStore;
}
