import { SCORE_BANDS, SCORE_MARK_LABELS, type ScoreMark, type ScoreStatsQuery } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { contentDisposition } from '../../../http/contentDisposition';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { beijingDateString } from '../../../lib/beijingTime';
import { loadExcelJs } from '../../../lib/excelJs';
import type { Official } from '../../accounts/models';
import { scoreDetails } from './scoreStatsRepository';
import { statsScope, viewScoreStats } from './viewScoreStats';

/**
 * 导出成绩统计 (XLSX): sheet 成绩统计 (the screen's table with its bands) and sheet 成绩明细 (one row per
 * score in scope; document numbers masked, no phones). Same visibility rule and scope as the screen;
 * recorded in the audit log (period, course, rows) before the file leaves.
 */
export async function exportScoreStats(
  db: Db,
  official: Official,
  query: ScoreStatsQuery,
  request: RequestInfo,
  now = new Date(),
) {
  const { period, scope } = await statsScope(db, official, query, now);
  const [stats, details] = await Promise.all([viewScoreStats(db, official, query, now), scoreDetails(db, scope)]);
  const { default: ExcelJS } = await loadExcelJs();
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet('成绩统计');
  summary.addRow(['课程代码', '课程名称', '报考缴费人数', '实考人数', '合格人数', '合格率(%)', ...SCORE_BANDS]);
  for (const r of stats.rows) {
    summary.addRow([r.courseCode, r.courseName, r.booked, r.sat, r.passed, r.passRate, ...r.bands]);
  }
  const t = stats.total;
  summary.addRow(['合计', '', t.booked, t.sat, t.passed, t.passRate, ...t.bands]);
  const sheet = book.addWorksheet('成绩明细');
  sheet.addRow([
    '准考证号',
    '姓名',
    '证件号码',
    '考试县区',
    '课程代码',
    '课程名称',
    '成绩',
    '等级',
    '标记',
    '是否合格',
  ]);
  for (const d of details) {
    const mark = d.mark ? (SCORE_MARK_LABELS[d.mark as ScoreMark] ?? d.mark) : null;
    sheet.addRow([
      d.ticket_no,
      d.name,
      d.id_card_masked,
      d.county_name,
      d.course_code,
      d.course_name,
      d.score === null ? null : Number(d.score),
      d.grade,
      mark,
      Number(d.passed) === 1 ? '合格' : '不合格',
    ]);
  }
  for (const ws of [summary, sheet]) ws.getRow(1).font = { bold: true };
  await db.sequelize.transaction((transaction) =>
    writeAudit(
      db,
      officialActor(official),
      {
        action: 'export.score_stats',
        entityType: 'exam_period',
        entityId: period.id,
        after: {
          what: 'score_stats',
          format: 'xlsx',
          filters: { periodId: period.id, courseId: query.courseId ?? null },
          rows: details.length,
        },
        ...request,
      },
      transaction,
    ),
  );
  const date = beijingDateString(now).replaceAll('-', '');
  const safeCode = period.code.replace(/[^A-Za-z0-9_-]/g, '_');
  return {
    body: Buffer.from(await book.xlsx.writeBuffer()),
    rows: details.length,
    disposition: contentDisposition(`score_stats_${safeCode}_${date}.xlsx`, `成绩统计_${period.code}_${date}.xlsx`),
  };
}
