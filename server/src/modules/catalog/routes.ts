import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { formatFen } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import type { Db } from '../../db/models';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { AppError } from '../../http/errors';
import { idParam } from '../../http/idParam';
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

/** The candidate's major, when the caller sends a candidate token (courses of it come first). */
async function callerMajorId(db: Db, tokens: TokenService, ctx: ApiContext): Promise<number | null> {
  const token = /^Bearer (\S+)$/.exec(ctx.get('Authorization'))?.[1];
  if (!token) return null;
  try {
    const claims = tokens.verify('candidate-access', token);
    const ticket = claims.tk ? await db.models.Ticket.findByPk(claims.tk) : null;
    return ticket?.majorId ?? null;
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

  api.route({ method: 'get', path: '/api/catalog/majors', summary: '专业（新生注册时选择）', tag }, async () => {
    const majors = await db.models.Major.findAll({ order: [['code', 'ASC']] });
    return { majors: majors.map((m) => ({ code: m.code, name: m.name, level: m.level })) };
  });

  api.route(
    {
      method: 'get',
      path: '/api/catalog/periods/:periodId/courses',
      summary: '开考课程（按考试单元，本专业课程在前）',
      tag,
    },
    async (ctx) => {
      const period = await periodParam(db, ctx);
      const majorId = await callerMajorId(db, tokens, ctx);
      const rows = await db.sequelize.query<{
        unit_id: number;
        code: string;
        name: string;
        credits: number;
        own: number;
      }>(
        `SELECT o.unit_id, c.code, c.name, c.credits,
                CASE WHEN mc.major_id IS NULL THEN 0 ELSE 1 END AS own
           FROM course_offerings o JOIN courses c ON c.id = o.course_id
           LEFT JOIN major_courses mc ON mc.course_id = c.id AND mc.major_id = ?
          WHERE o.period_id = ? ORDER BY own DESC, c.code ASC`,
        { replacements: [majorId ?? -1, period.id], type: QueryTypes.SELECT },
      );
      const units = await unitsOf(db, period.id);
      return {
        periodId: period.id,
        units: units.map((unit) => ({
          ...unitView(unit),
          courses: rows
            .filter((r) => r.unit_id === unit.id)
            .map((r) => ({ code: r.code, name: r.name, credits: Number(r.credits), ownMajor: Number(r.own) === 1 })),
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
