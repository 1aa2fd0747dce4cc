import { maskDocumentNo, maskPhone, type ImportCounts } from '@kaowei/shared';
import type { SqlTx } from '../../../db/sqlTx';
import type { IdCardVault } from '../../../lib/idCardVault';
import { enrolledSource } from './checkEnrolledImport';
import type { Batch } from './enrolledBatches';
import {
  candidatesByHash,
  dateOnlyText,
  insertAudits,
  passedByTickets,
  ticketsByNo,
  upsertCandidates,
  upsertPassed,
  upsertTickets,
  type AuditRow,
} from './enrolledRepository';
import type { PassedRecord, TicketRecord } from './enrolledRows';
import type { ImportDeps, ImportRunOptions } from './importDeps';
import { emptySummary, type StoredSummary } from './importJobs';
import { applyInBatches, type BatchContext } from './importRun';

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
 * 导入 of a checked enrolled job this worker holds (see applyInBatches): each batch upserts candidates (by
 * document hash), tickets (by number) and passed courses (by ticket and course), writing only what changed
 * with an audit entry per change. Candidates are written without a password hash: they log in with the
 * initial one.
 */
export async function applyEnrolledImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  const now = options.now ?? (() => new Date());
  return applyInBatches<Batch, StoredSummary>(deps, jobId, options, async (job) => {
    const reason = `考籍导入（任务${job.id}，${job.fileName}）`.slice(0, 255);
    return {
      ...(await enrolledSource(deps, now())),
      emptySummary,
      apply: (tx, batch, context) => applyBatch(deps, tx, batch, { ...context, reason }),
    };
  });
}

async function applyBatch(
  deps: ImportDeps,
  tx: SqlTx,
  batch: Batch,
  context: BatchContext<StoredSummary> & { reason: string },
): Promise<StoredSummary> {
  const result: BatchResult = { candidates: counts(), tickets: counts(), passedCourses: counts(), audits: [] };
  if (batch.sheet === 'tickets') await applyTickets(tx, deps.vault, batch.records, context.at, result);
  else await applyPassed(tx, batch.records, context.at, result);
  await insertAudits(tx, context.actor, context.reason, result.audits, context.at);
  return {
    candidates: add(context.summary.candidates, result.candidates),
    tickets: add(context.summary.tickets, result.tickets),
    passedCourses: add(context.summary.passedCourses, result.passedCourses),
  };
}
