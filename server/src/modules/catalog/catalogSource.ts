import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import type { MajorStatus } from '@kaowei/shared';
import type { CatalogMajor, CatalogSource, Offering } from './catalogCache';

type Connection = Pick<Db, 'sequelize' | 'models'>;

/**
 * The catalog read straight from the database, as plain rows: what CatalogCache keeps, and what the
 * officials' screens read so they always show the latest state.
 */
export function catalogSource({ sequelize, models: m }: Connection): CatalogSource {
  return {
    period: async (id) => (await m.ExamPeriod.findByPk(id))?.get({ plain: true }) ?? null,
    periods: async () =>
      (await m.ExamPeriod.findAll({ order: [['bookingOpensAt', 'ASC']] })).map((p) => p.get({ plain: true })),
    units: async (periodId) =>
      (
        await m.ExamUnit.findAll({
          where: { periodId },
          order: [
            ['examDate', 'ASC'],
            ['startTime', 'ASC'],
          ],
        })
      ).map((u) => u.get({ plain: true })),
    offerings: async (periodId) => {
      const rows = await sequelize.query<{ course_id: number; code: string; name: string; unit_id: number }>(
        `SELECT c.id AS course_id, c.code, c.name, o.unit_id FROM course_offerings o JOIN courses c ON c.id = o.course_id
          WHERE o.period_id = ?`,
        { replacements: [periodId], type: QueryTypes.SELECT },
      );
      return rows.map((r): Offering => ({
        courseId: r.course_id,
        courseCode: r.code,
        courseName: r.name,
        unitId: r.unit_id,
      }));
    },
    county: async (id) => (await m.County.findByPk(id))?.get({ plain: true }) ?? null,
    regions: async () => {
      const order: [string, string][] = [['code', 'ASC']];
      const [cities, counties] = await Promise.all([m.City.findAll({ order }), m.County.findAll({ order })]);
      return {
        cities: cities.map((c) => c.get({ plain: true })),
        counties: counties.map((c) => c.get({ plain: true })),
      };
    },
    majors: async () => {
      const [majors, plans] = await Promise.all([
        m.Major.findAll({ order: [['code', 'ASC']] }),
        m.MajorCourse.findAll({ attributes: ['majorId', 'courseId'] }),
      ]);
      const plan = new Map<number, Set<number>>();
      for (const p of plans) plan.set(p.majorId, (plan.get(p.majorId) ?? new Set()).add(p.courseId));
      return majors.map((major): CatalogMajor => ({
        id: major.id,
        code: major.code,
        name: major.name,
        level: major.level,
        status: major.status as MajorStatus,
        transitionEndsOn: major.transitionEndsOn,
        planCourseIds: plan.get(major.id) ?? new Set(),
      }));
    },
  };
}
