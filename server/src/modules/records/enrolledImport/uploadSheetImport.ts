import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import type { ImportDeps } from './importDeps';
import { invalidFile, sha256, SHEET_CSV_FILE, sniffFormat, XLSX_FILE } from './importFiles';
import type { ImportJobRow } from './importRun';
import { importsDir, type StoredUpload } from './uploadEnrolledImport';

/** What a one-sheet import kind adds to the upload: its kind, its period, its header check, its audit. */
export interface SheetUploadKind {
  kind: string;
  periodId?: number;
  /** Reads the header of the kept upload in `dir`; throws IMPORT_FILE_INVALID for a wrong file. */
  checkHeader(dir: string): Promise<void>;
  /** Extra fields of the `<kind>_import.upload` audit entry (the period's code). */
  audit?: Record<string, unknown>;
}

/**
 * 上传 of a one-sheet import (scores, certificates; province only): one XLSX (its first sheet) or CSV.
 * Format and header are checked first; the file is then kept under DATA_DIR for the job, which waits
 * for its dry run. The job and its audit entry are written in one transaction.
 */
export async function uploadSheetImport(
  deps: ImportDeps,
  official: Official,
  file: StoredUpload | undefined,
  request: RequestInfo,
  of: SheetUploadKind,
): Promise<ImportJobRow> {
  const dir = path.join(importsDir(deps.config.dataDir), randomUUID());
  try {
    assertProvince(official);
    if (!file) throw invalidFile('请选择要导入的文件');
    const format = await sniffFormat(file.path, file.originalname);
    await mkdir(dir, { recursive: true });
    const kept = path.join(dir, format === 'xlsx' ? XLSX_FILE : SHEET_CSV_FILE);
    await rename(file.path, kept);
    await of.checkHeader(dir);
    const fileName = file.originalname.slice(0, 255);
    const fileSha256 = await sha256([kept]);
    return await deps.db.sequelize.transaction(async (transaction) => {
      const created = await deps.db.models.ImportJob.create(
        {
          kind: of.kind,
          officialId: official.id,
          state: 'checking',
          fileName,
          filePath: dir,
          fileSha256,
          periodId: of.periodId ?? null,
        },
        { transaction },
      );
      await writeAudit(
        deps.db,
        officialActor(official),
        {
          action: `${of.kind}_import.upload`,
          entityType: 'import_job',
          entityId: created.id,
          after: { ...of.audit, fileName, fileSha256 },
          ...request,
        },
        transaction,
      );
      return created;
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    if (file) await rm(file.path, { force: true });
  }
}
