import type { AppConfig } from '../../../config';
import type { Db } from '../../../db/models';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { PhotoStore } from '../../accounts/registration/photos';
import type { TokenService } from '../../accounts/tokens';

export interface TicketDeps {
  config: AppConfig;
  db: Db;
  vault: IdCardVault;
  tokens: TokenService;
  photos: PhotoStore;
}
