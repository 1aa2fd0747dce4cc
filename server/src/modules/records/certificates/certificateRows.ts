import {
  CERTIFICATE_HEADERS,
  CERTIFICATE_SHEET,
  importRowMessage,
  isValidTicketNo,
  type ImportRowError,
  type ImportRowErrorCode,
} from '@kaowei/shared';
import { asDate, rowReader } from '../enrolledImport/enrolledRows';
import { invalidFile, sheetBatches, type RawRow, type SheetBatch } from '../enrolledImport/importFiles';

/** A 证书 row once its formats are checked. */
export interface CertificateRecord {
  row: number;
  certificateNo: string;
  ticketNo: string;
  majorCode: string;
  issuedOn: string;
}

export type CertificateBatch = SheetBatch<CertificateRecord>;

const CERTIFICATE_NO = /^[A-Z0-9-]{1,32}$/;

export const certificateRowError = (
  row: number,
  field: string,
  code: ImportRowErrorCode,
  params: Record<string, string | number> = {},
): ImportRowError => ({ sheet: CERTIFICATE_SHEET, row, field, code, message: importRowMessage(code, params) });

/**
 * The checks of one 证书 row that need no database (formats, a number repeated in the file). Holds the
 * numbers seen so far and their rows: a few bytes per row.
 */
export class CertificateRowChecker {
  private columns: Map<string, number> | null = null;
  private readonly seen = new Map<string, number>();

  hasHeader(): boolean {
    return this.columns !== null;
  }

  header(cells: string[]): void {
    const names = cells.map((cell) => cell.trim());
    const missing = CERTIFICATE_HEADERS.filter((name) => !names.includes(name));
    if (missing.length > 0) {
      throw invalidFile(`第1行须为表头（${CERTIFICATE_HEADERS.join('，')}），缺少“${missing.join('”“')}”`);
    }
    this.columns = new Map(names.map((name, index) => [name, index]));
  }

  check(raw: RawRow<string>): { record: CertificateRecord | null; errors: ImportRowError[] } {
    const { fail, errors, required } = rowReader(this.columns!, raw, CERTIFICATE_SHEET);
    const certificateNo = required('证书编号').toUpperCase();
    if (certificateNo !== '' && !CERTIFICATE_NO.test(certificateNo)) {
      fail('证书编号', 'CERTIFICATE_NO_INVALID', { value: certificateNo });
    }
    const ticketNo = required('准考证号');
    if (ticketNo !== '' && !isValidTicketNo(ticketNo)) fail('准考证号', 'TICKET_NO_INVALID', { value: ticketNo });
    const majorCode = required('专业代码');
    const dateText = required('毕业日期');
    const issuedOn = dateText === '' ? null : asDate(dateText);
    if (dateText !== '' && !issuedOn) fail('毕业日期', 'ISSUED_ON_INVALID', { value: dateText });
    const earlier = certificateNo === '' ? undefined : this.seen.get(certificateNo);
    if (earlier !== undefined) fail('证书编号', 'CERTIFICATE_DUPLICATE_IN_FILE', { certificateNo, row: earlier });
    else if (certificateNo !== '') this.seen.set(certificateNo, raw.row);
    if (errors.length > 0) return { record: null, errors };
    return { record: { row: raw.row, certificateNo, ticketNo, majorCode, issuedOn: issuedOn! }, errors };
  }
}

/** The upload's data rows in batches (see sheetBatches): the first sheet of a workbook, or the CSV. */
export const certificateBatches = (dir: string, options: { size: number; skip?: number }) =>
  sheetBatches(dir, CERTIFICATE_SHEET, new CertificateRowChecker(), options);

/** Reads the header (and at most one row): a wrong file is refused before a job exists. */
export async function checkCertificateHeader(dir: string): Promise<void> {
  for await (const _batch of certificateBatches(dir, { size: 1 })) return;
}
