import Taro from '@tarojs/taro';
import { request } from '../services/request';

/**
 * The WeChat-only calls (login, pay, phone number) behind one interface, and the one place that decides whether
 * WeChat is there at all. In the mini-program they are WeChat's own. The H5 build is the web channel (production: a
 * browser without WeChat, so password login, SMS phone binding and the Native QR code only) unless it was built for
 * the simulator (`npm run build:h5:sim`, development and tests): then it asks the simulator (proxied by the server
 * under /sim) for what the phone would produce, so the browser exercises the very same server flows.
 */
export interface WechatPlatform {
  /** False on the web channel: pages hide every WeChat-only button (one-tap login, in-app pay, phone number, link). */
  readonly available: boolean;
  /** A one-time login code (wx.login). */
  loginCode(): Promise<string>;
  /** Pays a JSAPI order; resolves when the payer confirmed, rejects with `cancelled` when they backed out. */
  requestPayment(order: { outTradeNo: string; amountYuan: string; requestPayment: JsapiPayParams }): Promise<void>;
  /** H5 only: a phone-number code for the number the tester types (WeChat's button gives one in the mini-program). */
  phoneCode(phone: string): Promise<string>;
  /** Whether the phone-number button works here (the mini-program) or a typed number stands in (H5). */
  readonly hasPhoneButton: boolean;
}

export interface JsapiPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export class PaymentCancelled extends Error {
  constructor() {
    super('已取消支付');
  }
}

const weapp: WechatPlatform = {
  available: true,
  hasPhoneButton: true,
  async loginCode() {
    const { code } = await Taro.login();
    return code;
  },
  async requestPayment({ requestPayment }) {
    try {
      await Taro.requestPayment(requestPayment);
    } catch (error) {
      if (String((error as { errMsg?: string }).errMsg ?? '').includes('cancel')) throw new PaymentCancelled();
      throw error;
    }
  },
  phoneCode() {
    return Promise.reject(new Error('use the getPhoneNumber button in the mini-program'));
  },
};

/** One made-up WeChat user per browser, so "one-tap login" finds the same account again. */
function simulatedOpenid(): string {
  const key = 'kaowei.sim.openid';
  let openid = Taro.getStorageSync(key) as string;
  if (!openid) {
    openid = `oH5${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    Taro.setStorageSync(key, openid);
  }
  return openid;
}

const h5Simulator: WechatPlatform = {
  available: true,
  hasPhoneButton: false,
  async loginCode() {
    const { code } = await request<{ code: string }>('/sim/wechat/login-codes', {
      method: 'POST',
      data: { openid: simulatedOpenid() },
      anonymous: true,
    });
    return code;
  },
  async requestPayment({ outTradeNo, amountYuan }) {
    const { confirm } = await Taro.showModal({
      title: '微信支付（模拟）',
      content: `支付 ¥${amountYuan}`,
      confirmText: '确认支付',
    });
    if (!confirm) throw new PaymentCancelled();
    await request('/sim/pay/scan', {
      method: 'POST',
      data: { outTradeNo, openid: simulatedOpenid() },
      anonymous: true,
    });
  },
  async phoneCode(phone) {
    const { code } = await request<{ code: string }>('/sim/wechat/phone-codes', {
      method: 'POST',
      data: { phone },
      anonymous: true,
    });
    return code;
  },
};

const absent = () => Promise.reject(new Error('请在微信小程序中使用此功能'));

/** A plain browser: nothing here talks to WeChat (or to /sim); the pages offer no WeChat button to reach these. */
const web: WechatPlatform = {
  available: false,
  hasPhoneButton: false,
  loginCode: absent,
  requestPayment: absent,
  phoneCode: absent,
};

function platform(): WechatPlatform {
  if (process.env.TARO_ENV !== 'h5') return weapp;
  return process.env.TARO_APP_WECHAT_SIMULATOR === 'true' ? h5Simulator : web;
}

export const wechat = platform();
