import type { Candidate } from '../accounts/models';
import type { BookingDeps } from './deps';
import { ownHeldItem } from './ownHeldItem';
import { replacementOffering } from './replaceCourse';
import { sendHoldCode, type CaptchaFields } from './sendHoldCode';

/** Seed 004 三.(1): 更换课程 sends the 保存考位 code once the replacement is known to be allowed. */
export async function requestReplaceCode(
  deps: BookingDeps,
  candidate: Candidate,
  itemId: number,
  input: { courseCode: string } & CaptchaFields,
  ip: string,
) {
  await replacementOffering(deps.db, await ownHeldItem(deps.db, candidate.id, itemId), input.courseCode);
  return sendHoldCode(deps, candidate, input, ip);
}
