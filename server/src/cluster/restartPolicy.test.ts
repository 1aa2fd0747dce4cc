import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restartPolicy';

describe('RestartPolicy', () => {
  it('restarts a lone crash at once and backs off when crashes follow each other', () => {
    const policy = new RestartPolicy();
    expect(policy.afterDeath(0)).toBe(0);
    expect(policy.afterDeath(1_000)).toBe(500);
    expect(policy.afterDeath(2_000)).toBe(1_000);
    expect(policy.afterDeath(3_000)).toBe(2_000);
  });

  it('gives up on a crash loop', () => {
    const policy = new RestartPolicy();
    for (let at = 0; at < 4; at += 1) expect(policy.afterDeath(at * 1_000)).not.toBeNull();
    expect(policy.afterDeath(5_000)).toBeNull();
  });

  it('forgets deaths older than the window', () => {
    const policy = new RestartPolicy();
    for (let at = 0; at < 4; at += 1) policy.afterDeath(at * 1_000);
    expect(policy.afterDeath(5 * 60_000)).toBe(0);
  });
});
