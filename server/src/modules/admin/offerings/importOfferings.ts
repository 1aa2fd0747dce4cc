import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { importTransaction } from '../changes';
import { checkRows, locateColumns, type ImportContext, type OfferingRow } from './offeringRows';
import type { SheetRow } from './readSheet';

export interface ImportOptions {
  dryRun: boolean;
  fileName: string;
  request: RequestInfo;
}

/**
 * Course offerings from a spreadsheet (课程代码, 课程名称, 考试单元[, 学分]). Every row is checked;
 * unless it is a dry run, the valid rows are written in one transaction (courses upserted, offerings
 * added) and the bad ones reported with their spreadsheet row numbers.
 */
export async function importOfferings(
  db: Db,
  official: Official,
  periodId: number,
  rows: SheetRow[],
  options: ImportOptions,
) {
  const columns = locateColumns(rows[0]);
  const run = async (transaction?: Transaction) => {
    const context = await importContext(db, periodId, transaction);
    const { total, valid, problems } = checkRows(rows.slice(1), columns, context);
    if (!options.dryRun && valid.length > 0) {
      const written = await writeOfferings(db, periodId, valid, context, transaction!);
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'offering.import',
          entityType: 'exam_period',
          entityId: periodId,
          before: { courses: written.changed.before },
          after: { file: options.fileName, rows: valid.length, added: written.added, courses: written.changed.after },
          ...options.request,
        },
        transaction!,
      );
    }
    return {
      dryRun: options.dryRun,
      total,
      valid: valid.length,
      imported: options.dryRun ? 0 : valid.length,
      errors: problems,
    };
  };
  return importTransaction(db, options.dryRun, run);
}

/** What the checks need, plus the unit ids by code for writing (read once, in the import's transaction). */
interface PeriodContext extends ImportContext {
  unitIds: Map<string, number>;
}

async function importContext(db: Db, periodId: number, transaction?: Transaction): Promise<PeriodContext> {
  const units = await db.models.ExamUnit.findAll({ where: { periodId }, order: [['code', 'ASC']], transaction });
  const offered = await db.sequelize.query<{ course_code: string; unit_code: string }>(
    `SELECT c.code AS course_code, u.code AS unit_code FROM course_offerings o
       JOIN courses c ON c.id = o.course_id JOIN exam_units u ON u.id = o.unit_id
      WHERE o.period_id = ?`,
    { replacements: [periodId], type: QueryTypes.SELECT, transaction },
  );
  return {
    unitCodes: units.map((u) => u.code),
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    offeredIn: new Map(offered.map((o) => [o.course_code, o.unit_code])),
  };
}

/** Upserts the courses (recording renamed ones), then adds the offerings not there yet. */
async function writeOfferings(
  db: Db,
  periodId: number,
  rows: OfferingRow[],
  context: PeriodContext,
  transaction: Transaction,
) {
  const m = db.models;
  const codes = rows.map((r) => r.courseCode);
  const existing = new Map((await m.Course.findAll({ where: { code: codes }, transaction })).map((c) => [c.code, c]));
  type CourseFields = { name: string; credits: number };
  const changed = { before: {} as Record<string, CourseFields>, after: {} as Record<string, CourseFields> };
  for (const row of rows) {
    const course = existing.get(row.courseCode);
    if (!course) {
      existing.set(
        row.courseCode,
        await m.Course.create(
          { code: row.courseCode, name: row.courseName, credits: row.credits ?? 0 },
          { transaction },
        ),
      );
    } else if (course.name !== row.courseName || (row.credits !== null && course.credits !== row.credits)) {
      changed.before[row.courseCode] = { name: course.name, credits: course.credits };
      await course.update({ name: row.courseName, credits: row.credits ?? course.credits }, { transaction });
      changed.after[row.courseCode] = { name: course.name, credits: course.credits };
    }
  }
  const added = rows.filter((r) => !context.offeredIn.has(r.courseCode));
  await m.CourseOffering.bulkCreate(
    added.map((r) => ({
      periodId,
      unitId: context.unitIds.get(r.unitCode)!,
      courseId: existing.get(r.courseCode)!.id,
    })),
    { transaction },
  );
  return { added: added.map((r) => `${r.courseCode}@${r.unitCode}`), changed };
}
