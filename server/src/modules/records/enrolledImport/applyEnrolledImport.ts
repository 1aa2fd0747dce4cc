import { rm } from 'node:fs/promises';
import { maskDocumentNo, maskPhone, type ImportCounts, type ImportRowError } from '@kaowei/shared';
import { inTransaction, type SqlTx } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import type { IdCardVault } from '../../../lib/idCardVault';
import { databaseErrors, enrolledBatches, type Batch } from './enrolledBatches';
import {
  candidatesByHash,
  dateOnlyText,
  insertAudits,
  loadReferenceCodes,
  passedByTickets,
  ticketsByNo,
  upsertCandidates,
  upsertPassed,
  upsertTickets,
  type AuditRow,
} from './enrolledRepository';
import { EnrolledRowChecker, type PassedRecord, type TicketRecord } from './enrolledRows';
import { DEFAULT_BATCH_SIZE, LEASE_MS, type ImportDeps, type ImportRunOptions } from './importDeps';
import { emptySummary, failJob, type StoredSummary } from './importJobs';

/** Rows the import refused although the dry run passed them (the database changed in between). */
class RowsRefused extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super('rows refused during import');
  }
}
/** Another worker took the job over (this one's lease ran out): stop without touching it. */
class LeaseLost extends Error {}

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** Fields of a candidate the import sets, as stored; the phone is masked in the audit log. */
type CandidateFields = Record<
  'name' | 'gender' | 'birth_date' | 'document_type' | 'ethnicity' | 'phone_on_file',
  string | null
> & {
  county_id: number | null;
};
const auditValue = (field: string, value: unknown) =>
  field === 'phone_on_file' && typeof value === 'string' ? maskPhone(value) : value;

/** The fields that differ, before and after (empty when nothing changed). */
function difference<T extends Record<string, unknown>>(before: T, after: T) {
  const changed = Object.keys(after).filter((key) => (before[key] ?? null) !== (after[key] ?? null));
  const pick = (source: T) => Object.fromEntries(changed.map((key) => [key, auditValue(key, source[key] ?? null)]));
  return changed.length === 0 ? null : { before: pick(before), after: pick(after) };
}

interface BatchResult {
  candidates: ImportCounts;
  tickets: ImportCounts;
  passedCourses: ImportCounts;
  audits: AuditRow[];
}

async function applyTickets(tx: SqlTx, vault: IdCardVault, records: TicketRecord[], now: Date, result: BatchResult) {
  const people = new Map<string, TicketRecord>();
  for (const record of records) people.set(vault.hash(record.documentNo), record);
  const existing = new Map((await candidatesByHash(tx, [...people.keys()])).map((c) => [c.id_card_hash, c]));
  const rows: unknown[][] = [];
  for (const [hash, record] of people) {
    const wanted: CandidateFields = {
      name: record.name,
      gender: record.gender,
      birth_date: record.birthDate,
      document_type: record.documentType,
      county_id: record.countyId,
      ethnicity: record.ethnicity,
      phone_on_file: record.phone,
    };
    const row = [hash, vault.encrypt(record.documentNo), maskDocumentNo(record.documentNo), ...Object.values(wanted)];
    const current = existing.get(hash);
    if (current?.merged_into_id) {
      // A record closed by 合档 is left as it is; its tickets go to the record it was merged into.
      result.candidates.unchanged += 1;
      continue;
    }
    if (!current) {
      result.candidates.created += 1;
      rows.push([...row, true, 0, now, now]);
      continue;
    }
    const change = difference<CandidateFields>(
      {
        name: current.name,
        gender: current.gender,
        birth_date: dateOnlyText(current.birth_date),
        document_type: current.document_type,
        county_id: current.county_id,
        ethnicity: current.ethnicity,
        phone_on_file: current.phone_on_file,
      },
      wanted,
    );
    if (!change) {
      result.candidates.unchanged += 1;
      continue;
    }
    result.candidates.updated += 1;
    rows.push([...row, true, 0, now, now]);
    result.audits.push({
      action: 'candidate.import_update',
      entityType: 'candidate',
      entityId: current.id,
      ...change,
      countyId: record.countyId,
    });
  }
  await upsertCandidates(tx, rows);
  const created = [...people.keys()].filter((hash) => !existing.has(hash));
  const ids = new Map([...existing.values()].map((c) => [c.id_card_hash, c.merged_into_id ?? c.id]));
  for (const c of await candidatesByHash(tx, created)) ids.set(c.id_card_hash, c.id);

  const tickets = new Map(
    (
      await ticketsByNo(
        tx,
        records.map((r) => r.ticketNo),
      )
    ).map((t) => [t.ticket_no, t]),
  );
  const ticketRows: unknown[][] = [];
  for (const record of records) {
    const candidateId = ids.get(vault.hash(record.documentNo))!;
    const current = tickets.get(record.ticketNo);
    if (!current) {
      result.tickets.created += 1;
      ticketRows.push([record.ticketNo, candidateId, record.majorId, record.status, now, now]);
      continue;
    }
    const change = difference(
      { major_id: current.major_id, status: current.status },
      { major_id: record.majorId, status: record.status },
    );
    if (!change) {
      result.tickets.unchanged += 1;
      continue;
    }
    result.tickets.updated += 1;
    ticketRows.push([record.ticketNo, current.candidate_id, record.majorId, record.status, now, now]);
    result.audits.push({
      action: 'ticket.import_update',
      entityType: 'ticket',
      entityId: current.id,
      ...change,
      countyId: record.countyId,
    });
  }
  await upsertTickets(tx, ticketRows);
}

async function applyPassed(tx: SqlTx, records: PassedRecord[], now: Date, result: BatchResult) {
  const tickets = new Map(
    (await ticketsByNo(tx, [...new Set(records.map((r) => r.ticketNo))])).map((t) => [t.ticket_no, t.id]),
  );
  const existing = new Map(
    (await passedByTickets(tx, [...new Set(tickets.values())])).map((p) => [`${p.ticket_id}:${p.course_id}`, p]),
  );
  const rows: unknown[][] = [];
  for (const record of records) {
    const ticketId = tickets.get(record.ticketNo)!;
    const wanted = {
      period_code: record.periodCode,
      score: record.score,
      grade: record.grade,
      passed_by: record.passedBy,
    };
    const current = existing.get(`${ticketId}:${record.courseId}`);
    const row = [ticketId, record.courseId, ...Object.values(wanted), now, now];
    if (!current) {
      result.passedCourses.created += 1;
      rows.push(row);
      continue;
    }
    const change = difference(
      { period_code: current.period_code, score: current.score, grade: current.grade, passed_by: current.passed_by },
      wanted,
    );
    if (!change) {
      result.passedCourses.unchanged += 1;
      continue;
    }
    result.passedCourses.updated += 1;
    rows.push(row);
    result.audits.push({
      action: 'passed_course.import_update',
      entityType: 'ticket',
      entityId: ticketId,
      before: { courseCode: record.courseCode, ...change.before },
      after: { courseCode: record.courseCode, ...change.after },
      countyId: null,
    });
  }
  await upsertPassed(tx, rows);
}

const add = (a: ImportCounts, b: ImportCounts): ImportCounts => ({
  created: a.created + b.created,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
});

/**
 * 导入 of a checked job this worker holds, from where it got to: each batch is ONE transaction that
 * re-checks its rows against the database, upserts candidates (by document hash), tickets (by number)
 * and passed courses (by ticket and course), writes only what changed with an audit entry per change,
 * and advances done_rows — so a batch lands whole or not at all, and a run that stops resumes after the
 * last committed batch. Candidates are written without a password hash: they log in with the initial one.
 */
export async function applyEnrolledImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  const now = options.now ?? (() => new Date());
  const job = await deps.db.models.ImportJob.findByPk(jobId);
  if (!job || job.state !== 'importing') return;
  const official = await deps.db.models.Official.findByPk(job.officialId);
  const actor = { id: job.officialId, name: official?.username ?? '' };
  const reason = `考籍导入（任务${job.id}，${job.fileName}）`.slice(0, 255);
  const checker = new EnrolledRowChecker(await loadReferenceCodes(deps.db), now());
  let summary: StoredSummary = (job.summary as StoredSummary | null) ?? emptySummary();
  let done = job.doneRows;
  let committed = 0;
  const batches = enrolledBatches(job.filePath, checker, {
    size: options.batchSize ?? DEFAULT_BATCH_SIZE,
    skip: done,
  });
  try {
    for await (const batch of batches) {
      options.beforeBatch?.(committed);
      if (batch.errors.length > 0) throw new RowsRefused(batch.errors);
      const next = done + batch.rows;
      const nextSummary = await inTransaction(deps.db.sequelize, (tx) =>
        applyBatch(deps, tx, batch, checker, {
          summary,
          jobId,
          done,
          next,
          actor,
          reason,
          at: now(),
        }),
      );
      summary = nextSummary;
      done = next;
      committed += 1;
    }
  } catch (error) {
    if (error instanceof LeaseLost) return;
    if (error instanceof RowsRefused || error instanceof AppError) {
      await failJob(
        deps.db,
        jobId,
        error instanceof AppError ? error.message : '导入时发现有误的行，已导入的批次保留',
        error instanceof RowsRefused ? error.errors : null,
        now(),
      );
      return;
    }
    throw error;
  }
  await deps.db.models.ImportJob.update(
    { state: 'done', doneRows: done, leasedUntil: null, finishedAt: now() },
    { where: { id: jobId, state: 'importing' } },
  );
  await rm(job.filePath, { recursive: true, force: true });
  deps.logger.info({ jobId, rows: done, summary }, 'enrolled import finished');
}

async function applyBatch(
  deps: ImportDeps,
  tx: SqlTx,
  batch: Batch,
  checker: EnrolledRowChecker,
  context: {
    summary: StoredSummary;
    jobId: number;
    done: number;
    next: number;
    actor: { id: number; name: string };
    reason: string;
    at: Date;
  },
): Promise<StoredSummary> {
  const refused = await databaseErrors(tx, deps.vault, batch, checker.ticketRows);
  if (refused.length > 0) throw new RowsRefused(refused);
  const result: BatchResult = { candidates: counts(), tickets: counts(), passedCourses: counts(), audits: [] };
  if (batch.sheet === 'tickets') await applyTickets(tx, deps.vault, batch.records, context.at, result);
  else await applyPassed(tx, batch.records, context.at, result);
  await insertAudits(tx, context.actor, context.reason, result.audits, context.at);
  const summary: StoredSummary = {
    candidates: add(context.summary.candidates, result.candidates),
    tickets: add(context.summary.tickets, result.tickets),
    passedCourses: add(context.summary.passedCourses, result.passedCourses),
  };
  const progress = await tx.run(
    `UPDATE import_jobs SET done_rows = ?, summary = ?, leased_until = ?, updated_at = ?
      WHERE id = ? AND done_rows = ? AND state = 'importing'`,
    [
      context.next,
      JSON.stringify(summary),
      new Date(context.at.getTime() + LEASE_MS),
      context.at,
      context.jobId,
      context.done,
    ],
  );
  if (progress.affectedRows !== 1) throw new LeaseLost();
  return summary;
}
