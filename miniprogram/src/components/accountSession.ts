import type { CandidateNextStep, CandidateProfile } from '@kaowei/shared';
import Taro from '@tarojs/taro';
import { BOOKING_TAB, FIRST_LOGIN_PAGE, LOGIN_PAGE } from '../services/pages';
import { session } from '../services/session';

/** What the server asks of a candidate before booking (see the first-login guide). */
export type NextStep = CandidateNextStep;

/** GET /api/accounts/me: the candidate as their own screens show them. */
export type Profile = CandidateProfile;

/** The answer of every successful login. */
export interface LoginAnswer {
  accessToken: string;
  refreshToken: string;
  nextStep: NextStep;
}

/** Keeps the tokens, then either the first-login guide or straight to 报考. */
export function finishLogin(answer: LoginAnswer): void {
  session.save({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
  if (answer.nextStep) void Taro.redirectTo({ url: FIRST_LOGIN_PAGE });
  else void Taro.switchTab({ url: BOOKING_TAB });
}

/** After a password change or reset every session ends: sign out here and start again at the login page. */
export function signOutTo(url = LOGIN_PAGE): void {
  session.clear();
  void Taro.reLaunch({ url });
}
