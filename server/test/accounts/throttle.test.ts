import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/models';
import { ThrottleStore } from '../../src/modules/accounts/throttle';
import { openTestDb } from '../support/testApp';

/** The counters behind every rate limit, counted in batches of concurrent requests. */
describe('throttle counts under concurrency', () => {
  let db: Db;
  let throttles: ThrottleStore;
  beforeAll(() => {
    db = openTestDb();
    throttles = new ThrottleStore(db.sequelize);
  });
  afterAll(() => db.sequelize.close());

  it('counts 300 hits at once on 30 addresses exactly, and locks each at its limit', async () => {
    const now = new Date();
    const rule = { windowSeconds: 60, lockAt: 8, lockEnd: new Date(now.getTime() + 60_000) };
    const addresses = Array.from({ length: 30 }, () => `test:ip:${randomUUID()}`);
    // Two instances' worth: two stores on the database, the hits spread over both.
    const other = new ThrottleStore(db.sequelize);
    const counted = await Promise.all(
      Array.from({ length: 300 }, (_, k) => (k % 2 ? throttles : other).count(addresses[k % 30]!, now, rule, true)),
    );
    for (let a = 0; a < 30; a++) {
      const own = counted.filter((_, k) => k % 30 === a);
      expect(own.filter(Boolean)).toHaveLength(8);
      expect(await throttles.peek(addresses[a]!, now)).toEqual({
        hits: 8,
        windowEndsAt: expect.any(Date),
        lockedUntil: rule.lockEnd,
      });
    }
  });

  it('starts a new window once the old one has passed, and counts a locked bucket when told to', async () => {
    const bucket = `test:ip:${randomUUID()}`;
    const start = new Date();
    const rule = { windowSeconds: 60, lockAt: 2, lockEnd: new Date(start.getTime() + 30_000) };
    expect(await Promise.all([1, 2, 3].map(() => throttles.count(bucket, start, rule, true)))).toEqual([
      true,
      true,
      false,
    ]);
    // Without `unlessLocked` (an address's failures) the hit counts even so.
    expect(await throttles.count(bucket, start, rule)).toBe(true);
    expect((await throttles.peek(bucket, start)).hits).toBe(3);
    const later = new Date(start.getTime() + 61_000);
    expect(await throttles.count(bucket, later, { windowSeconds: 60 }, true)).toBe(true);
    expect(await throttles.peek(bucket, later)).toMatchObject({ hits: 1, lockedUntil: null });
  });

  it('counts a bucket asked in other capitals into the same row, as MySQL compares them', async () => {
    const id = randomUUID();
    const now = new Date();
    const rule = { windowSeconds: 60, lockAt: 3, lockEnd: new Date(now.getTime() + 60_000) };
    const spellings = [`test:official:Li${id}`, `test:official:LI${id.toUpperCase()}`, `test:official:li${id}`];
    expect(await Promise.all([...spellings, spellings[0]!].map((b) => throttles.count(b, now, rule, true)))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect((await throttles.peek(spellings[2]!, now)).hits).toBe(3);
  });
});
