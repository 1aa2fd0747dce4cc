import type { AppConfig } from './config';
import type { Db } from './db/models';
import type { Integrations } from './integrations';
import { IdCardVault } from './lib/idCardVault';
import type { Logger } from './logger';
import { CaptchaService } from './modules/accounts/captcha';
import { LoginGuard } from './modules/accounts/loginGuard';
import { PhotoStore } from './modules/accounts/registration/photos';
import { AttachmentStore } from './modules/applications/attachmentStore';
import type { ApplicationsDeps } from './modules/applications/applicationsDeps';
import type { NotificationsDeps } from './modules/notifications/notificationsDeps';
import type { RegistrationDeps } from './modules/accounts/registration/registrationDeps';
import { SmsCodeService } from './modules/accounts/sms/smsCodes';
import { TencentSmsSender } from './modules/accounts/sms/tencentSmsSender';
import { ThrottleStore } from './modules/accounts/throttle';
import { TokenService } from './modules/accounts/tokens';
import { WechatClient } from './modules/accounts/wechat/wechatClient';
import { SeatBoard } from './modules/catalog/seatBoard';
import { tellWaitlistWith } from './modules/ledger/waitlistMessages';
import { tellWaitlist } from './modules/notifications/tellWaitlist';
import type { PaymentDeps } from './modules/payment/deps';
import { WechatPayClient } from './modules/payment/wechatPayClient';
import type { Secrets } from './secrets';

export interface ServiceDeps {
  config: AppConfig;
  db: Db;
  logger: Logger;
  secrets: Secrets;
  integrations: Integrations;
  /** Development only: lets the simulator show captcha answers to tests (awaited before the captcha is handed out). */
  onCaptchaIssued?: (captchaId: string, answer: string) => Promise<void> | void;
}

export interface Services extends RegistrationDeps, PaymentDeps, ApplicationsDeps, NotificationsDeps {
  seatBoard: SeatBoard;
}

/** Wires the services once per app: one place that knows which implementation serves which interface. */
export function buildServices(deps: ServiceDeps): Services {
  const { config, db, logger, secrets, integrations } = deps;
  // The ledger gives waitlist seats but may not import the outbox: it is handed in here.
  tellWaitlistWith(tellWaitlist);
  const throttles = new ThrottleStore(db.sequelize);
  const captchas = new CaptchaService(
    db.sequelize,
    throttles,
    config.limits.captcha.perIpPerMinute,
    deps.onCaptchaIssued,
  );
  const smsSender = new TencentSmsSender(integrations.sms);
  return {
    config,
    notifications: config.notifications,
    smsSender,
    db,
    logger,
    throttles,
    captchas,
    vault: new IdCardVault(secrets),
    tokens: new TokenService(secrets.jwtSecret),
    loginGuard: new LoginGuard(throttles, captchas, config.limits.login),
    smsCodes: new SmsCodeService(
      db.sequelize,
      throttles,
      captchas,
      smsSender,
      config.limits.sms,
      secrets.idHashKey,
      logger,
    ),
    wechat: new WechatClient(integrations.wechat, logger),
    photos: new PhotoStore(config.dataDir),
    attachments: new AttachmentStore(config.dataDir),
    idCardImages: new AttachmentStore(config.dataDir, 'registrations'),
    seatBoard: new SeatBoard(db),
    wechatPay: new WechatPayClient(integrations.pay),
  };
}
