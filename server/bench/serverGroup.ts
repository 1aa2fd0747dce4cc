import { startNginx, type Nginx } from '../test/support/nginx';
import type { SimulatorOptions } from '../src/simulator/simulatorApp';
import { startServerProcess, type ServerProcess, type ServerUsage } from './serverProcess';

/**
 * `instances` server processes on one database, reached straight (one instance, no proxy) or through
 * the nginx of the multi-instance test (round robin, X-Forwarded-For appended). Its usage adds the
 * instances' CPU time and round trips; peak memory is the largest instance's.
 */
export interface ServerGroup extends ServerProcess {
  instances: number;
  nginx: Nginx | null;
  usage(): Promise<ServerUsage & { totalPeakRssMb: number }>;
}

export async function startServerGroup(
  env: NodeJS.ProcessEnv,
  simulator: { options: SimulatorOptions; host: string },
  options: { instances: number; proxy: boolean },
): Promise<ServerGroup> {
  const proxied = options.proxy ? { ...env, TRUST_PROXY: 'true', TRUSTED_PROXY_HOPS: '1' } : env;
  const servers = await Promise.all(
    Array.from({ length: options.instances }, () => startServerProcess(proxied, simulator)),
  );
  const nginx = options.proxy ? await startNginx({ upstreamPorts: servers.map((server) => server.port) }) : null;
  return {
    instances: servers.length,
    nginx,
    port: nginx?.port ?? servers[0]!.port,
    usage: async () => {
      const usages = await Promise.all(servers.map((server) => server.usage()));
      return {
        cpuMs: usages.reduce((sum, usage) => sum + usage.cpuMs, 0),
        sqlRoundTrips: usages.reduce((sum, usage) => sum + usage.sqlRoundTrips, 0),
        peakRssMb: Math.max(...usages.map((usage) => usage.peakRssMb)),
        totalPeakRssMb: usages.reduce((sum, usage) => sum + usage.peakRssMb, 0),
      };
    },
    stop: async () => {
      await nginx?.stop();
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}
