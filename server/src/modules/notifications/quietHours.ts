import { beijingDateString, beijingInstant, beijingTimeOfDay } from '../../lib/beijingTime';

/** No SMS notice between 22:30 and 08:00 Beijing time (verification codes do not go through the outbox). */
const QUIET_FROM = '22:30';
const QUIET_UNTIL = '08:00';

/** When an SMS may go at the earliest: `now` outside quiet hours, else the next 08:00 Beijing time. */
export function smsAllowedFrom(now: Date): Date {
  const time = beijingTimeOfDay(now);
  if (time >= QUIET_UNTIL && time < QUIET_FROM) return now;
  const morning = beijingInstant(beijingDateString(now), QUIET_UNTIL);
  return morning > now ? morning : new Date(morning.getTime() + 24 * 60 * 60 * 1000);
}
