import type { AccountsDeps } from '../deps';
import type { AttachmentStore } from '../../applications/attachmentStore';
import type { ThrottleStore } from '../throttle';
import type { PhotoStore } from './photos';

export interface RegistrationDeps extends AccountsDeps {
  photos: PhotoStore;
  /** ID-card images, under uploads/registrations. */
  idCardImages: AttachmentStore;
  throttles: ThrottleStore;
}
