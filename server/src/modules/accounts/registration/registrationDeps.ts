import type { AccountsDeps } from '../deps';
import type { ThrottleStore } from '../throttle';
import type { PhotoStore } from './photos';

/** What 新生注册 needs of a file store: check by the bytes, write, read back, list and remove. */
export interface IdCardImageStore {
  check(bytes: Buffer, maxBytes: number, imagesOnly?: boolean): Promise<{ bytes: Buffer; mime: string }>;
  write(file: { bytes: Buffer; mime: string }): Promise<string>;
  read(storedName: string): Promise<Buffer>;
  writtenAt(storedName: string): Promise<Date | null>;
  list(): Promise<string[]>;
  remove(storedName: string): Promise<void>;
}

export interface RegistrationDeps extends AccountsDeps {
  photos: PhotoStore;
  /** ID-card images, under uploads/registrations (the applications' AttachmentStore, given by services). */
  idCardImages: IdCardImageStore;
  throttles: ThrottleStore;
}
