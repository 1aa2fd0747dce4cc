/**
 * bench:scores' raw HTTP server: the same two reads served the plainest way a Node process can — node:http,
 * the body read by hand, RawScores (mysql2 statements, 成绩查询's batched as the server's, periods held in
 * memory), JSON out. No Koa, router, validation, logging, Sequelize or security headers: the answers the real
 * server gives (the same JSON), at the least cost. It speaks serverProcess.ts' protocol, so the bench starts, measures and stops it alike.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { IdCardVault } from '../src/lib/idCardVault';
import { TokenService } from '../src/modules/accounts/tokens';
import { resolveSecrets } from '../src/secrets';
import { RawScores } from './rawScores';
import type { FromServer, ToServer } from './serverProcess';

const config = loadConfig();
const secrets = resolveSecrets(config);
const services = { tokens: new TokenService(secrets.jwtSecret), vault: new IdCardVault(secrets) };
let raw: RawScores | undefined;
let server: http.Server | undefined;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, scores: RawScores): Promise<void> {
  if (req.method === 'GET' && req.url === '/api/records/scores') {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const view = await scores.myScores(token);
    return view ? send(res, 200, view) : send(res, 401, { code: 'TOKEN_EXPIRED' });
  }
  if (req.method === 'POST' && req.url === '/api/public/scores') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const ip = String(req.headers['x-forwarded-for'] ?? req.socket.remoteAddress);
    const found = await scores.publicScores(input, ip);
    return found ? send(res, 200, found) : send(res, 404, { code: 'SCORES_NOT_FOUND' });
  }
  send(res, 404, { code: 'NOT_FOUND' });
}

async function start(): Promise<number> {
  const scores = await RawScores.open(config.database.url, {
    poolSize: config.database.pool?.max ?? 10,
    services,
  });
  raw = scores;
  server = http.createServer((req, res) => {
    handle(req, res, scores).catch(() => send(res, 500, { code: 'INTERNAL' }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const send2 = (message: FromServer) => process.send!(message);

process.on('message', (message: ToServer) => {
  switch (message.type) {
    case 'start':
      void start().then((port) => send2({ type: 'listening', port }));
      return;
    case 'usage': {
      const cpu = process.cpuUsage();
      const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
      send2({ type: 'usage', cpuMicros: cpu.user + cpu.system, peakRssKb: Number(hwm?.[1] ?? 0), sqlRoundTrips: 0 });
      return;
    }
    case 'stop':
      server?.closeAllConnections();
      void new Promise((resolve) => server?.close(resolve)).then(() => raw?.close()).then(() => process.exit(0));
      return;
  }
});
