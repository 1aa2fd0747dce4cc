import { spreadOver } from './enqueue';
import { smsAllowedFrom } from './quietHours';

/**
 * When each of a bulk notice's `count` messages may go: at most `perMinute` a minute from `start` (spreadOver),
 * and never in SMS quiet hours. A spread that reaches 22:30 goes on at 08:00 at the same rate, rather than all
 * the deferred messages falling due together in the morning.
 */
export function noticeSendTimes(start: Date, perMinute: number, count: number): Date[] {
  const times: Date[] = [];
  let from = smsAllowedFrom(start);
  let index = 0;
  for (let i = 0; i < count; i += 1) {
    let at = spreadOver(from, perMinute, index);
    const allowed = smsAllowedFrom(at);
    if (allowed > at) {
      from = allowed;
      index = 0;
      at = allowed;
    }
    times.push(at);
    index += 1;
  }
  return times;
}
