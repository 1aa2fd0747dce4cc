import { importRowMessage, type ImportRowError, type ScoresImportSummary } from '@kaowei/shared';
import type { SqlReader, SqlTx } from '../../../db/sqlTx';
import type { ExamPeriodRecord } from '../../catalog/models';
import { insertAudits, ticketsByNo, type AuditRow } from '../enrolledImport/enrolledRepository';
import { sheetBatches, type SheetBatch } from '../enrolledImport/importFiles';
import type { ImportDeps, ImportRunOptions } from '../enrolledImport/importDeps';
import {
  applyInBatches,
  checkInBatches,
  type BatchContext,
  type BatchSource,
  type ImportJobRow,
} from '../enrolledImport/importRun';
import { scoresPublished } from '../scoresPublication';
import { resultText, ScoreRowChecker, SCORES_SHEET, type ScoreRecord } from './scoreRows';
import { loadScoreCourses, paidCourses, scoresOf, upsertScores, type ScoreRow } from './scoresRepository';
import { syncPassedCourses } from './syncPassedCourses';

export const SCORES_KIND = 'scores';

export const emptyScoresSummary = (): ScoresImportSummary => ({
  scores: { created: 0, updated: 0, unchanged: 0 },
  passedCourses: { created: 0, updated: 0, unchanged: 0, removed: 0 },
});

type ScoreBatch = SheetBatch<ScoreRecord>;

const rowError = (
  row: number,
  field: string,
  code: ImportRowError['code'],
  params: Record<string, string | number>,
) => ({
  sheet: SCORES_SHEET,
  row,
  field,
  code,
  message: importRowMessage(code, params),
});

/** Whether a stored score differs from the row (a pass mark changed since counts too). */
const differs = (current: ScoreRow, record: ScoreRecord) =>
  current.score !== record.score ||
  current.grade !== record.grade ||
  current.mark !== record.mark ||
  Boolean(current.passed) !== record.passed;

/** The job's period (a scores job always has one). */
async function periodOf(deps: ImportDeps, job: ImportJobRow): Promise<ExamPeriodRecord> {
  return (await deps.db.models.ExamPeriod.findByPk(job.periodId!, { rejectOnEmpty: true })) as ExamPeriodRecord;
}

/**
 * How a scores job reads its file and checks a batch against the database: the ticket exists, booked the
 * course in this period and paid for it, and — once the period's scores are published — the row leaves an
 * existing score as it is (a published score changes only through 成绩更正, with a reason).
 */
export async function scoresSource(deps: ImportDeps, job: ImportJobRow, now: () => Date) {
  const period = await periodOf(deps, job);
  const checker = new ScoreRowChecker(await loadScoreCourses(deps.db));
  const source: BatchSource<ScoreBatch> & { period: ExamPeriodRecord } = {
    period,
    batches: (found, options) => sheetBatches(found.filePath, SCORES_SHEET, checker, options),
    async databaseErrors(sql: SqlReader, batch: ScoreBatch) {
      const tickets = new Map(
        (await ticketsByNo(sql, [...new Set(batch.records.map((r) => r.ticketNo))])).map((t) => [t.ticket_no, t.id]),
      );
      const ids = [...new Set(tickets.values())];
      const paid = await paidCourses(sql, period.id, ids);
      const published = scoresPublished(period, now());
      const existing = published ? await scoresOf(sql, period.id, ids) : new Map<string, ScoreRow>();
      const errors: ImportRowError[] = [];
      for (const record of batch.records) {
        const ticketId = tickets.get(record.ticketNo);
        const { ticketNo, courseCode } = record;
        if (ticketId === undefined) {
          errors.push(rowError(record.row, '准考证号', 'SCORE_TICKET_UNKNOWN', { ticketNo }));
          continue;
        }
        const key = `${ticketId}:${record.courseId}`;
        if (!paid.has(key)) {
          errors.push(rowError(record.row, '课程代码', 'SCORE_COURSE_NOT_BOOKED', { ticketNo, courseCode }));
          continue;
        }
        const current = existing.get(key);
        if (current && differs(current, record)) {
          const before = resultText({ ...current, mark: current.mark as ScoreRecord['mark'] });
          errors.push(rowError(record.row, '成绩', 'SCORE_PUBLISHED_CHANGE', { before, after: resultText(record) }));
        }
      }
      return errors;
    },
  };
  return source;
}

/** 预检 (dry run) of a scores import: see checkInBatches. */
export async function checkScoresImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  const now = options.now ?? (() => new Date());
  await checkInBatches(deps, jobId, options, (job) => scoresSource(deps, job, now));
}

/**
 * 导入 of a checked scores job (see applyInBatches): each batch upserts its scores by ticket, period and
 * course, writing only rows that differ (so importing the same file again changes nothing), keeps 已合格课程
 * in step, and audits every score it changes with before and after.
 */
export async function applyScoresImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  const now = options.now ?? (() => new Date());
  return applyInBatches<ScoreBatch, ScoresImportSummary>(deps, jobId, options, async (job) => {
    const source = await scoresSource(deps, job, now);
    const reason = `成绩导入（任务${job.id}，${job.fileName}）`.slice(0, 255);
    return {
      ...source,
      emptySummary: emptyScoresSummary,
      apply: (tx, batch, context) => applyBatch(tx, source.period, batch, { ...context, reason }),
    };
  });
}

async function applyBatch(
  tx: SqlTx,
  period: ExamPeriodRecord,
  batch: ScoreBatch,
  context: BatchContext<ScoresImportSummary> & { reason: string },
): Promise<ScoresImportSummary> {
  const { at } = context;
  const tickets = new Map(
    (await ticketsByNo(tx, [...new Set(batch.records.map((r) => r.ticketNo))])).map((t) => [t.ticket_no, t]),
  );
  const existing = await scoresOf(tx, period.id, [...new Set([...tickets.values()].map((t) => t.id))]);
  const counts = { ...context.summary.scores };
  const rows: unknown[][] = [];
  const audits: AuditRow[] = [];
  const wanted = batch.records.map((record) => {
    const ticket = tickets.get(record.ticketNo)!;
    const current = existing.get(`${ticket.id}:${record.courseId}`);
    const result = { score: record.score, grade: record.grade, mark: record.mark, passed: record.passed };
    if (current && !differs(current, record)) counts.unchanged += 1;
    else {
      const { score, grade, mark, passed } = result;
      rows.push([
        ticket.candidate_id,
        ticket.id,
        period.id,
        record.courseId,
        score,
        grade,
        mark,
        passed,
        context.job.id,
        at,
        at,
      ]);
      if (!current) counts.created += 1;
      else {
        counts.updated += 1;
        const { score, grade, mark } = current;
        audits.push({
          action: 'score.import_update',
          entityType: 'score',
          entityId: current.id,
          before: { ticketNo: record.ticketNo, courseCode: record.courseCode, score, grade, mark },
          after: { ticketNo: record.ticketNo, courseCode: record.courseCode, ...result },
          countyId: null,
        });
      }
    }
    return { ticketId: ticket.id, courseId: record.courseId, ...result };
  });
  await upsertScores(tx, rows);
  const passed = await syncPassedCourses(tx, period, wanted, at);
  await insertAudits(tx, context.actor, context.reason, audits, at);
  const before = context.summary.passedCourses;
  return {
    scores: counts,
    passedCourses: {
      created: before.created + passed.created,
      updated: before.updated + passed.updated,
      unchanged: before.unchanged + passed.unchanged,
      removed: before.removed + passed.removed,
    },
  };
}
