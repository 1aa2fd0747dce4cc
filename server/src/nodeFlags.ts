import { readFileSync } from 'node:fs';

/**
 * The Node flags the server runs with (server/package.json `config.nodeFlags`, which `npm start` passes):
 * for the tests and benchmarks that start it as `npm start` does. `--heap-growing-percent=30` lets V8's heap
 * grow by 30% between major collections instead of up to fourfold: under the opening rush the live heap
 * stays near 55 MB while garbage made the process peak near 280 MB; with it, near 200 MB, at the same speed.
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    config: { nodeFlags: string };
  };
  return pkg.config.nodeFlags.split(/\s+/).filter(Boolean);
}
