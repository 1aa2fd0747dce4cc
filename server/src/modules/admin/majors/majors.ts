import {
  effectiveMajorStatus,
  MAJOR_STATUS_LABELS,
  type MajorDetail,
  type MajorInput,
  type MajorStatus,
  type MajorUpdate,
  type MajorView,
  type PlanCourseInput,
  type PlanCourseView,
} from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { beijingDateString } from '../../../lib/beijingTime';
import type { Official } from '../../accounts/models';
import type { Major } from '../../catalog/models';
import { catalogTransaction, changes, uniqueCodeTransaction } from '../changes';

interface MajorRow {
  id: number;
  code: string;
  name: string;
  level: string;
  status: MajorStatus;
  transition_ends_on: string | Date | null;
  course_count: number;
  ticket_count: number;
}

const SELECT = `SELECT m.id, m.code, m.name, m.level, m.status, m.transition_ends_on,
       (SELECT COUNT(*) FROM major_courses mc WHERE mc.major_id = m.id) AS course_count,
       (SELECT COUNT(*) FROM tickets t WHERE t.major_id = m.id) AS ticket_count
  FROM majors m`;

/** DATE columns come back as strings or Dates depending on the driver. */
const dateOnly = (value: string | Date | null): string | null =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

function majorView(row: MajorRow, today = beijingDateString(new Date())): MajorView {
  const transitionEndsOn = dateOnly(row.transition_ends_on);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    status: row.status,
    statusLabel: MAJOR_STATUS_LABELS[row.status],
    transitionEndsOn,
    effectiveStatus: effectiveMajorStatus({ status: row.status, transitionEndsOn }, today),
    courseCount: Number(row.course_count),
    ticketCount: Number(row.ticket_count),
  };
}

/** What an audit entry keeps of a major. */
export const majorFields = (m: Pick<Major, 'code' | 'name' | 'level' | 'status' | 'transitionEndsOn'>) => ({
  code: m.code,
  name: m.name,
  level: m.level,
  status: m.status,
  transitionEndsOn: m.transitionEndsOn ?? null,
});

/** Every major, by code; any official may read them. */
export async function listMajors(db: Db): Promise<{ items: MajorView[] }> {
  const rows = await db.sequelize.query<MajorRow>(`${SELECT} ORDER BY m.code`, { type: QueryTypes.SELECT });
  return { items: rows.map((r) => majorView(r)) };
}

/** A major with its course plan, required courses first. */
export async function majorDetail(db: Db, id: number, transaction?: Transaction): Promise<MajorDetail> {
  const [row] = await db.sequelize.query<MajorRow>(`${SELECT} WHERE m.id = ?`, {
    replacements: [id],
    type: QueryTypes.SELECT,
    transaction,
  });
  if (!row) throw new AppError('NOT_FOUND', { what: '专业' });
  const courses = await db.sequelize.query<{
    course_id: number;
    code: string;
    name: string;
    required: number;
    plan_credits: number | null;
    credits: number;
    practical: number;
  }>(
    `SELECT c.id AS course_id, c.code, c.name, mc.required, mc.credits AS plan_credits, c.credits, mc.practical
       FROM major_courses mc JOIN courses c ON c.id = mc.course_id
      WHERE mc.major_id = ? ORDER BY mc.required DESC, c.code`,
    { replacements: [id], type: QueryTypes.SELECT, transaction },
  );
  return {
    ...majorView(row),
    courses: courses.map((c): PlanCourseView => ({
      courseId: c.course_id,
      courseCode: c.code,
      courseName: c.name,
      required: Boolean(Number(c.required)),
      credits: Number(c.plan_credits ?? c.credits),
      ownCredits: c.plan_credits !== null,
      practical: Boolean(Number(c.practical)),
    })),
  };
}

/** An open major keeps no transition date. */
const normalised = <T extends { status: MajorStatus; transitionEndsOn?: string | null }>(input: T) => ({
  ...input,
  transitionEndsOn: input.status === 'open' ? null : (input.transitionEndsOn ?? null),
});

export async function createMajor(db: Db, official: Official, input: MajorInput, request: RequestInfo) {
  return uniqueCodeTransaction(db, { what: '专业', code: input.code }, async (transaction) => {
    const major = await db.models.Major.create(normalised(input), { transaction });
    await writeAudit(
      db,
      officialActor(official),
      { action: 'major.create', entityType: 'major', entityId: major.id, after: majorFields(major), ...request },
      transaction,
    );
    return majorDetail(db, major.id, transaction);
  });
}

/** Name, level, status (停考过渡期 with its last day); the code never changes. Audited with before/after. */
export async function updateMajor(db: Db, official: Official, id: number, input: MajorUpdate, request: RequestInfo) {
  return catalogTransaction(db, async (transaction) => {
    const major = await db.models.Major.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!major) throw new AppError('NOT_FOUND', { what: '专业' });
    const before = majorFields(major);
    major.set(normalised(input));
    const diff = changes(before, majorFields(major));
    if (Object.keys(diff.after).length > 0) {
      await major.save({ transaction });
      const action = diff.after.status ? 'major.status' : 'major.update';
      await writeAudit(
        db,
        officialActor(official),
        { action, entityType: 'major', entityId: id, ...diff, ...request },
        transaction,
      );
    }
    return majorDetail(db, id, transaction);
  });
}

/** Adds a course to a major's plan, or changes how the plan has it. */
export async function setPlanCourse(
  db: Db,
  official: Official,
  majorId: number,
  input: PlanCourseInput,
  request: RequestInfo,
) {
  return catalogTransaction(db, async (transaction) => {
    const major = await db.models.Major.findByPk(majorId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!major) throw new AppError('NOT_FOUND', { what: '专业' });
    const course = await db.models.Course.findOne({ where: { code: input.courseCode }, transaction });
    if (!course) throw new AppError('NOT_FOUND', { what: `课程“${input.courseCode}”` });
    const fields = { required: input.required, credits: input.credits, practical: input.practical };
    const existing = await db.models.MajorCourse.findOne({ where: { majorId, courseId: course.id }, transaction });
    const before = existing && {
      required: existing.required,
      credits: existing.credits,
      practical: existing.practical,
    };
    if (!existing) await db.models.MajorCourse.create({ majorId, courseId: course.id, ...fields }, { transaction });
    else await db.models.MajorCourse.update(fields, { where: { majorId, courseId: course.id }, transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: existing ? 'major.course.update' : 'major.course.add',
        entityType: 'major',
        entityId: majorId,
        before: before && { courseCode: course.code, ...before },
        after: { courseCode: course.code, ...fields },
        ...request,
      },
      transaction,
    );
    return majorDetail(db, majorId, transaction);
  });
}

export async function removePlanCourse(
  db: Db,
  official: Official,
  majorId: number,
  courseCode: string,
  request: RequestInfo,
) {
  return catalogTransaction(db, async (transaction) => {
    const course = await db.models.Course.findOne({ where: { code: courseCode }, transaction });
    const existing =
      course && (await db.models.MajorCourse.findOne({ where: { majorId, courseId: course.id }, transaction }));
    if (!course || !existing) throw new AppError('NOT_FOUND', { what: '专业计划中的该课程' });
    await db.models.MajorCourse.destroy({ where: { majorId, courseId: course.id }, transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'major.course.remove',
        entityType: 'major',
        entityId: majorId,
        before: { courseCode, required: existing.required, credits: existing.credits, practical: existing.practical },
        ...request,
      },
      transaction,
    );
    return majorDetail(db, majorId, transaction);
  });
}
