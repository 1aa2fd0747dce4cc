import type { Db } from '../../db/models';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Logger } from '../../logger';
import type { WechatPayClient } from './wechatPayClient';

export interface PaymentDeps {
  db: Db;
  logger: Logger;
  vault: IdCardVault;
  wechatPay: WechatPayClient;
}
