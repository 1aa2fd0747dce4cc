import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Generated tickets on disk under DATA_DIR/tickets, named by the hash of what they print: a download
 * whose data did not change is the same file, any change (a moved seat, a refund, a new photo) a new one.
 * Concurrent requests for one hash in this process share a single generation.
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
    if (cached) return cached;
    const running = this.pending.get(hash);
    if (running) return running;
    const made = this.store(hash, generate).finally(() => this.pending.delete(hash));
    this.pending.set(hash, made);
    return made;
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
