/** What the simulator remembers: issued codes, delivered messages, and switches tests can flip. */
export interface SentSms {
  phone: string;
  signName: string;
  templateId: string;
  params: string[];
  sentAt: string;
}

/** A subscribe message WeChat accepted for delivery. */
export interface SentSubscribeMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  sentAt: string;
}

export interface SimulatorState {
  loginCodes: Map<string, { openid: string; expiresAt: number; used: boolean }>;
  phoneCodes: Map<string, { phone: string; expiresAt: number; used: boolean }>;
  accessToken: { value: string; expiresAt: number } | null;
  /** jscode2session calls per openid in the current minute, for errcode 45011. */
  sessionCalls: Map<string, { minute: number; count: number }>;
  smsInbox: SentSms[];
  /** One-time subscriptions a user accepted (wx.requestSubscribeMessage), by "openid template_id". */
  subscriptions: Map<string, number>;
  subscribeMessages: SentSubscribeMessage[];
  /** stable_token calls so far (tests check a token is refreshed once, not on every send). */
  tokenRequests: number;
  captchaAnswers: Map<string, string>;
  /** Error codes to answer the next call of an API with, then cleared. */
  failNext: Map<string, string | number>;
}

export function createSimulatorState(): SimulatorState {
  return {
    loginCodes: new Map(),
    phoneCodes: new Map(),
    accessToken: null,
    sessionCalls: new Map(),
    smsInbox: [],
    subscriptions: new Map(),
    subscribeMessages: [],
    tokenRequests: 0,
    captchaAnswers: new Map(),
    failNext: new Map(),
  };
}

export const CODE_LIFETIME_MS = 5 * 60 * 1000;
