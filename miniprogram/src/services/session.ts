import Taro from '@tarojs/taro';

/** What a signed-in candidate keeps on the phone: the token pair, nothing personal. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'kaowei.session';

export const session = {
  get(): StoredSession | null {
    const value = Taro.getStorageSync(KEY) as StoredSession | '' | undefined;
    return value && value.accessToken ? value : null;
  },
  save(value: StoredSession): void {
    Taro.setStorageSync(KEY, { accessToken: value.accessToken, refreshToken: value.refreshToken });
  },
  clear(): void {
    Taro.removeStorageSync(KEY);
  },
};

export type SessionStore = typeof session;
