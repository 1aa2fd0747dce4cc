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

  private async accessToken(now = Date.now()): Promise<string> {
    if (this.token && this.token.expiresAt > now) return this.token.value;
    const body = await this.call<{ access_token: string; expires_in: number }>('/cgi-bin/stable_token', {
      method: 'POST',
      body: { grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret },
    });
    // Refresh five minutes early so a token never expires mid-request.
    this.token = { value: body.access_token, expiresAt: now + (body.expires_in - 300) * 1000 };
    return body.access_token;
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
