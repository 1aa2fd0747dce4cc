import { applyEnrolledImport } from './applyEnrolledImport';
import { checkEnrolledImport } from './checkEnrolledImport';
import type { ImportDeps, ImportRunOptions } from './importDeps';
import { ENROLLED_KIND } from './importJobs';
import { applyScoresImport, checkScoresImport, SCORES_KIND } from '../scores/scoresImport';
import { CERTIFICATES_IMPORT_KIND } from '@kaowei/shared';
import { applyCertificateImport, checkCertificateImport } from '../certificates/certificateImport';

/** One kind of import the worker runs: its dry run (state checking) and its import (state importing). */
export interface ImportKind {
  check(deps: ImportDeps, jobId: number, options: ImportRunOptions): Promise<unknown>;
  apply(deps: ImportDeps, jobId: number, options: ImportRunOptions): Promise<unknown>;
}

/** Every import_jobs.kind the worker knows; a new kind adds its line here. */
export const IMPORT_KINDS: Record<string, ImportKind> = {
  [ENROLLED_KIND]: { check: checkEnrolledImport, apply: applyEnrolledImport },
  [SCORES_KIND]: { check: checkScoresImport, apply: applyScoresImport },
  [CERTIFICATES_IMPORT_KIND]: { check: checkCertificateImport, apply: applyCertificateImport },
};
