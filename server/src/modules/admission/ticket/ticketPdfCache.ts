import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const DAY = 24 * 3600_000;
/** A cached ticket's file time is moved forward at most once a day when it is served again. */
const TOUCH_AFTER_MS = DAY;
/** Half-written files of a crashed generation are removed after this. */
const TEMPORARY_KEPT_MS = 3600_000;
const TICKET_FILE = /^[0-9a-f]{64}\.pdf$/;
const TEMPORARY_FILE = /^[0-9a-f]{64}\.pdf\.[0-9a-f]{8}\.tmp$/;

/**
 * Generated tickets on disk under DATA_DIR/tickets, named by the hash of what they print: a download
 * whose data did not change is the same file, any change (a moved seat, a refund, a new photo) a new one.
 * Concurrent requests for one hash in this process share a single generation. A file's modification
 * time is when it was last served (to a day), so those nobody downloads any more, superseded ones
 * included, can be pruned.
 */
export class TicketPdfCache {
  private readonly pending = new Map<string, Promise<Buffer>>();

  constructor(private readonly dataDir: string) {}

  private get dir(): string {
    return path.join(this.dataDir, 'tickets');
  }

  fileOf(hash: string): string {
    return path.join(this.dir, `${hash}.pdf`);
  }

  async getOrCreate(hash: string, generate: () => Promise<Buffer>): Promise<Buffer> {
    const cached = await fs.readFile(this.fileOf(hash)).catch(() => null);
    if (cached) {
      await this.touch(hash);
      return cached;
    }
    const running = this.pending.get(hash);
    if (running) return running;
    const made = this.store(hash, generate).finally(() => this.pending.delete(hash));
    this.pending.set(hash, made);
    return made;
  }

  /** Marks a served file as used; a file pruned meanwhile is simply generated again next time. */
  private async touch(hash: string, now = new Date()): Promise<void> {
    try {
      const { mtimeMs } = await fs.stat(this.fileOf(hash));
      if (now.getTime() - mtimeMs > TOUCH_AFTER_MS) await fs.utimes(this.fileOf(hash), now, now);
    } catch {
      // Gone already (pruned by another instance): nothing to mark.
    }
  }

  /**
   * Removes the tickets not served since `unusedSince`, and half-written files an hour old. A download
   * racing the removal either reads the file or regenerates it: never a broken ticket.
   */
  async prune(unusedSince: Date, now = new Date()): Promise<number> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const limit = TICKET_FILE.test(name)
        ? unusedSince.getTime()
        : TEMPORARY_FILE.test(name)
          ? now.getTime() - TEMPORARY_KEPT_MS
          : null;
      if (limit === null) continue;
      const stat = await fs.stat(path.join(this.dir, name)).catch(() => null);
      if (!stat || stat.mtimeMs >= limit) continue;
      await fs.rm(path.join(this.dir, name), { force: true });
      removed++;
    }
    return removed;
  }

  private async store(hash: string, generate: () => Promise<Buffer>): Promise<Buffer> {
    const bytes = await generate();
    await fs.mkdir(this.dir, { recursive: true });
    // Written aside then renamed: another instance never reads half a file.
    const temporary = `${this.fileOf(hash)}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temporary, bytes, { mode: 0o600 });
    await fs.rename(temporary, this.fileOf(hash));
    return bytes;
  }
}
