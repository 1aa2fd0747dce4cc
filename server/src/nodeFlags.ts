import { readFileSync } from 'node:fs';

/**
 * The Node flags the server runs with (server/package.json `config.nodeFlags`, which `npm start` passes):
 * for the tests and benchmarks that start it as `npm start` does. `--max-semi-space-size=64` gives V8's young
 * generation 64 MB halves instead of 16: on publish morning 500 requests are in flight at every minor
 * collection, and with small halves each collection copied (and promoted) most of them — a tenth of the
 * process's time, up to a third of it once the old generation grew. (The earlier
 * `--heap-growing-percent=30`, which held peak memory near 200 MB, made that happen in most runs.) Peak RSS
 * under bench:scores is near 340 MB.
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    config: { nodeFlags: string };
  };
  return pkg.config.nodeFlags.split(/\s+/).filter(Boolean);
}
