import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReverseProxy {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A one-hop reverse proxy on 127.0.0.1 doing what nginx does with
 * `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`: forwards every request to `target`, appending the
 * address of the peer it accepted the connection from to whatever X-Forwarded-For the client sent.
 */
export async function startReverseProxy(target: string): Promise<ReverseProxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const given = req.headers['x-forwarded-for'];
    const peer = req.socket.remoteAddress ?? '';
    const forwarded = given ? `${String(given)}, ${peer}` : peer;
    const proxied = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwarded },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => res.writeHead(502).end());
    req.pipe(proxied);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
