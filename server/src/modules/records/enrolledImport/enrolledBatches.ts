import { ENROLLED_SHEETS, importRowMessage, type EnrolledSheet, type ImportRowError } from '@kaowei/shared';
import type { SqlReader } from '../../../db/sqlTx';
import type { IdCardVault } from '../../../lib/idCardVault';
import { candidatesByHash, ticketsByNo } from './enrolledRepository';
import type { EnrolledRowChecker, PassedRecord, TicketRecord } from './enrolledRows';
import { invalidFile, readUpload } from './importFiles';

/** Rows of one sheet read together: what the dry run checks against the database and the import applies at once. */
export type Batch =
  | { sheet: 'tickets'; records: TicketRecord[]; errors: ImportRowError[]; rows: number }
  | { sheet: 'passed'; records: PassedRecord[]; errors: ImportRowError[]; rows: number };

/**
 * The upload's data rows in batches of `size`, each checked on its own (formats, codes, duplicates in the
 * file); a batch never spans the two sheets. The first `skip` data rows are checked but not handed out:
 * an import resumes after its last committed batch.
 */
export async function* enrolledBatches(
  dir: string,
  checker: EnrolledRowChecker,
  options: { size: number; skip?: number },
): AsyncGenerator<Batch> {
  let skip = options.skip ?? 0;
  let current: Batch | null = null;
  for await (const raw of readUpload(dir)) {
    if (!checker.hasHeader(raw.sheet)) {
      if (checker.isBlank(raw)) continue;
      checker.header(raw.sheet, raw.cells);
      continue;
    }
    if (checker.isBlank(raw)) continue;
    if (current && (current.sheet !== raw.sheet || current.rows >= options.size)) {
      yield current;
      current = null;
    }
    const checked = raw.sheet === 'tickets' ? checker.ticket(raw) : checker.passed(raw);
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    current ??= { sheet: raw.sheet, records: [], errors: [], rows: 0 } as Batch;
    current.rows += 1;
    if (checked.record) (current.records as Array<TicketRecord | PassedRecord>).push(checked.record);
    else current.errors.push(...checked.errors);
  }
  if (current) yield current;
}

/** Reads only the headers (and so the file's format): a wrong file is refused before anything is written. */
export async function checkHeaders(dir: string, checker: EnrolledRowChecker): Promise<void> {
  const seen = new Set<EnrolledSheet>();
  for await (const raw of readUpload(dir, { headersOnly: true })) {
    if (seen.has(raw.sheet) || checker.isBlank(raw)) {
      if (seen.size === 2) break;
      continue;
    }
    checker.header(raw.sheet, raw.cells);
    seen.add(raw.sheet);
    if (seen.size === 2) break;
  }
  if (!seen.has('tickets')) {
    throw invalidFile(`缺少“${ENROLLED_SHEETS.tickets}”表或其表头`);
  }
}

const rowError = (
  sheet: EnrolledSheet,
  row: number,
  field: string,
  code: ImportRowError['code'],
  params: Record<string, string | number>,
): ImportRowError => ({ sheet: ENROLLED_SHEETS[sheet], row, field, code, message: importRowMessage(code, params) });

/**
 * The checks that need the database: a ticket number already held by someone with another document
 * number, and a passed course for a ticket neither in the file nor in the system.
 */
export async function databaseErrors(
  sql: SqlReader,
  vault: IdCardVault,
  batch: Batch,
  ticketsInFile: Map<string, number>,
): Promise<ImportRowError[]> {
  if (batch.sheet === 'tickets') {
    const owners = new Map(
      (
        await ticketsByNo(
          sql,
          batch.records.map((r) => r.ticketNo),
        )
      ).map((t) => [t.ticket_no, t]),
    );
    const mismatched = batch.records.filter((r) => {
      const owner = owners.get(r.ticketNo);
      return owner !== undefined && owner.id_card_hash !== vault.hash(r.documentNo);
    });
    // 合档: the old system still names a ticket moved to the kept record by the closed record's number.
    const closed = await candidatesByHash(sql, [...new Set(mismatched.map((r) => vault.hash(r.documentNo)))]);
    const mergedInto = new Map(closed.map((c) => [c.id_card_hash, c.merged_into_id]));
    return mismatched
      .filter((r) => mergedInto.get(vault.hash(r.documentNo)) !== owners.get(r.ticketNo)!.candidate_id)
      .map((r) => rowError('tickets', r.row, '准考证号', 'TICKET_OF_ANOTHER_PERSON', { ticketNo: r.ticketNo }));
  }
  const outside = [...new Set(batch.records.filter((r) => !ticketsInFile.has(r.ticketNo)).map((r) => r.ticketNo))];
  const known = new Set((await ticketsByNo(sql, outside)).map((t) => t.ticket_no));
  return batch.records
    .filter((r) => !ticketsInFile.has(r.ticketNo) && !known.has(r.ticketNo))
    .map((r) => rowError('passed', r.row, '准考证号', 'PASSED_TICKET_UNKNOWN', { ticketNo: r.ticketNo }));
}
