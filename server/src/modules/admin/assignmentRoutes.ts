import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { assignmentGroupQuery, moveSeatBody, roomRosterQuery, startAssignmentBody } from '@kaowei/shared';
import { z } from 'zod';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { idParam } from '../../http/idParam';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { kickAssignments } from '../admission/assignment/assignmentWorker';
import { moveSeat } from '../admission/assignment/moveSeat';
import { startAssignmentRun } from '../admission/assignment/startAssignmentRun';
import { roomRoster } from '../admission/rosters/roomRoster';
import {
  assignmentFill,
  assignmentRoomSeats,
  assignmentRooms,
  listAssignmentRuns,
  viewAssignmentRun,
} from '../admission/assignment/viewAssignment';
import { requestInfo } from './adminHttp';

const tag = '管理后台：考场编排';
const periodQuery = z.object({ periodId: z.coerce.number().int().positive() });
const unitQuery = periodQuery.extend({ unitId: z.coerce.number().int().positive() });

/** 考场编排 (#14): start a run, its progress, fill per county × unit, a room's seats and rosters, moving a candidate. */
export function assignmentRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const base = { tag, security: 'official' as const, guards: [officialGuard(deps.db, deps.tokens)] };
  const id = (ctx: ApiContext, what: string) => idParam(ctx, 'id', what);

  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/assignment/runs',
      summary: '开始考场编排（省考试院：某县区或全部，可重新编排；市、县考办：本辖区县区的增量编排）',
      body: startAssignmentBody,
    },
    async (ctx, { body }) => {
      const run = await startAssignmentRun(deps.db, ctx.state.official!, body, requestInfo(ctx));
      void kickAssignments(deps);
      ctx.status = 201;
      return run;
    },
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/assignment/runs',
      summary: '考次的编排任务（最近20个）',
      query: periodQuery,
    },
    (ctx, { query }) => listAssignmentRuns(deps.db, ctx.state.official!, query.periodId),
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/assignment/runs/:id', summary: '编排任务进度与座位不足清单' },
    (ctx) => viewAssignmentRun(deps.db, ctx.state.official!, id(ctx, '编排任务')),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/assignment/fill',
      summary: '各县区×单元：考场、座位、已编排、未编排',
      query: periodQuery,
    },
    (ctx, { query }) => assignmentFill(deps.db, ctx.state.official!, query.periodId),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/assignment/rooms',
      summary: '某县区某单元的考场及编排人数',
      query: assignmentGroupQuery,
    },
    (ctx, { query }) => assignmentRooms(deps.db, ctx.state.official!, query),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/assignment/rooms/:id/seats',
      summary: '考场座次（某单元）',
      query: unitQuery,
    },
    (ctx, { query }) => assignmentRoomSeats(deps.db, ctx.state.official!, id(ctx, '考场'), query),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/assignment/seats/:id/move',
      summary: '调整考生座位（同县区同单元的空座位，须填原因，记入审计日志）',
      body: moveSeatBody,
    },
    (ctx, { body }) => moveSeat(deps.db, ctx.state.official!, id(ctx, '座位安排'), body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/assignment/rooms/:id/roster',
      summary: '下载考场座次表（kind=seats，含照片）或签到表（kind=signin，身份证号脱敏）PDF，记入审计日志',
      query: roomRosterQuery,
    },
    async (ctx, { query }) => {
      const pdf = await roomRoster(deps, ctx.state.official!, id(ctx, '考场'), query, requestInfo(ctx));
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', pdf.disposition);
      ctx.set('Cache-Control', 'private, no-store');
      return pdf.bytes;
    },
  );
  return api;
}
