import type { AccountsDeps } from '../deps';
import type { ThrottleStore } from '../throttle';
import type { PhotoStore } from './photos';

export interface RegistrationDeps extends AccountsDeps {
  photos: PhotoStore;
  throttles: ThrottleStore;
}
