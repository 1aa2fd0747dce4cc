import Taro from '@tarojs/taro';
import {
  ApiError,
  NETWORK_ERROR,
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

export interface UploadOptions {
  /** A local file: WeChat's temp path, or an object URL on H5. */
  filePath: string;
  /** The multipart field of the file. */
  name: string;
  /** The file's own name (H5 sends the blob under it). */
  fileName?: string;
  formData?: Record<string, string>;
}

function uploadBody(data: unknown): { code?: string; message?: string } {
  try {
    return (typeof data === 'string' ? JSON.parse(data) : data) as { code?: string; message?: string };
  } catch {
    return {};
  }
}

/**
 * Uploads a file with the candidate's session (Taro.uploadFile passes no interceptor): an expired access token is
 * renewed through one ordinary request, then the upload is tried again once. Failures arrive as ApiError, not toasted.
 */
export async function upload<T>(path: string, options: UploadOptions): Promise<T> {
  const send = async () => {
    const token = session.get()?.accessToken;
    try {
      return await Taro.uploadFile({
        url: `${API_BASE.replace(/\/$/, '')}${path}`,
        filePath: options.filePath,
        name: options.name,
        formData: options.formData,
        header: token ? { Authorization: `Bearer ${token}` } : {},
        ...(options.fileName ? { fileName: options.fileName } : {}),
      } as Taro.uploadFile.Option);
    } catch {
      throw new ApiError(NETWORK_ERROR, '网络连接失败，请检查网络后重试', 0);
    }
  };
  let res = await send();
  if (res.statusCode === 401 && uploadBody(res.data).code === 'TOKEN_EXPIRED') {
    await request('/api/accounts/me', { quiet: true }); // The auth interceptor renews the pair.
    res = await send();
  }
  const body = uploadBody(res.data);
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new ApiError(body.code ?? 'HTTP_ERROR', body.message ?? '上传失败，请重试', res.statusCode);
  }
  return body as T;
}
