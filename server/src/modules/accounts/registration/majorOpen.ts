import { chineseDate, effectiveMajorStatus, type MajorStatus } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { beijingDateString } from '../../../lib/beijingTime';

type MajorState = { status: MajorStatus; transitionEndsOn: string | null };

/**
 * Seed 003: 处于停考过渡期的专业不接收新生报考. Only an open major takes new registrations; the refusal
 * of one in 停考过渡期 names the transition's last day.
 */
export function assertAcceptsRegistration(major: MajorState, now = new Date()): void {
  const status = effectiveMajorStatus(major, beijingDateString(now));
  if (status === 'transition') {
    throw new AppError('MAJOR_IN_TRANSITION', { deadline: chineseDate(major.transitionEndsOn!) });
  }
  if (status === 'closed') throw new AppError('MAJOR_CLOSED');
}
