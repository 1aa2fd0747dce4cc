import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ScoresImportJobView } from '@kaowei/shared';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { AppError } from '../../../http/errors';
import type { ImportDeps } from '../enrolledImport/importDeps';
import {
  invalidFile,
  readSheetUpload,
  sha256,
  SHEET_CSV_FILE,
  sniffFormat,
  XLSX_FILE,
} from '../enrolledImport/importFiles';
import { importsDir, type StoredUpload } from '../enrolledImport/uploadEnrolledImport';
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
  const dir = path.join(importsDir(deps.config.dataDir), randomUUID());
  try {
    assertProvince(official);
    const period = await deps.db.models.ExamPeriod.findByPk(periodId);
    if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
    if (!file) throw invalidFile('请选择要导入的文件');
    const format = await sniffFormat(file.path, file.originalname);
    await mkdir(dir, { recursive: true });
    const kept = path.join(dir, format === 'xlsx' ? XLSX_FILE : SHEET_CSV_FILE);
    await rename(file.path, kept);
    await checkHeader(dir);
    const fileName = file.originalname.slice(0, 255);
    const fileSha256 = await sha256([kept]);
    const job = await deps.db.sequelize.transaction(async (transaction) => {
      const created = await deps.db.models.ImportJob.create(
        {
          kind: SCORES_KIND,
          officialId: official.id,
          state: 'checking',
          fileName,
          filePath: dir,
          fileSha256,
          periodId,
        },
        { transaction },
      );
      await writeAudit(
        deps.db,
        officialActor(official),
        {
          action: 'scores_import.upload',
          entityType: 'import_job',
          entityId: created.id,
          after: { periodCode: period.code, fileName, fileSha256 },
          ...request,
        },
        transaction,
      );
      return created;
    });
    return scoresJobView(job);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    if (file) await rm(file.path, { force: true });
  }
}
