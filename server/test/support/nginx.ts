import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's nginx (`.ci/run` installs it); NGINX_BIN overrides. */
const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** Ports of the server instances on 127.0.0.1, taken in turn (round robin). */
  upstreamPorts: number[];
  /** Log every request with the instance that answered it (access.log); off for benchmarks. */
  accessLog?: boolean;
  workerProcesses?: number;
}

export interface Nginx {
  port: number;
  baseUrl: string;
  pid: number;
  /** The requests logged so far, each with the instance ("127.0.0.1:port") that answered; empty without accessLog. */
  logged(): Array<{ upstream: string; status: number; request: string }>;
  stop(): Promise<void>;
}

/**
 * The reverse proxy a province runs in front of several instances, as configuration the tests and
 * bench:rush share: round robin over the instances, `X-Forwarded-For` appended, keep-alive connections to
 * them, and the answering instance in an `X-Upstream` response header. Everything nginx writes (pid,
 * logs, request bodies) goes to a temporary prefix, so it needs no root and no /etc/nginx.
 */
function nginxConf(dir: string, port: number, options: NginxOptions): string {
  const servers = options.upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`)
    .join('\n');
  return `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes ${options.workerProcesses ?? 1};
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
${temp}
  log_format upstream '$upstream_addr $status "$request"';
  access_log ${options.accessLog ? `${path.join(dir, 'access.log')} upstream` : 'off'};
  client_max_body_size 20m;
  upstream kaowei {
${servers}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://kaowei;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** A port nothing listens on right now (nginx cannot be told to pick one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once nginx accepts connections on `port`, rejects if it exits first. */
async function listening(child: ChildProcess, port: number, errorLog: () => string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (exited) throw new Error(`nginx exited: ${errorLog()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${errorLog()}`);
}

export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kaowei-nginx-'));
  const errorLog = () => {
    try {
      return readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      return '(no error log)';
    }
  };
  // Another process may take the probed port before nginx binds it: try another one.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConf(dir, port, options));
    const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await listening(child, port, () => `${stderr}${errorLog()}`);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt < 3 && /Address already in use/.test(String(error))) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      port,
      baseUrl: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      logged: () => {
        const log = path.join(dir, 'access.log');
        if (!existsSync(log)) return [];
        return readFileSync(log, 'utf8')
          .split('\n')
          .map((line) => /^(\S+) (\d+) "(.*)"$/.exec(line))
          .filter((match) => match !== null)
          .map((match) => ({ upstream: match[1]!, status: Number(match[2]), request: match[3]! }));
      },
      stop: async () => {
        child.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
