import type { SimulatorOptions } from './simulatorApp';

/**
 * The environment a server needs to use a simulator listening at `host` ("127.0.0.1:3100"): the credentials it
 * accepts, where its APIs are, and SIMULATOR_URL for its /sim hooks.
 */
export function simulatorClientEnv(options: SimulatorOptions, host: string): Record<string, string> {
  const { merchant, merchantPrivateKey, platformPublicKey } = options.pay;
  const url = `http://${host}`;
  return {
    WECHAT_APP_ID: options.wechat.appId,
    WECHAT_APP_SECRET: options.wechat.appSecret,
    WECHAT_API_BASE: url,
    TENCENT_SECRET_ID: options.sms.secretId,
    TENCENT_SECRET_KEY: options.sms.secretKey,
    SMS_SDK_APP_ID: options.sms.sdkAppId,
    SMS_ENDPOINT: host,
    WECHATPAY_MCHID: merchant.mchid,
    WECHATPAY_SERIAL_NO: merchant.merchantSerialNo,
    WECHATPAY_PRIVATE_KEY: merchantPrivateKey,
    WECHATPAY_CERTIFICATE: merchant.merchantCertificate,
    WECHATPAY_APIV3_KEY: merchant.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: merchant.platformKeyId,
    WECHATPAY_PUBLIC_KEY: platformPublicKey,
    WECHATPAY_API_BASE: url,
    SIMULATOR_URL: url,
  };
}
