import { CERTIFICATES_IMPORT_KIND, type CertificateImportJobView } from '@kaowei/shared';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import type { ImportDeps } from '../enrolledImport/importDeps';
import type { StoredUpload } from '../enrolledImport/uploadEnrolledImport';
import { uploadSheetImport } from '../enrolledImport/uploadSheetImport';
import { checkCertificateHeader } from './certificateRows';
import { certificateJobView } from './viewCertificateImports';

/**
 * 上传证书导入文件 (province only): one XLSX (its first sheet) or one CSV. The format and the header are
 * checked before anything is written; the job then waits for its dry run by the import worker.
 */
export async function uploadCertificateImport(
  deps: ImportDeps,
  official: Official,
  file: StoredUpload | undefined,
  request: RequestInfo,
): Promise<CertificateImportJobView> {
  const job = await uploadSheetImport(deps, official, file, request, {
    kind: CERTIFICATES_IMPORT_KIND,
    checkHeader: checkCertificateHeader,
  });
  return certificateJobView(job);
}
