import type { ScoresImportJobView } from '@kaowei/shared';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { AppError } from '../../../http/errors';
import type { ImportDeps } from '../enrolledImport/importDeps';
import { invalidFile, readSheetUpload } from '../enrolledImport/importFiles';
import type { StoredUpload } from '../enrolledImport/uploadEnrolledImport';
import { uploadSheetImport } from '../enrolledImport/uploadSheetImport';
import { ScoreRowChecker, SCORES_SHEET } from './scoreRows';
import { SCORES_KIND } from './scoresImport';
import { scoresJobView } from './viewScores';

/** Reads the header (the first row that is not blank): a wrong file is refused before a job exists. */
async function checkHeader(dir: string): Promise<void> {
  const checker = new ScoreRowChecker(new Map());
  for await (const raw of readSheetUpload(dir, SCORES_SHEET)) {
    if (raw.cells.every((cell) => cell.trim() === '')) continue;
    checker.header(raw.cells);
    return;
  }
  throw invalidFile('文件是空的，第1行须为表头');
}

/**
 * 上传成绩文件 (province only) for a period: one XLSX (its first sheet) or CSV. Format and header are
 * checked first; the file is then kept under DATA_DIR for the job, which waits for its dry run.
 */
export async function uploadScoresImport(
  deps: ImportDeps,
  official: Official,
  periodId: number,
  file: StoredUpload | undefined,
  request: RequestInfo,
): Promise<ScoresImportJobView> {
  const period = await deps.db.models.ExamPeriod.findByPk(periodId);
  const job = await uploadSheetImport(deps, official, file, request, {
    kind: SCORES_KIND,
    periodId,
    audit: { periodCode: period?.code },
    async checkHeader(dir) {
      if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
      await checkHeader(dir);
    },
  });
  return scoresJobView(job);
}
