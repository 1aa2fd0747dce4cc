import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { publicScoresBody } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { candidateGuard, candidateTokenGuard } from '../accounts/authGuards';
import { graduationProgressOfCandidate } from './myRecords/graduationProgress';
import { myPassedCourses } from './myRecords/myPassedCourses';
import { myScores } from './myRecords/myScores';
import { lookupPublicScores } from './publicLookup/lookupPublicScores';
import type { RecordsDeps } from './recordsDeps';

const tag = '成绩与考籍';

export function recordsRoutes(deps: RecordsDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [candidateGuard(deps.db, deps.tokens)];
  const security = 'candidate' as const;

  api.route(
    {
      method: 'get',
      path: '/api/records/scores',
      summary: '成绩查询：各考次成绩（公布前只显示公布时间）',
      tag,
      security,
      guards: [candidateTokenGuard(deps.tokens)],
    },
    (ctx) => myScores(deps.db, ctx.state.candidateClaims!),
  );

  api.route(
    { method: 'get', path: '/api/records/passed', summary: '已合格课程（考试、免考、转入）', tag, security, guards },
    (ctx) => myPassedCourses(deps.db, ctx.state.candidate!.id),
  );

  api.route(
    {
      method: 'get',
      path: '/api/records/progress',
      summary: '毕业进度：专业课程计划与已合格课程',
      tag,
      security,
      guards,
    },
    (ctx) => graduationProgressOfCandidate(deps.db, ctx.state.candidate!.id),
  );

  api.route(
    {
      method: 'post',
      path: '/api/public/scores',
      summary: '成绩查询（免登录）：姓名 + 证件号码 + 图片验证码',
      tag,
      body: publicScoresBody,
    },
    (ctx, { body }) => lookupPublicScores(deps, body, clientIp(ctx)),
  );

  return api;
}
