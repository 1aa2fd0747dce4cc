import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttlCache';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** A load that counts its calls and answers `value:<call number>`. */
function countingLoad() {
  let calls = 0;
  const load = async (key: string) => `${key}:${++calls}`;
  return { load, calls: () => calls };
}

/** A load the test settles by hand, to have several callers wait on it. */
function deferredLoad() {
  const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<string>((resolve, reject) => void pending.push({ resolve, reject }));
  return { load, pending };
}

describe('TtlCache', () => {
  it('keeps a value for the TTL after its load started, then loads again', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, string>(5_000, clock.now);
    const { load, calls } = countingLoad();

    expect(await cache.get('p', load)).toEqual({ at: clock.now(), value: 'p:1' });
    clock.advance(4_999);
    expect((await cache.get('p', load)).value).toBe('p:1');
    clock.advance(1);
    expect((await cache.get('p', load)).value).toBe('p:2');
    expect(calls()).toBe(2);
  });

  it('keeps each key apart', async () => {
    const cache = new TtlCache<string, string>(5_000, manualClock().now);
    const { load, calls } = countingLoad();
    expect((await cache.get('a', load)).value).toBe('a:1');
    expect((await cache.get('b', load)).value).toBe('b:2');
    expect((await cache.get('a', load)).value).toBe('a:1');
    expect(calls()).toBe(2);
  });

  it('lets concurrent misses of one key share a single load', async () => {
    const cache = new TtlCache<string, string>(5_000, manualClock().now);
    const { load, pending } = deferredLoad();
    const callers = Promise.all([cache.get('p', load), cache.get('p', load), cache.get('p', load)]);
    expect(pending).toHaveLength(1);
    pending[0]!.resolve('loaded once');
    expect((await callers).map((r) => r.value)).toEqual(['loaded once', 'loaded once', 'loaded once']);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    const cache = new TtlCache<string, string>(5_000, manualClock().now);
    const { load, pending } = deferredLoad();
    const first = Promise.all([cache.get('p', load), cache.get('p', load)]);
    pending[0]!.reject(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    const second = cache.get('p', load);
    expect(pending).toHaveLength(2);
    pending[1]!.resolve('back');
    expect((await second).value).toBe('back');
  });

  it('loads afresh after clear(), even while an older load is still running', async () => {
    const cache = new TtlCache<string, string>(5_000, manualClock().now);
    const { load, pending } = deferredLoad();
    const before = cache.get('p', load);
    cache.clear();
    const after = cache.get('p', load);
    expect(pending).toHaveLength(2);
    pending[0]!.resolve('before the change');
    pending[1]!.resolve('after the change');
    expect((await before).value).toBe('before the change');
    expect((await after).value).toBe('after the change');
    // The older load, settling late, did not put its value back.
    expect((await cache.get('p', load)).value).toBe('after the change');
    expect(pending).toHaveLength(2);
  });

  it('keeps nothing with a TTL of 0', async () => {
    const cache = new TtlCache<string, string>(0, manualClock().now);
    const { load, calls } = countingLoad();
    await cache.get('p', load);
    await cache.get('p', load);
    expect(calls()).toBe(2);
  });

  it('holds at most maxEntries keys, dropping expired ones first, then the oldest', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, string>(5_000, clock.now, 2);
    const { load, calls } = countingLoad();
    await cache.get('a', load);
    clock.advance(1_000);
    await cache.get('b', load);
    await cache.get('c', load); // full: 'a' (the oldest) goes
    expect(calls()).toBe(3);
    expect((await cache.get('b', load)).value).toBe('b:2');
    expect((await cache.get('a', load)).value).toBe('a:4'); // loaded again; 'b' (now the oldest) goes
    expect((await cache.get('c', load)).value).toBe('c:3');
    expect((await cache.get('b', load)).value).toBe('b:5');
  });
});
