import type { AppConfig } from '../../config';
import type { Db } from '../../db/models';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Logger } from '../../logger';
import type { CaptchaService } from './captcha';
import type { LoginGuard } from './loginGuard';
import type { SmsCodeService } from './sms/smsCodes';
import type { TokenService } from './tokens';
import type { WechatClient } from './wechat/wechatClient';

/** Everything the account operations need, built once per app in `services.ts`. */
export interface AccountsDeps {
  config: AppConfig;
  db: Db;
  logger: Logger;
  vault: IdCardVault;
  tokens: TokenService;
  captchas: CaptchaService;
  loginGuard: LoginGuard;
  smsCodes: SmsCodeService;
  wechat: WechatClient;
}
