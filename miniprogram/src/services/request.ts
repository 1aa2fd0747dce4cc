import Taro from '@tarojs/taro';
import {
  authInterceptor,
  baseUrlInterceptor,
  errorInterceptor,
  type InterceptorDeps,
  type KaoweiRequestFlags,
} from './interceptors';
import { session } from './session';

export { ApiError, NETWORK_ERROR, SESSION_EXPIRED_MESSAGE } from './interceptors';

/** The WeChat build calls the configured origin; H5 calls the origin that served it. */
export const API_BASE = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? '');

const deps: InterceptorDeps = {
  apiBase: API_BASE,
  session,
  goTo(url) {
    const current = Taro.getCurrentPages().at(-1)?.route;
    if (current && url.split('?')[0] === `/${current}`) return;
    void Taro.navigateTo({ url });
  },
  toast(message) {
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
  },
};

let installed = false;

/** Order matters: errors wrap auth (so a refreshed retry is judged once), auth wraps the base URL. */
export function installRequestInterceptors(): void {
  if (installed) return;
  installed = true;
  Taro.addInterceptor(errorInterceptor(deps));
  Taro.addInterceptor(authInterceptor(deps));
  Taro.addInterceptor(baseUrlInterceptor(deps));
}

export interface RequestOptions extends KaoweiRequestFlags {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  data?: unknown;
  /** A token other than the candidate's session (e.g. the registration token); pair with `anonymous`. */
  bearer?: string;
}

/** Calls the API and answers its JSON body; failures arrive as ApiError (already shown unless quiet). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, bearer, ...flags } = options;
  const res = await Taro.request({
    url: path,
    method,
    data: data as Record<string, unknown> | undefined,
    header: {
      'Content-Type': 'application/json',
      ...(bearer !== undefined ? { Authorization: `Bearer ${bearer}` } : {}),
    },
    ...flags,
  } as Taro.request.Option);
  return res.data as T;
}
