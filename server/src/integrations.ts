import { ConfigError, type AppConfig } from './config';
import type { TencentSmsConfig } from './modules/accounts/sms/tencentSmsSender';
import type { WechatConfig } from './modules/accounts/wechat/wechatClient';
import type { WechatPayConfig } from './modules/payment/wechatPayClient';
import type { SimulatorOptions } from './simulator/simulatorApp';
import { loadOrCreateSimulatorOptions } from './simulator/simulatorKeys';

export interface Integrations {
  wechat: WechatConfig;
  sms: TencentSmsConfig;
  pay: WechatPayConfig;
  /** Development and tests: where the simulator listens (its /sim hooks stand in for a phone in the H5 build). */
  simulatorHost?: string;
}

const PRODUCTION_REQUIRED = {
  WECHAT_APP_ID: (c: AppConfig) => c.integrations.wechat.appId,
  WECHAT_APP_SECRET: (c: AppConfig) => c.integrations.wechat.appSecret,
  TENCENT_SECRET_ID: (c: AppConfig) => c.integrations.sms.secretId,
  TENCENT_SECRET_KEY: (c: AppConfig) => c.integrations.sms.secretKey,
  SMS_SDK_APP_ID: (c: AppConfig) => c.integrations.sms.sdkAppId,
  WECHATPAY_MCHID: (c: AppConfig) => c.integrations.pay.mchid,
  WECHATPAY_SERIAL_NO: (c: AppConfig) => c.integrations.pay.serialNo,
  WECHATPAY_PRIVATE_KEY: (c: AppConfig) => c.integrations.pay.privateKey,
  WECHATPAY_CERTIFICATE: (c: AppConfig) => c.integrations.pay.certificate,
  WECHATPAY_APIV3_KEY: (c: AppConfig) => c.integrations.pay.apiV3Key,
  WECHATPAY_PUBLIC_KEY_ID: (c: AppConfig) => c.integrations.pay.publicKeyId,
  WECHATPAY_PUBLIC_KEY: (c: AppConfig) => c.integrations.pay.publicKey,
  PUBLIC_BASE_URL: (c: AppConfig) => c.integrations.pay.publicBaseUrl,
};

/**
 * Whether an in-process simulator stands in for WeChat, WeChat Pay and Tencent Cloud: outside production,
 * unless WECHAT_API_BASE and SMS_ENDPOINT point elsewhere (a standalone simulator, or the real services).
 * Its made-up credentials and keys are kept in DATA_DIR/simulator/keys.json across restarts.
 */
export async function simulatorOptionsFor(config: AppConfig): Promise<SimulatorOptions | null> {
  const { wechat, sms } = config.integrations;
  if (config.env === 'production' || config.integrations.simulatorUrl || (wechat.apiBase && sms.endpoint)) return null;
  return loadOrCreateSimulatorOptions(config.dataDir, wechat.appId ?? 'wxkaoweidev0000001');
}

/**
 * Client settings: the in-process simulator's (at `simulator.host`, "127.0.0.1:port"), or those configured: a
 * standalone simulator's (SIMULATOR_URL and its client env) or the real services'.
 * Without PUBLIC_BASE_URL (development) the notify URL is set once the server listens.
 */
export function resolveIntegrations(
  config: AppConfig,
  simulator: { options: SimulatorOptions; host: string } | null,
): Integrations {
  const { wechat, sms, pay, simulatorUrl } = config.integrations;
  const standalone = simulatorUrl ? new URL(simulatorUrl) : null;
  const smsBase = { signName: sms.signName, verificationTemplateId: sms.templateId, region: sms.region };
  const notifyUrl = pay.publicBaseUrl ? `${pay.publicBaseUrl.replace(/\/$/, '')}/api/payments/notify` : '';
  if (simulator) {
    const keys = simulator.options.pay;
    return {
      wechat: { ...simulator.options.wechat, apiBase: `http://${simulator.host}` },
      sms: { ...smsBase, ...simulator.options.sms, endpoint: simulator.host, protocol: 'http://' },
      pay: {
        appId: keys.merchant.appId,
        mchid: keys.merchant.mchid,
        serialNo: keys.merchant.merchantSerialNo,
        privateKey: keys.merchantPrivateKey,
        certificate: keys.merchant.merchantCertificate,
        apiV3Key: keys.merchant.apiV3Key,
        platformPublicKeys: { [keys.merchant.platformKeyId]: keys.platformPublicKey },
        apiBase: `http://${simulator.host}`,
        notifyUrl,
      },
      simulatorHost: simulator.host,
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
      apiBase: wechat.apiBase ?? standalone?.origin ?? 'https://api.weixin.qq.com',
    },
    sms: {
      ...smsBase,
      secretId: sms.secretId ?? '',
      secretKey: sms.secretKey ?? '',
      sdkAppId: sms.sdkAppId ?? '',
      endpoint: sms.endpoint ?? standalone?.host ?? 'sms.tencentcloudapi.com',
      protocol: sms.protocol,
    },
    pay: {
      appId: wechat.appId ?? '',
      mchid: pay.mchid ?? '',
      serialNo: pay.serialNo ?? '',
      privateKey: pay.privateKey ?? '',
      certificate: pay.certificate ?? '',
      apiV3Key: pay.apiV3Key ?? '',
      platformPublicKeys: pay.publicKeyId && pay.publicKey ? { [pay.publicKeyId]: pay.publicKey } : {},
      apiBase: pay.apiBase ?? standalone?.origin ?? 'https://api.mch.weixin.qq.com',
      notifyUrl,
    },
    simulatorHost: standalone?.host,
  };
}
