import type { AppConfig } from '../../config';
import type { Db } from '../../db/models';
import type { IdCardVault } from '../../lib/idCardVault';
import type { CaptchaService } from '../accounts/captcha';
import type { ThrottleStore } from '../accounts/throttle';
import type { TokenService } from '../accounts/tokens';

/** What the score reads need (成绩查询, 已合格课程, 毕业进度, the public lookup). */
export interface RecordsDeps {
  config: AppConfig;
  db: Db;
  vault: IdCardVault;
  tokens: TokenService;
  captchas: CaptchaService;
  throttles: ThrottleStore;
}
