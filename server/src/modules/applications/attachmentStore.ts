import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../http/errors';

/** JPG, PNG and PDF, as their own bytes say (never the name or the browser's claim). */
const ALLOWED = new Set(['image/jpeg', 'image/png', 'application/pdf']);
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CheckedFile {
  bytes: Buffer;
  mime: string;
}

/**
 * Application proofs on disk under DATA_DIR/uploads/applications, each under a random name and never
 * behind a static route: they are read back only through the owner's or a scoped official's request.
 */
export class AttachmentStore {
  /** `folder`: applications' proofs, or `registrations` for 新生注册's ID-card images. */
  constructor(
    private readonly dataDir: string,
    private readonly folder = 'applications',
  ) {}

  private get dir(): string {
    return path.join(this.dataDir, 'uploads', this.folder);
  }

  private file(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error('not a stored attachment name');
    return path.join(this.dir, storedName);
  }

  /** Refuses a file too large or of another type (images only when `imagesOnly`); nothing is written. */
  async check(bytes: Buffer, maxBytes: number, imagesOnly = false): Promise<CheckedFile> {
    if (bytes.length === 0) throw new AppError('ATTACHMENT_INVALID', { reason: '文件为空' });
    if (bytes.length > maxBytes) {
      throw new AppError('ATTACHMENT_INVALID', { reason: `文件不能超过${Math.floor(maxBytes / 1024 / 1024)}MB` });
    }
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !ALLOWED.has(type.mime) || (imagesOnly && !type.mime.startsWith('image/'))) {
      throw new AppError('ATTACHMENT_INVALID', {
        reason: imagesOnly ? '须为JPG或PNG图片' : '须为JPG、PNG图片或PDF文件',
      });
    }
    return { bytes, mime: type.mime };
  }

  async write(file: CheckedFile): Promise<string> {
    const storedName = randomUUID();
    await fs.mkdir(this.dir, { recursive: true });
    await fs.writeFile(this.file(storedName), file.bytes, { mode: 0o600 });
    return storedName;
  }

  /** When a stored file was written, or null when there is none. */
  writtenAt(storedName: string): Promise<Date | null> {
    return fs.stat(this.file(storedName)).then(
      (stat) => stat.mtime,
      () => null,
    );
  }

  read(storedName: string): Promise<Buffer> {
    return fs.readFile(this.file(storedName));
  }

  /** One already gone (another instance was first) is no error. */
  async remove(storedName: string): Promise<void> {
    await fs.rm(this.file(storedName), { force: true });
  }

  /** The stored names on disk (tests and the operator's check that nothing is left behind). */
  async list(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((name) => STORED_NAME.test(name));
  }
}
