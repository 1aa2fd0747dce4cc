import {
  officialCreateBody,
  officialEditBody,
  officialListQuery,
  ownPasswordChangeBody,
  reasonBody,
} from '@kaowei/shared';
import type { ApiContext, ApiRouter } from '../../../http/apiRouter';
import { idParam } from '../../../http/idParam';
import type { Services } from '../../../services';
import { officialGuard } from '../../accounts/authGuards';
import { requestInfo } from '../adminHttp';
import { changeOwnPassword } from './changeOwnPassword';
import { createOfficial } from './createOfficial';
import { disableOfficial } from './disableOfficial';
import { editOfficial } from './editOfficial';
import { enableOfficial } from './enableOfficial';
import { listOfficials } from './listOfficials';
import { resetOfficialPassword } from './resetOfficialPassword';
import { resetOfficialTotp } from './resetOfficialTotp';
import { signOutEverywhere } from './signOutEverywhere';

const tag = '管理后台：账号管理';
const officialId = (ctx: ApiContext) => idParam(ctx, 'id', '账号');

/** 账号管理 (province and city offices) and the official's own 修改密码 and 退出所有设备. */
export function addOfficialRoutes(api: ApiRouter, deps: Services): void {
  const base = { tag, security: 'official' as const, guards: [officialGuard(deps.db, deps.tokens)] };
  // Open to an official who must change their password first: it is how they do so.
  const own = { ...base, guards: [officialGuard(deps.db, deps.tokens, { allowPasswordChange: true })] };

  api.route(
    { ...own, method: 'post', path: '/api/admin/me/password', summary: '修改本人密码', body: ownPasswordChangeBody },
    (ctx, { body }) => changeOwnPassword(deps, ctx.state.official!, body, requestInfo(ctx)),
  );
  api.route(
    { ...own, method: 'post', path: '/api/admin/me/sign-out-everywhere', summary: '退出所有设备（本人全部登录失效）' },
    (ctx) => signOutEverywhere(deps.db, ctx.state.official!, requestInfo(ctx)),
  );

  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/officials',
      summary: '考办人员账号列表（省：全部；市：本市所辖县区）',
      query: officialListQuery,
    },
    (ctx, { query }) => listOfficials(deps.db, ctx.state.official!, query),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/officials',
      summary: '开设考办人员账号（不超出本人管辖范围；首次登录须修改密码）',
      body: officialCreateBody,
    },
    (ctx, { body }) => createOfficial(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/admin/officials/:id',
      summary: '修改考办人员姓名或管辖范围',
      body: officialEditBody,
    },
    (ctx, { body }) => editOfficial(deps.db, ctx.state.official!, officialId(ctx), body, requestInfo(ctx)),
  );

  const withReason = [
    ['disable', '停用账号（立即退出全部登录）', disableOfficial],
    ['enable', '启用账号', enableOfficial],
    ['reset-totp', '重置动态验证码（身份验证器）', resetOfficialTotp],
  ] as const;
  for (const [action, summary, operation] of withReason) {
    api.route(
      { ...base, method: 'post', path: `/api/admin/officials/:id/${action}`, summary, body: reasonBody },
      (ctx, { body }) => operation(deps.db, ctx.state.official!, officialId(ctx), body.reason, requestInfo(ctx)),
    );
  }
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/officials/:id/reset-password',
      summary: '重置考办人员密码（生成临时密码，下次登录须修改）',
      body: reasonBody,
    },
    (ctx, { body }) => resetOfficialPassword(deps, ctx.state.official!, officialId(ctx), body.reason, requestInfo(ctx)),
  );
}
