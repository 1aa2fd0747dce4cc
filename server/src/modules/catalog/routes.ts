import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  effectiveMajorStatus,
  formatFen,
  majorStatusText,
  type CatalogCourse,
  type CatalogTicketMajor,
} from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import type { Db } from '../../db/models';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { AppError } from '../../http/errors';
import { idParam } from '../../http/idParam';
import { beijingDateString } from '../../lib/beijingTime';
import type { TokenService } from '../accounts/tokens';
import { currentPeriod, findPeriod, unitsOf, unitView } from './catalogRepository';
import type { ExamPeriod } from './models';
import type { SeatBoard } from './seatBoard';

const tag = '报考信息';
const seatsQuery = z.object({ countyId: z.coerce.number().int().positive().optional() });

export function periodView(period: ExamPeriod, now = new Date()) {
  return {
    periodId: period.id,
    code: period.code,
    name: period.name,
    bookingOpensAt: period.bookingOpensAt,
    bookingClosesAt: period.bookingClosesAt,
    bookingOpen: period.bookingOpensAt <= now && now < period.bookingClosesAt,
    paymentOpensAt: period.paymentOpensAt,
    paymentClosesAt: period.paymentClosesAt,
    payDailyHours: `${period.payDailyStart}–${period.payDailyEnd}`,
    dailyReleaseTime: period.dailyReleaseTime,
    refundAllowed: period.refundAllowed,
    refundDeadline: period.refundDeadline,
    printOpensAt: period.printOpensAt,
    printClosesAt: period.printClosesAt,
    feePerCourseFen: period.feePerCourseFen,
    feePerCourseYuan: formatFen(period.feePerCourseFen),
    maxCourses: period.maxCourses,
    bookingNotice: period.bookingNotice,
  };
}

async function periodParam(db: Db, ctx: ApiContext): Promise<ExamPeriod> {
  const period = await findPeriod(db, idParam(ctx, 'periodId', '考次'));
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  return period;
}

/** The caller's ticket and its major, when the caller sends a candidate token (courses of it come first). */
async function callerTicket(db: Db, tokens: TokenService, ctx: ApiContext) {
  const token = /^Bearer (\S+)$/.exec(ctx.get('Authorization'))?.[1];
  if (!token) return null;
  try {
    const claims = tokens.verify('candidate-access', token);
    const ticket = claims.tk ? await db.models.Ticket.findByPk(claims.tk) : null;
    return ticket && { ticketId: ticket.id, majorId: ticket.majorId };
  } catch {
    return null;
  }
}

export function catalogRoutes(db: Db, tokens: TokenService, seats: SeatBoard, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);

  api.route(
    {
      method: 'get',
      path: '/api/catalog/current-period',
      summary: '当前考次：报考时间、费用、课程门数上限、报考须知',
      tag,
    },
    async () => {
      const period = await currentPeriod(db);
      if (!period) throw new AppError('NO_OPEN_PERIOD');
      return { ...periodView(period), units: (await unitsOf(db, period.id)).map(unitView) };
    },
  );

  api.route({ method: 'get', path: '/api/catalog/cities', summary: '市（州）与县（市、区）', tag }, async () => {
    const { cities, counties } = await db.catalog.regions();
    return {
      cities: cities.map((city) => ({
        cityId: city.id,
        code: city.code,
        name: city.name,
        counties: counties
          .filter((c) => c.cityId === city.id)
          .map((c) => ({ countyId: c.id, code: c.code, name: c.name })),
      })),
    };
  });

  api.route(
    { method: 'get', path: '/api/catalog/majors', summary: '专业（新生注册时选择；停考、过渡期专业不列出）', tag },
    async () => {
      const today = beijingDateString(new Date());
      const majors = [...(await db.catalog.majors()).values()].filter((m) => effectiveMajorStatus(m, today) === 'open');
      return { majors: majors.map((m) => ({ code: m.code, name: m.name, level: m.level })) };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/catalog/periods/:periodId/courses',
      summary: '开考课程（按考试单元，本专业课程在前，标出已合格课程）',
      tag,
    },
    async (ctx) => {
      const period = await periodParam(db, ctx);
      const caller = await callerTicket(db, tokens, ctx);
      const [rows, units, majors] = await Promise.all([
        db.sequelize.query<{
          unit_id: number;
          code: string;
          name: string;
          credits: number;
          own: number;
          passed: number;
        }>(
          `SELECT o.unit_id, c.code, c.name, COALESCE(mc.credits, c.credits) AS credits,
                  CASE WHEN mc.major_id IS NULL THEN 0 ELSE 1 END AS own,
                  CASE WHEN pc.id IS NULL THEN 0 ELSE 1 END AS passed
             FROM course_offerings o JOIN courses c ON c.id = o.course_id
             LEFT JOIN major_courses mc ON mc.course_id = c.id AND mc.major_id = ?
             LEFT JOIN passed_courses pc ON pc.course_id = c.id AND pc.ticket_id = ?
            WHERE o.period_id = ? ORDER BY own DESC, c.code ASC`,
          { replacements: [caller?.majorId ?? -1, caller?.ticketId ?? -1, period.id], type: QueryTypes.SELECT },
        ),
        unitsOf(db, period.id),
        db.catalog.majors(),
      ]);
      const major = caller ? majors.get(caller.majorId) : undefined;
      const status = major ? effectiveMajorStatus(major, beijingDateString(new Date())) : 'open';
      const ticketMajor: CatalogTicketMajor | null = major
        ? { code: major.code, name: major.name, status, statusText: majorStatusText({ ...major, status }) }
        : null;
      return {
        periodId: period.id,
        major: ticketMajor,
        units: units.map((unit) => ({
          ...unitView(unit),
          courses: rows
            .filter((r) => r.unit_id === unit.id)
            .map((r): CatalogCourse => ({
              code: r.code,
              name: r.name,
              credits: Number(r.credits),
              ownMajor: Number(r.own) === 1,
              passed: Number(r.passed) === 1,
              closedMajor: Number(r.own) === 1 && status === 'closed',
            })),
        })),
      };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/catalog/periods/:periodId/seats',
      summary: '考位余量（约数，每2秒更新）',
      tag,
      query: seatsQuery,
    },
    async (ctx, { query }) => {
      const period = await periodParam(db, ctx);
      const board = await seats.period(period.id);
      return {
        periodId: period.id,
        approximate: true,
        asOf: board.asOf,
        seats: board.rows
          .filter((r) => !query.countyId || r.countyId === query.countyId)
          .map((r) => ({
            countyId: r.countyId,
            unitId: r.unitId,
            capacity: r.capacity,
            left: Math.max(0, r.capacity - r.taken),
          })),
      };
    },
  );

  return api;
}
