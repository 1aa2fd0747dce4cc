import { randomBytes } from 'node:crypto';
import { ConfigError, type AppConfig } from './config';
import type { TencentSmsConfig } from './modules/accounts/sms/tencentSmsSender';
import type { WechatConfig } from './modules/accounts/wechat/wechatClient';
import type { SimulatorOptions } from './simulator/simulatorApp';

export interface Integrations {
  wechat: WechatConfig;
  sms: TencentSmsConfig;
}

const PRODUCTION_REQUIRED = {
  WECHAT_APP_ID: (c: AppConfig) => c.integrations.wechat.appId,
  WECHAT_APP_SECRET: (c: AppConfig) => c.integrations.wechat.appSecret,
  TENCENT_SECRET_ID: (c: AppConfig) => c.integrations.sms.secretId,
  TENCENT_SECRET_KEY: (c: AppConfig) => c.integrations.sms.secretKey,
  SMS_SDK_APP_ID: (c: AppConfig) => c.integrations.sms.sdkAppId,
};

/**
 * Whether the simulator stands in for WeChat and Tencent Cloud: outside production, unless
 * WECHAT_API_BASE and SMS_ENDPOINT point elsewhere. Its credentials are made up for this process.
 */
export function simulatorOptionsFor(config: AppConfig): SimulatorOptions | null {
  const { wechat, sms } = config.integrations;
  if (config.env === 'production' || (wechat.apiBase && sms.endpoint)) return null;
  return {
    wechat: { appId: wechat.appId ?? 'wxkaoweidev0000001', appSecret: randomBytes(16).toString('hex') },
    sms: {
      secretId: `AKID${randomBytes(12).toString('hex')}`,
      secretKey: randomBytes(16).toString('hex'),
      sdkAppId: '1400000001',
    },
  };
}

/** Client settings: the simulator's (at `simulatorHost`, "127.0.0.1:port") or the real services'. */
export function resolveIntegrations(
  config: AppConfig,
  simulator: { options: SimulatorOptions; host: string } | null,
): Integrations {
  const { wechat, sms } = config.integrations;
  const smsBase = { signName: sms.signName, verificationTemplateId: sms.templateId, region: sms.region };
  if (simulator) {
    return {
      wechat: { ...simulator.options.wechat, apiBase: `http://${simulator.host}` },
      sms: { ...smsBase, ...simulator.options.sms, endpoint: simulator.host, protocol: 'http://' },
    };
  }
  if (config.env === 'production') {
    const missing = Object.entries(PRODUCTION_REQUIRED)
      .filter(([, read]) => !read(config))
      .map(([name]) => name);
    if (missing.length > 0) throw new ConfigError(`missing in production: ${missing.join(', ')}`);
  }
  return {
    wechat: {
      appId: wechat.appId ?? '',
      appSecret: wechat.appSecret ?? '',
      apiBase: wechat.apiBase ?? 'https://api.weixin.qq.com',
    },
    sms: {
      ...smsBase,
      secretId: sms.secretId ?? '',
      secretKey: sms.secretKey ?? '',
      sdkAppId: sms.sdkAppId ?? '',
      endpoint: sms.endpoint ?? 'sms.tencentcloudapi.com',
      protocol: 'https://',
    },
  };
}
