import type Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  FIRST_LOGIN_PAGE,
  LOGIN_PAGE,
  NETWORK_ERROR,
  SESSION_EXPIRED_PAGE,
  authInterceptor,
  baseUrlInterceptor,
  errorInterceptor,
  type KaoweiRequestFlags,
} from './interceptors';
import type { SessionStore, StoredSession } from './session';

type Params = Taro.Chain['requestParams'] & KaoweiRequestFlags;
type Answer = { statusCode: number; data: unknown };
type Interceptor = (chain: Taro.Chain) => Promise<unknown>;

/** Runs params through interceptors the way Taro's Link does, ending at `server`. */
function run(interceptors: Interceptor[], server: (params: Params) => Answer | Promise<Answer>, params: Params) {
  const step = (index: number, requestParams: Params): Promise<unknown> => {
    if (index === interceptors.length) return Promise.resolve().then(() => server(requestParams));
    const chain = {
      index,
      requestParams,
      interceptors: [],
      proceed: (next: Params) => step(index + 1, next),
    } as unknown as Taro.Chain;
    return interceptors[index]!(chain);
  };
  return step(0, params);
}

function memorySession(initial: StoredSession | null = null): SessionStore & { value: StoredSession | null } {
  const store = {
    value: initial,
    get: () => store.value,
    save: (value: StoredSession) => void (store.value = value),
    clear: () => void (store.value = null),
  };
  return store;
}

function harness(initial: StoredSession | null = null) {
  const session = memorySession(initial);
  const pages: string[] = [];
  const toasts: string[] = [];
  const interceptors = [
    errorInterceptor({ session, goTo: (url) => pages.push(url), toast: (m) => toasts.push(m) }),
    authInterceptor({ session }),
    baseUrlInterceptor({ apiBase: 'https://api.example.cn' }),
  ];
  return { session, pages, toasts, interceptors };
}

describe('request interceptors', () => {
  it('calls the configured origin with the access token and answers the body', async () => {
    const { interceptors } = harness({ accessToken: 'A1', refreshToken: 'R1' });
    const seen: Params[] = [];
    const res = (await run(interceptors, (p) => (seen.push(p), { statusCode: 200, data: { ok: true } }), {
      url: '/api/booking/mine',
    })) as Answer;
    expect(res.data).toEqual({ ok: true });
    expect(seen[0]!.url).toBe('https://api.example.cn/api/booking/mine');
    expect(seen[0]!.header).toMatchObject({ Authorization: 'Bearer A1' });
  });

  it('sends no token on anonymous calls (login, captcha)', async () => {
    const { interceptors } = harness({ accessToken: 'A1', refreshToken: 'R1' });
    const seen: Params[] = [];
    await run(interceptors, (p) => (seen.push(p), { statusCode: 200, data: {} }), {
      url: '/api/captcha',
      anonymous: true,
    });
    expect(seen[0]!.header?.Authorization).toBeUndefined();
  });

  it('refreshes an expired token once for concurrent requests and replays them', async () => {
    const { interceptors, session, toasts } = harness({ accessToken: 'old', refreshToken: 'R1' });
    let refreshes = 0;
    const server = async (p: Params): Promise<Answer> => {
      if (p.url.endsWith('/api/accounts/refresh')) {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { statusCode: 200, data: { accessToken: 'new', refreshToken: 'R2' } };
      }
      return p.header?.Authorization === 'Bearer new'
        ? { statusCode: 200, data: { url: p.url } }
        : { statusCode: 401, data: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } };
    };
    const answers = (await Promise.all([
      run(interceptors, server, { url: '/api/accounts/me' }),
      run(interceptors, server, { url: '/api/booking/mine' }),
    ])) as Answer[];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(refreshes).toBe(1);
    expect(session.value).toEqual({ accessToken: 'new', refreshToken: 'R2' });
    expect(toasts).toEqual([]);
  });

  it('sends the candidate to the login page when the refresh is refused too', async () => {
    const { interceptors, session, pages, toasts } = harness({ accessToken: 'old', refreshToken: 'R1' });
    const expired = { statusCode: 401, data: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } };
    const error = await run(interceptors, () => expired, { url: '/api/booking/mine' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('TOKEN_EXPIRED');
    expect(session.value).toBeNull();
    expect(pages).toEqual([SESSION_EXPIRED_PAGE]);
    expect(toasts).toEqual(['登录已过期，请重新登录']);
  });

  it('tells a candidate whose stored tokens the server does not know that the sign-in expired', async () => {
    const { interceptors, session, pages, toasts } = harness({ accessToken: 'junk', refreshToken: 'junk' });
    const unknown = { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    await expect(run(interceptors, () => unknown, { url: '/api/accounts/me' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: '登录已过期，请重新登录',
    });
    expect(session.value).toBeNull();
    expect(pages).toEqual([SESSION_EXPIRED_PAGE]);
    expect(toasts).toEqual(['登录已过期，请重新登录']);
  });

  it('asks a candidate who never signed in to sign in', async () => {
    const { interceptors, pages, toasts } = harness();
    const unknown = { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    await expect(run(interceptors, () => unknown, { url: '/api/booking/mine' })).rejects.toMatchObject({
      message: '请先登录',
    });
    expect(pages).toEqual([LOGIN_PAGE]);
    expect(toasts).toEqual(['请先登录']);
  });

  it('sends a first-time candidate to the first-login guide', async () => {
    const { interceptors, pages } = harness({ accessToken: 'A', refreshToken: 'R' });
    const answer = { statusCode: 403, data: { code: 'PHONE_BIND_REQUIRED', message: '首次登录请先绑定手机' } };
    await expect(run(interceptors, () => answer, { url: '/api/booking/mine' })).rejects.toMatchObject({
      code: 'PHONE_BIND_REQUIRED',
    });
    expect(pages).toEqual([FIRST_LOGIN_PAGE]);
  });

  it('shows the server message as a toast, or leaves it to a quiet form', async () => {
    const { interceptors, toasts } = harness();
    const full = { statusCode: 409, data: { code: 'SEAT_FULL', message: '武侯区，第1单元，00015 已达到最大人数' } };
    await expect(run(interceptors, () => full, { url: '/api/booking/holds' })).rejects.toMatchObject({ status: 409 });
    await expect(run(interceptors, () => full, { url: '/api/booking/holds', quiet: true })).rejects.toMatchObject({
      code: 'SEAT_FULL',
    });
    expect(toasts).toEqual(['武侯区，第1单元，00015 已达到最大人数']);
  });

  it('leaves only the listed codes to the page and still toasts the others', async () => {
    const { interceptors, toasts } = harness();
    const full = { statusCode: 409, data: { code: 'SEATS_FULL_CONFIRM', message: '部分单元考位已满' } };
    const closed = { statusCode: 409, data: { code: 'BOOKING_CLOSED', message: '当前不在报考时间内' } };
    const flags = { url: '/api/booking/hold-code', quietCodes: ['SEATS_FULL_CONFIRM'] };
    await expect(run(interceptors, () => full, flags)).rejects.toMatchObject({ code: 'SEATS_FULL_CONFIRM' });
    await expect(run(interceptors, () => closed, flags)).rejects.toMatchObject({ code: 'BOOKING_CLOSED' });
    expect(toasts).toEqual(['当前不在报考时间内']);
  });

  it('turns a network failure into a retryable Chinese error', async () => {
    const { interceptors, toasts } = harness();
    const error = (await run(interceptors, () => Promise.reject(new Error('request:fail')), {
      url: '/api/catalog/current-period',
    }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe(NETWORK_ERROR);
    expect(toasts).toEqual(['网络连接失败，请检查网络后重试']);
  });
});
