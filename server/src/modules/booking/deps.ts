import type { Db } from '../../db/models';
import type { Logger } from '../../logger';
import type { SmsCodeService } from '../accounts/sms/smsCodes';

export interface BookingDeps {
  db: Db;
  smsCodes: SmsCodeService;
  logger: Logger;
}
