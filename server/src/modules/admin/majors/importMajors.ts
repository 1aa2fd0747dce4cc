import type { MajorImportAnswer, MajorImportKind } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { officialActor } from '../../../kernel/actor';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { changes, importTransaction } from '../changes';
import type { SheetRow } from '../offerings/readSheet';
import { checkMajorRows, checkPlanRows, locateColumns, type MajorRowInput, type PlanRowInput } from './majorRows';
import { majorFields } from './majors';

export interface MajorImportOptions {
  kind: MajorImportKind;
  dryRun: boolean;
  fileName: string;
  request: RequestInfo;
}

type Counts = Pick<MajorImportAnswer, 'created' | 'updated' | 'unchanged'>;

/**
 * Majors or course plans from a spreadsheet. Every row is checked and the bad ones reported with their row
 * numbers; a dry run says what would be created, updated or left unchanged; otherwise the valid rows are
 * written in one transaction (upsert by code, so importing the same file again changes nothing), with one
 * audit entry holding each changed row's before and after.
 */
export async function importMajorSheet(
  db: Db,
  official: Official,
  rows: SheetRow[],
  options: MajorImportOptions,
): Promise<MajorImportAnswer> {
  const columns = locateColumns(options.kind, rows[0]);
  const run = async (transaction?: Transaction) => {
    const write = options.dryRun ? null : { transaction: transaction!, official, options };
    const { total, valid, problems, counts } =
      options.kind === 'majors'
        ? await applyMajors(db, checkMajorRows(rows.slice(1), columns), write)
        : await applyPlans(db, rows.slice(1), columns, write, transaction);
    return { kind: options.kind, dryRun: options.dryRun, total, valid: valid.length, ...counts, errors: problems };
  };
  return importTransaction(db, options.dryRun, run);
}

interface Write {
  transaction: Transaction;
  official: Official;
  options: MajorImportOptions;
}

async function audit(db: Db, write: Write, action: string, before: unknown, after: Record<string, unknown>) {
  await writeAudit(
    db,
    officialActor(write.official),
    {
      action,
      entityType: 'major',
      entityId: null,
      before,
      after: { file: write.options.fileName, ...after },
      ...write.options.request,
    },
    write.transaction,
  );
}

async function applyMajors(db: Db, checked: ReturnType<typeof checkMajorRows>, write: Write | null) {
  const transaction = write?.transaction;
  const found = await db.models.Major.findAll({ where: { code: checked.valid.map((r) => r.code) }, transaction });
  const existing = new Map(found.map((m) => [m.code, m]));
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const created: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const row of checked.valid) {
    const fields = majorFields(row satisfies MajorRowInput);
    const major = existing.get(row.code);
    if (!major) {
      counts.created += 1;
      created.push(row.code);
      if (write) await db.models.Major.create(fields, { transaction });
      continue;
    }
    const diff = changes(majorFields(major), fields);
    if (Object.keys(diff.after).length === 0) {
      counts.unchanged += 1;
      continue;
    }
    counts.updated += 1;
    before[row.code] = diff.before;
    after[row.code] = diff.after;
    if (write) await major.update(fields, { transaction });
  }
  if (write && counts.created + counts.updated > 0) {
    await audit(db, write, 'major.import', before, { created, updated: after });
  }
  return { ...checked, counts };
}

async function applyPlans(
  db: Db,
  rows: SheetRow[],
  columns: Map<string, number>,
  write: Write | null,
  transaction?: Transaction,
) {
  const codesIn = (name: string) => {
    const index = columns.get(name) ?? -1;
    return [...new Set(rows.map((r) => String(r.cells[index] ?? '').trim()))].filter((c) => c !== '');
  };
  const courseCodes = codesIn('课程代码').map((c) => (/^\d+$/.test(c) ? c.padStart(5, '0') : c));
  const [majors, courses] = await Promise.all([
    db.models.Major.findAll({ where: { code: codesIn('专业代码').map((c) => c.toUpperCase()) }, transaction }),
    db.models.Course.findAll({ where: { code: courseCodes }, transaction }),
  ]);
  const majorIds = new Map(majors.map((m) => [m.code, m.id]));
  const courseIds = new Map(courses.map((c) => [c.code, c.id]));
  const checked = checkPlanRows(rows, columns, { majorIds, courseIds });
  const planned = await db.models.MajorCourse.findAll({ where: { majorId: [...majorIds.values()] }, transaction });
  const current = new Map(planned.map((p) => [`${p.majorId}/${p.courseId}`, p]));

  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const newCourses: string[] = [];
  const added: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const row of checked.valid satisfies PlanRowInput[]) {
    let courseId = courseIds.get(row.courseCode);
    if (courseId === undefined) {
      newCourses.push(row.courseCode);
      if (write) {
        const course = await db.models.Course.create(
          { code: row.courseCode, name: row.courseName, credits: row.credits ?? 0 },
          { transaction },
        );
        courseId = course.id;
        courseIds.set(row.courseCode, course.id);
      }
    }
    const majorId = majorIds.get(row.majorCode)!;
    const fields = { required: row.required, credits: row.credits, practical: row.practical };
    const key = `${row.majorCode}/${row.courseCode}`;
    const existing = courseId === undefined ? undefined : current.get(`${majorId}/${courseId}`);
    if (!existing) {
      counts.created += 1;
      added.push(key);
      if (write) await db.models.MajorCourse.create({ majorId, courseId: courseId!, ...fields }, { transaction });
      continue;
    }
    const was = {
      required: Boolean(existing.required),
      credits: existing.credits,
      practical: Boolean(existing.practical),
    };
    const diff = changes(was, fields);
    if (Object.keys(diff.after).length === 0) {
      counts.unchanged += 1;
      continue;
    }
    counts.updated += 1;
    before[key] = diff.before;
    after[key] = diff.after;
    if (write) await db.models.MajorCourse.update(fields, { where: { majorId, courseId: courseId! }, transaction });
  }
  if (write && counts.created + counts.updated > 0) {
    await audit(db, write, 'major.plan.import', before, { newCourses, added, updated: after });
  }
  return { ...checked, counts };
}
