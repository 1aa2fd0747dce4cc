import { readFileSync } from 'node:fs';

/**
 * The Node flags the server runs with (server/package.json `config.nodeFlags`, which `npm start` passes):
 * for the tests and benchmarks that start it as `npm start` does. V8's young generation is fixed at 64 MB
 * halves (`--min-semi-space-size=64 --max-semi-space-size=64`) instead of growing from 1 to 16 MB: on publish
 * morning 500 requests are in flight at every minor collection, and with small halves each collection copied
 * (and promoted) most of them — a tenth of the process's time, up to a third once the old generation had
 * grown, and a small young generation at start let that happen in most runs. (The earlier
 * `--heap-growing-percent=30`, which held peak memory near 200 MB, made it worse.) The price is memory: peak
 * RSS under bench:scores and bench:rush is near 420 MB (near 260 MB before), for 13 % less CPU a hold.
 * `--no-allocation-site-pretenuring`: when a collection found the first wave's requests alive, V8 at times
 * began allocating their kind of objects in the old generation for good, and each minor collection then
 * promoted megabytes (a third more CPU per 成绩查询 in a third of the runs).
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    config: { nodeFlags: string };
  };
  return pkg.config.nodeFlags.split(/\s+/).filter(Boolean);
}
