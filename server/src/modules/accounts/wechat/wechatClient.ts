import type { Logger } from '../../../logger';

export interface WechatConfig {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com in production; the simulator in development and tests. */
  apiBase: string;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/** A WeChat server API answer with a non-zero errcode. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** The access token was replaced elsewhere (40001) or ran out (42001). */
const TOKEN_ERRCODES = new Set([40001, 42001]);

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  /** The mini-program page the message opens. */
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}

interface Errorish {
  errcode?: number;
  errmsg?: string;
}

/**
 * The mini-program server APIs: code → openid, the stable access token (cached until shortly before
 * it expires), and the phone number behind a getPhoneNumber code. session_key never leaves this class.
 */
export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly config: WechatConfig,
    private readonly logger: Logger,
  ) {}

  private async call<T>(path: string, init?: { method: 'POST'; body: unknown }): Promise<T & Errorish> {
    const response = await fetch(`${this.config.apiBase}${path}`, {
      method: init?.method ?? 'GET',
      headers: init ? { 'Content-Type': 'application/json' } : undefined,
      body: init ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as T & Errorish;
    if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? '');
    return body;
  }

  async codeToSession(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const body = await this.call<{ openid: string; session_key: string; unionid?: string }>(
      `/sns/jscode2session?${query}`,
    );
    return { openid: body.openid, unionid: body.unionid };
  }

  private async accessToken(now = Date.now(), forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.token && this.token.expiresAt > now) return this.token.value;
    const credentials = { grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret };
    const body = await this.call<{ access_token: string; expires_in: number }>('/cgi-bin/stable_token', {
      method: 'POST',
      body: forceRefresh ? { ...credentials, force_refresh: true } : credentials,
    });
    // Refresh five minutes early so a token never expires mid-request.
    this.token = { value: body.access_token, expiresAt: now + (body.expires_in - 300) * 1000 };
    return body.access_token;
  }

  /**
   * subscribeMessage.send: WeChat uses one of the user's accepted one-time subscriptions when it succeeds.
   * A token WeChat calls invalid (40001) or expired (42001) is fetched anew once and the send tried again;
   * any other errcode is thrown as a WechatApiError for the caller to judge.
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const send = (token: string) =>
      this.call(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: message,
      });
    try {
      await send(await this.accessToken());
    } catch (error) {
      if (!(error instanceof WechatApiError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      this.token = null;
      await send(await this.accessToken(Date.now(), true));
    }
  }

  /** The mainland number behind a getPhoneNumber code. */
  async phoneNumber(code: string): Promise<{ purePhoneNumber: string; countryCode: string }> {
    const token = await this.accessToken();
    try {
      const body = await this.call<{ phone_info: { purePhoneNumber: string; countryCode: string | number } }>(
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
        { method: 'POST', body: { code } },
      );
      return { purePhoneNumber: body.phone_info.purePhoneNumber, countryCode: String(body.phone_info.countryCode) };
    } catch (error) {
      // 40001: the token was revoked or replaced elsewhere; forget it so the next call fetches a new one.
      if (error instanceof WechatApiError && error.errcode === 40001) this.token = null;
      this.logger.warn({ err: error }, 'getuserphonenumber failed');
      throw error;
    }
  }
}
