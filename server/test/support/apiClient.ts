import { randomInt } from 'node:crypto';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
}

/**
 * A client of the real HTTP API. Each client calls from its own address (X-Forwarded-For; the
 * test server trusts the proxy header), so per-IP limits of one test never touch another.
 */
export class ApiClient {
  readonly ip = `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
  /** Every answer's raw text, for the personal-data checks. */
  readonly transcript: string[] = [];
  token?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token: string | undefined = this.token,
  ): Promise<ApiResponse<T>> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.headers(token),
        ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await response.text();
    this.transcript.push(text);
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // not JSON (an image)
    }
    return { status: response.status, body: parsed as T, text };
  }

  /** GETs a file the way the admin downloads one (bearer token), as raw bytes. */
  async bytes(path: string, token: string | undefined = this.token) {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.headers(token) });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  private headers(token: string | undefined): Record<string, string> {
    return { 'X-Forwarded-For': this.ip, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  }

  get<T = Record<string, unknown>>(path: string, token?: string) {
    return this.request<T>('GET', path, undefined, token ?? this.token);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown = {}, token?: string) {
    return this.request<T>('POST', path, body, token ?? this.token);
  }

  put<T = Record<string, unknown>>(path: string, body: unknown = {}, token?: string) {
    return this.request<T>('PUT', path, body, token ?? this.token);
  }
}

export function randomPhone(): string {
  return `1${randomInt(3, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}
