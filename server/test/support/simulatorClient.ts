/** Drives the simulator's test hooks over HTTP, as a phone running WeChat (or a person reading SMS) would. */
export class SimulatorClient {
  constructor(readonly baseUrl: string) {}

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  async captchaAnswer(captchaId: string): Promise<string> {
    return (await this.call<{ answer: string }>(`/sim/captchas/${captchaId}`)).answer;
  }

  /** Every SMS delivered to the phone, newest first. */
  async inbox(phone: string) {
    return (
      await this.call<{ messages: Array<{ params: string[]; templateId: string; sentAt: string }> }>(
        `/sim/sms/inbox?phone=${phone}`,
      )
    ).messages;
  }

  /** The code in the newest SMS to the phone. */
  async latestSmsCode(phone: string): Promise<string> {
    const [latest] = await this.inbox(phone);
    if (!latest) throw new Error(`no SMS to ${phone}`);
    return latest.params[0]!;
  }

  loginCode(openid?: string): Promise<{ code: string; openid: string }> {
    return this.call('/sim/wechat/login-codes', openid ? { openid } : {});
  }

  async phoneCode(phone: string): Promise<string> {
    return (await this.call<{ code: string }>('/sim/wechat/phone-codes', { phone })).code;
  }

  /** A phone scanning the QR code (or confirming requestPayment) and paying. */
  scan(outTradeNo: string, openid?: string, force = false): Promise<{ paid: boolean; transactionId: string }> {
    return this.call('/sim/pay/scan', { outTradeNo, openid, force });
  }

  paySwitches(switches: Record<string, unknown>): Promise<unknown> {
    return this.call('/sim/pay/switches', switches);
  }

  payOrder(
    outTradeNo: string,
  ): Promise<{ tradeState: string; refunds: Array<{ outRefundNo: string; status: string; amount: number }> }> {
    return this.call(`/sim/pay/orders/${outTradeNo}`);
  }

  /** Every notification delivery attempt the pay simulator made, oldest first, with the status it got. */
  async deliveries(): Promise<Array<{ id: string; eventType: string; status: number; at: string }>> {
    return (
      await this.call<{ deliveries: Array<{ id: string; eventType: string; status: number; at: string }> }>(
        '/sim/pay/deliveries',
      )
    ).deliveries;
  }

  /** How often the platform certificate list was downloaded. */
  async certificateDownloads(): Promise<number> {
    return (await this.call<{ certificateDownloads: number }>('/sim/pay/deliveries')).certificateDownloads;
  }

  /** The user accepting these templates in wx.requestSubscribeMessage (one one-time subscription each). */
  async acceptSubscriptions(openid: string, templateIds: string[]): Promise<void> {
    await this.call('/sim/wechat/subscriptions', { openid, templateIds });
  }

  /** Subscribe messages delivered to the openid, oldest first, and how many tokens were asked for so far. */
  subscribeMessages(openid: string): Promise<{
    messages: Array<{ templateId: string; page: string | null; data: Record<string, { value: string }> }>;
    tokenRequests: number;
  }> {
    return this.call(`/sim/wechat/subscribe-messages?openid=${encodeURIComponent(openid)}`);
  }

  /** Another server refreshed the access token: the one this server holds answers 40001 now. */
  async rotateToken(): Promise<void> {
    await this.call('/sim/wechat/rotate-token', {});
  }

  async failNext(
    api: 'jscode2session' | 'stable_token' | 'getuserphonenumber' | 'SendSms' | 'subscribeMessage.send',
    code: string | number,
  ): Promise<void> {
    await this.call('/sim/fail-next', { api, code });
  }
}
