import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ImportJobView } from '@kaowei/shared';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { checkHeaders } from './enrolledBatches';
import { EnrolledRowChecker } from './enrolledRows';
import { CSV_FILES, invalidFile, sha256, sniffFormat, XLSX_FILE } from './importFiles';
import type { ImportDeps } from './importDeps';
import { ENROLLED_KIND } from './importJobs';
import { importJobView } from './viewImportJob';

/** A file multer stored on disk. */
export interface StoredUpload {
  path: string;
  originalname: string;
}

export const importsDir = (dataDir: string) => path.join(dataDir, 'imports');

/**
 * 上传考籍导入文件 (province only): an XLSX with both sheets, or the 考籍 CSV and optionally the
 * 已合格课程 CSV. The format (by bytes and name) and the headers are checked before anything is written;
 * then the file is kept under DATA_DIR for the job, and the job waits for its dry run.
 */
export async function uploadEnrolledImport(
  deps: ImportDeps,
  official: Official,
  upload: { file?: StoredUpload; passedFile?: StoredUpload },
  request: RequestInfo,
): Promise<ImportJobView> {
  const uploaded = [upload.file, upload.passedFile].filter((f): f is StoredUpload => Boolean(f));
  const dir = path.join(importsDir(deps.config.dataDir), randomUUID());
  try {
    assertProvince(official);
    const { file, passedFile } = upload;
    if (!file) throw invalidFile('请选择要导入的文件');
    const format = await sniffFormat(file.path, file.originalname);
    if (format === 'xlsx' && passedFile) throw invalidFile('Excel文件已含“已合格课程”表，无需另传CSV');
    if (passedFile && (await sniffFormat(passedFile.path, passedFile.originalname)) !== 'csv') {
      throw invalidFile('已合格课程请上传CSV文件');
    }
    await mkdir(dir, { recursive: true });
    const kept = format === 'xlsx' ? [path.join(dir, XLSX_FILE)] : [path.join(dir, CSV_FILES.tickets)];
    await rename(file.path, kept[0]!);
    if (passedFile) {
      kept.push(path.join(dir, CSV_FILES.passed));
      await rename(passedFile.path, kept[1]!);
    }
    const codes = { majors: new Map(), counties: new Map(), courses: new Map() };
    await checkHeaders(dir, new EnrolledRowChecker(codes));
    const fileName = [file.originalname, passedFile?.originalname].filter(Boolean).join(' + ').slice(0, 255);
    const fileSha256 = await sha256(kept);
    const job = await deps.db.sequelize.transaction(async (transaction) => {
      const created = await deps.db.models.ImportJob.create(
        { kind: ENROLLED_KIND, officialId: official.id, state: 'checking', fileName, filePath: dir, fileSha256 },
        { transaction },
      );
      await writeAudit(
        deps.db,
        officialActor(official),
        {
          action: 'enrolled_import.upload',
          entityType: 'import_job',
          entityId: created.id,
          after: { fileName, fileSha256 },
          ...request,
        },
        transaction,
      );
      return created;
    });
    return importJobView(job);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await Promise.all(uploaded.map((f) => rm(f.path, { force: true })));
  }
}
