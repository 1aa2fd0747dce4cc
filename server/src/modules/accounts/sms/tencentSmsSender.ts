import { sms } from 'tencentcloud-sdk-nodejs-sms';
import { SmsSendError, type SmsSender } from './smsSender';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  region: string;
  sdkAppId: string;
  signName: string;
  /** Template: "您的验证码为{1}，{2}分钟内有效。" */
  verificationTemplateId: string;
  /** sms.tencentcloudapi.com in production; the simulator's host:port in development. */
  endpoint: string;
  protocol: 'https://' | 'http://';
}

/** Tencent Cloud SMS through its official SDK (API 2021-01-11, TC3-HMAC-SHA256 signing). */
export class TencentSmsSender implements SmsSender {
  private readonly client: InstanceType<typeof sms.v20210111.Client>;

  constructor(private readonly config: TencentSmsConfig) {
    this.client = new sms.v20210111.Client({
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      profile: { httpProfile: { endpoint: config.endpoint, protocol: config.protocol, reqTimeout: 10 } },
    });
  }

  sendVerificationCode(phone: string, code: string, validMinutes: number): Promise<void> {
    return this.sendNotice(phone, this.config.verificationTemplateId, [code, String(validMinutes)]);
  }

  async sendNotice(phone: string, templateId: string, params: string[]): Promise<void> {
    let status;
    try {
      const response = await this.client.SendSms({
        SmsSdkAppId: this.config.sdkAppId,
        SignName: this.config.signName,
        TemplateId: templateId,
        PhoneNumberSet: [`+86${phone}`],
        TemplateParamSet: params,
      });
      status = response.SendStatusSet?.[0];
    } catch (error) {
      const { code: providerCode = 'InternalError', message } = error as { code?: string; message: string };
      throw new SmsSendError(providerCode, message);
    }
    if (!status || status.Code !== 'Ok') {
      throw new SmsSendError(status?.Code ?? 'InternalError', status?.Message ?? 'no send status');
    }
  }
}
