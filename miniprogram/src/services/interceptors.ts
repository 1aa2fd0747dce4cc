import { ERRORS, type ApiErrorBody } from '@kaowei/shared';
import type Taro from '@tarojs/taro';
import { FIRST_LOGIN_PAGE, LOGIN_PAGE } from './pages';
import type { SessionStore } from './session';

export { FIRST_LOGIN_PAGE, LOGIN_PAGE };

type Chain = Taro.Chain;
type Response = Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** Codes that mean "sign in again" and codes that send a first-time candidate to the guide. */
const SIGN_IN_CODES = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED']);
const FIRST_LOGIN_CODES = new Set(['PHONE_BIND_REQUIRED', 'PASSWORD_CHANGE_REQUIRED']);

/** The login page telling a candidate whose stored session the server no longer accepts why they are there. */
export const SESSION_EXPIRED_PAGE = `${LOGIN_PAGE}?expired=1`;
export const SESSION_EXPIRED_MESSAGE = ERRORS.TOKEN_EXPIRED.message;

export interface InterceptorDeps {
  apiBase: string;
  session: SessionStore;
  /** Opens a page (redirect, keeping the tab bar sane). */
  goTo(url: string): void;
  toast(message: string): void;
}

/** Extra options our request() passes inside Taro's request params. */
export interface KaoweiRequestFlags {
  /** Leave the error toast to the page (forms that show errors beside fields). */
  quiet?: boolean;
  /** Do not attach the token (login, captcha, lookup). */
  anonymous?: boolean;
  /** Leave the toast to the page for these error codes only (ones it answers with a dialog); others still toast. */
  quietCodes?: string[];
}

type Params = Chain['requestParams'] & KaoweiRequestFlags;

/** Prefixes relative API paths with the configured origin (empty in H5: the page's own origin). */
export function baseUrlInterceptor(deps: Pick<InterceptorDeps, 'apiBase'>) {
  return (chain: Chain) => {
    const params = chain.requestParams;
    const url = /^https?:\/\//.test(params.url) ? params.url : `${deps.apiBase.replace(/\/$/, '')}${params.url}`;
    return chain.proceed({ ...params, url });
  };
}

/**
 * Attaches the access token; when the server says it expired, trades the refresh token for a new pair once
 * (one refresh shared by every request waiting on it) and replays the request.
 */
export function authInterceptor(deps: Pick<InterceptorDeps, 'session'>) {
  let refreshing: Promise<boolean> | null = null;
  const withToken = (params: Params, token: string | undefined) => ({
    ...params,
    header: { ...(params.header ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const refresh = (chain: Chain, refreshToken: string): Promise<boolean> => {
    refreshing ??= (
      chain.proceed({ url: '/api/accounts/refresh', method: 'POST', data: { refreshToken } }) as Promise<Response>
    )
      .then((res) => {
        const body = res.data as { accessToken?: string; refreshToken?: string };
        if (res.statusCode === 200 && body.accessToken && body.refreshToken) {
          deps.session.save({ accessToken: body.accessToken, refreshToken: body.refreshToken });
          return true;
        }
        deps.session.clear();
        return false;
      })
      .catch(() => false)
      .finally(() => (refreshing = null));
    return refreshing;
  };
  return async (chain: Chain) => {
    const params = chain.requestParams as Params;
    if (params.anonymous) return chain.proceed(params);
    const current = deps.session.get();
    const res = (await chain.proceed(withToken(params, current?.accessToken))) as Response;
    const code = (res.data as Partial<ApiErrorBody> | undefined)?.code;
    if (res.statusCode !== 401 || code !== 'TOKEN_EXPIRED' || !current) return res;
    if (!(await refresh(chain, current.refreshToken))) return res;
    return chain.proceed(withToken(params, deps.session.get()?.accessToken));
  };
}

/**
 * Turns every non-2xx answer and network failure into an ApiError with a Chinese message, shows it as a toast
 * (unless the caller is quiet), and routes the codes that need another page: sign in, or finish the first login.
 */
export function errorInterceptor(deps: Pick<InterceptorDeps, 'goTo' | 'toast' | 'session'>) {
  return async (chain: Chain) => {
    const params = chain.requestParams as Params;
    // Read before the call: a refused refresh clears the session on the way back.
    const hadSession = !params.anonymous && !!deps.session.get();
    let res: Response;
    try {
      res = (await chain.proceed(params)) as Response;
    } catch {
      if (!params.quiet) deps.toast(NETWORK_MESSAGE);
      throw new ApiError(NETWORK_ERROR, NETWORK_MESSAGE, 0);
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res;
    const body = (res.data ?? {}) as Partial<ApiErrorBody>;
    const code = body.code ?? 'HTTP_ERROR';
    // A stored session the server refuses (expired, ended by a password reset, unknown) has expired to the candidate.
    const sessionEnded = SIGN_IN_CODES.has(code) && hadSession;
    const error = new ApiError(
      code,
      sessionEnded ? SESSION_EXPIRED_MESSAGE : (body.message ?? ERRORS.INTERNAL_ERROR.message),
      res.statusCode,
      body.details,
    );
    // An anonymous call carries no candidate session (e.g. a registration token): its refusal signs nobody out.
    if (SIGN_IN_CODES.has(error.code) && !params.anonymous) {
      deps.session.clear();
      deps.goTo(sessionEnded ? SESSION_EXPIRED_PAGE : LOGIN_PAGE);
    } else if (FIRST_LOGIN_CODES.has(error.code)) {
      deps.goTo(FIRST_LOGIN_PAGE);
    }
    if (!params.quiet && !params.quietCodes?.includes(error.code)) deps.toast(error.message);
    throw error;
  };
}
