import http from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  /** Extra headers, e.g. X-Forwarded-For to stand for many client addresses behind a proxy. */
  headers?: http.OutgoingHttpHeaders;
}

export interface HttpClient {
  request(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer>;
  /** Like `request`, but anything other than 200 rejects with the status and the start of the body. */
  ok<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  close(): void;
}

/** Requests to the server on 127.0.0.1:port over kept-alive sockets, at most `sockets` at once. */
export function createHttpClient(port: number, sockets: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const request: HttpClient['request'] = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      const headers: http.OutgoingHttpHeaders = { ...options.headers };
      if (payload !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = Buffer.byteLength(payload);
      }
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      const req = http.request({ agent, host: '127.0.0.1', port, method, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return {
    request,
    async ok<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
      const answer = await request(method, path, options);
      if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${answer.body.slice(0, 200)}`);
      return JSON.parse(answer.body) as T;
    },
    close: () => agent.destroy(),
  };
}
