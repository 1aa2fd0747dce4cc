/** Milliseconds since the epoch; tests pass their own to move time without waiting. */
export type Clock = () => number;

interface Entry<V> {
  at: number;
  value: Promise<V>;
}

/**
 * Keeps each key's value for `ttlMs` after its load started. Concurrent misses of a key share one
 * load (single flight); a failed load is forgotten at once, so the next call tries again. A TTL of 0
 * keeps nothing: every call loads. `clear()` drops every entry, including loads still running, so a
 * load that began before a change is never kept after it.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock = Date.now,
    /** Distinct keys kept at most (ids from requests could otherwise grow the map without end). */
    private readonly maxEntries = 1000,
  ) {}

  /** The value and when its load started. */
  async get(key: K, load: (key: K) => Promise<V>): Promise<{ at: number; value: V }> {
    const entry = this.entry(key, load);
    return { at: entry.at, value: await entry.value };
  }

  clear(): void {
    this.entries.clear();
  }

  private entry(key: K, load: (key: K) => Promise<V>): Entry<V> {
    const now = this.clock();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached;
    const entry: Entry<V> = { at: now, value: load(key) };
    if (this.ttlMs <= 0) return entry;
    this.entries.delete(key);
    this.makeRoom(now);
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry;
  }

  /** Drops expired entries when full, then the oldest ones (a Map iterates in insertion order). */
  private makeRoom(now: number): void {
    if (this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
