import type { NotificationSettings } from '../../config';
import type { Db } from '../../db/models';
import type { Logger } from '../../logger';
import type { SmsSender } from '../accounts/sms/smsSender';
import type { TokenService } from '../accounts/tokens';
import type { WechatClient } from '../accounts/wechat/wechatClient';

export interface NotificationsDeps {
  db: Db;
  logger: Logger;
  tokens: TokenService;
  wechat: WechatClient;
  smsSender: SmsSender;
  notifications: NotificationSettings;
}
