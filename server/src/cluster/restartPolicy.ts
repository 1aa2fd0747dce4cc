/**
 * When to restart a worker that died unexpectedly: at once the first time, then after a delay doubling
 * with every death in the last `windowMs` (up to `maxDelayMs`); after `maxDeaths` in that window it is a
 * crash loop (a bad deployment, a database gone) and the primary gives up rather than spin.
 */
export class RestartPolicy {
  private deaths: number[] = [];

  constructor(private readonly options = { windowMs: 60_000, maxDeaths: 5, baseDelayMs: 500, maxDelayMs: 15_000 }) {}

  /** Records a death at `now`: the delay before the restart in ms, or null to give up. */
  afterDeath(now: number): number | null {
    this.deaths = [...this.deaths.filter((at) => now - at < this.options.windowMs), now];
    const recent = this.deaths.length;
    if (recent >= this.options.maxDeaths) return null;
    if (recent === 1) return 0;
    return Math.min(this.options.baseDelayMs * 2 ** (recent - 2), this.options.maxDelayMs);
  }
}
