import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type OutputInfo } from 'sharp';
import { AppError } from '../../../http/errors';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const ALLOWED = new Map([
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
]);
const MIN = { width: 260, height: 320 };
/** A phone camera's portrait photo; bigger ones are refused before they are decoded. */
const MAX = { width: 4000, height: 6000 };
/**
 * What is stored and printed: the common 自考 photo size (358×441, 2 inches at 180 dpi) at most, as
 * JPEG. A camera's original would make every ticket PDF several megabytes.
 */
export const PHOTO_STORED = { width: 358, height: 441, quality: 80 };
const HOUR = 3600_000;
/** A photo no application takes within a day is deleted (removeUnlinkedPhotos). */
export const UNLINKED_PHOTO_KEPT_MS = 24 * HOUR;
/**
 * A form may take a photo up to an hour younger than that, so the cleanup never deletes a photo that
 * a submission has just checked and is about to link.
 */
const LINKABLE_MS = UNLINKED_PHOTO_KEPT_MS - HOUR;
const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Width and height as shown, after the camera's EXIF orientation (5–8 turn the picture a quarter). */
async function orientedSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) throw new Error('no size');
  return (meta.orientation ?? 1) >= 5
    ? { width: meta.height, height: meta.width }
    : { width: meta.width, height: meta.height };
}

/** Decodes the upload and re-encodes it upright, within PHOTO_STORED, on white (a PNG's transparency). */
function downscaled(bytes: Buffer): Promise<{ data: Buffer; info: OutputInfo }> {
  return sharp(bytes, { limitInputPixels: MAX.width * MAX.height, failOn: 'error' })
    .rotate()
    .resize({ width: PHOTO_STORED.width, height: PHOTO_STORED.height, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: PHOTO_STORED.quality, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
}

/**
 * ID photos live on disk under DATA_DIR/uploads/photos, never in the database. The type is read from
 * the file's own bytes, not from its name or the browser's claim; what is kept is the photo decoded and
 * re-encoded as a JPEG of at most PHOTO_STORED (never the uploaded bytes themselves).
 */
export class PhotoStore {
  constructor(private readonly dataDir: string) {}

  private get dir(): string {
    return path.join(this.dataDir, 'uploads', 'photos');
  }

  private file(photoId: string): string {
    return path.join(this.dir, photoId);
  }

  async save(bytes: Buffer): Promise<{ photoId: string; width: number; height: number }> {
    if (bytes.length > PHOTO_MAX_BYTES) throw new AppError('PHOTO_INVALID', { reason: '文件不能超过2MB' });
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !ALLOWED.has(type.mime)) throw new AppError('PHOTO_INVALID', { reason: '须为JPG或PNG图片' });
    let size: { width: number; height: number };
    try {
      size = await orientedSize(bytes);
    } catch {
      throw new AppError('PHOTO_INVALID', { reason: '图片已损坏' });
    }
    if (size.width < MIN.width || size.height < MIN.height || size.width > MAX.width || size.height > MAX.height) {
      throw new AppError('PHOTO_INVALID', {
        reason: `尺寸须在${MIN.width}×${MIN.height}至${MAX.width}×${MAX.height}像素之间（当前${size.width}×${size.height}）`,
      });
    }
    if (size.height < size.width) throw new AppError('PHOTO_INVALID', { reason: '须为竖版证件照' });
    const stored = await downscaled(bytes).catch(() => {
      throw new AppError('PHOTO_INVALID', { reason: '图片已损坏' });
    });
    const photoId = randomUUID();
    await fs.mkdir(path.dirname(this.file(photoId)), { recursive: true });
    await fs.writeFile(this.file(photoId), stored.data, { mode: 0o600 });
    return { photoId, width: stored.info.width, height: stored.info.height };
  }

  /** Whether a form may still take this photo: uploaded, and not about to be cleaned up. */
  async linkable(photoId: string, now = new Date()): Promise<boolean> {
    const uploadedAt = await this.uploadedAt(photoId);
    return uploadedAt !== null && now.getTime() - uploadedAt.getTime() < LINKABLE_MS;
  }

  private async uploadedAt(photoId: string): Promise<Date | null> {
    return fs.stat(this.file(photoId)).then(
      (stat) => stat.mtime,
      () => null,
    );
  }

  /** The photos uploaded before that moment. */
  async uploadedBefore(moment: Date): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const photoIds = names.filter((name) => PHOTO_ID.test(name));
    const times = await Promise.all(photoIds.map((photoId) => this.uploadedAt(photoId)));
    return photoIds.filter((_, i) => times[i] && times[i] < moment);
  }

  /** Deletes a photo; one already gone (another instance was first) is no error. */
  async remove(photoId: string): Promise<void> {
    await fs.rm(this.file(photoId), { force: true });
  }

  async read(photoId: string): Promise<{ bytes: Buffer; mime: string }> {
    const bytes = await fs.readFile(this.file(photoId));
    const type = await fileTypeFromBuffer(bytes);
    return { bytes, mime: type?.mime ?? 'application/octet-stream' };
  }
}
