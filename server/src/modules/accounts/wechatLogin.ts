import { AppError } from '../../http/errors';
import type { AccountsDeps } from './deps';
import type { Candidate } from './models';
import { issueCandidateSession } from './session';
import { WechatApiError } from './wechat/wechatClient';

/** Maps WeChat's errcodes to what the candidate is told. */
export function wechatFailure(error: unknown): AppError {
  if (error instanceof WechatApiError && [40029, 40163].includes(error.errcode))
    return new AppError('WECHAT_CODE_INVALID');
  if (error instanceof WechatApiError && error.errcode === 45011) return new AppError('RATE_LIMITED');
  return new AppError('WECHAT_BUSY');
}

/**
 * One-tap login: the wx.login code becomes an openid on the server. A linked candidate is logged in;
 * otherwise the answer carries a token that the next password login uses to link this WeChat.
 */
export async function loginWithWechat(deps: AccountsDeps, code: string) {
  let openid: string;
  try {
    ({ openid } = await deps.wechat.codeToSession(code));
  } catch (error) {
    deps.logger.warn({ err: error }, 'jscode2session failed');
    throw wechatFailure(error);
  }
  const candidate = await deps.db.models.Candidate.findOne({ where: { wechatOpenid: openid } });
  if (!candidate) return { linked: false as const, wechatToken: deps.tokens.sign('wechat-link', { sub: openid }) };
  return { linked: true as const, ...(await issueCandidateSession(deps.db, deps.tokens, candidate, undefined)) };
}

export async function unlinkWechat(candidate: Candidate): Promise<{ wechatLinked: false }> {
  await candidate.update({ wechatOpenid: null });
  return { wechatLinked: false };
}
