import {
  DOCUMENT_TYPE_LABELS,
  maskPhone,
  type CandidateDetails,
  type CandidateSummary,
  type DocumentType,
} from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { Official } from '../../accounts/models';
import { scopedCountyIds } from '../../../kernel/scope';
import { asBoolean, Conditions, count, limitOffset, paged, select, toIso } from '../../../kernel/sqlParts';
import { candidateInCounties, candidateMatches } from './candidateScope';

interface CandidateRow {
  id: number;
  name: string;
  id_card_masked: string;
  phone: string | null;
  must_change_password: number | boolean;
  gender: string;
  created_at: Date | string;
}

const COLUMNS = 'c.id, c.name, c.id_card_masked, c.phone, c.must_change_password, c.gender, c.created_at';

async function summarise(db: Db, rows: CandidateRow[]): Promise<CandidateSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tickets, bookingCounties, registrationCounties, applicationCounties] = await Promise.all([
    select<{ candidate_id: number; ticket_no: string }>(
      db,
      'SELECT candidate_id, ticket_no FROM tickets WHERE candidate_id IN (?) ORDER BY ticket_no',
      [ids],
    ),
    select<{ candidate_id: number; name: string }>(
      db,
      `SELECT b.candidate_id, co.name FROM bookings b JOIN counties co ON co.id = b.county_id
        WHERE b.candidate_id IN (?) ORDER BY b.period_id DESC, b.id DESC`,
      [ids],
    ),
    select<{ candidate_id: number; name: string }>(
      db,
      'SELECT c.id AS candidate_id, co.name FROM candidates c JOIN counties co ON co.id = c.county_id WHERE c.id IN (?)',
      [ids],
    ),
    select<{ candidate_id: number; name: string }>(
      db,
      `SELECT a.candidate_id, co.name FROM applications a JOIN counties co ON co.id = a.county_id
        WHERE a.candidate_id IN (?) ORDER BY a.id DESC`,
      [ids],
    ),
  ]);
  const firstCounty = (candidateId: number) =>
    (
      bookingCounties.find((b) => b.candidate_id === candidateId) ??
      registrationCounties.find((r) => r.candidate_id === candidateId) ??
      applicationCounties.find((a) => a.candidate_id === candidateId)
    )?.name ?? null;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    idCardMasked: r.id_card_masked,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    ticketNos: tickets.filter((t) => t.candidate_id === r.id).map((t) => t.ticket_no),
    countyName: firstCounty(r.id),
    mustChangePassword: asBoolean(r.must_change_password),
  }));
}

/** The candidate row with the extra fields of the detail page. */
export async function candidateProfileForAdmin(db: Db, candidateId: number) {
  const rows = await select<CandidateRow & DetailsRow>(
    db,
    `SELECT ${COLUMNS}, ${DETAIL_COLUMNS} FROM candidates c WHERE c.id = ?`,
    [candidateId],
  );
  const [summary] = await summarise(db, rows);
  return {
    ...summary!,
    gender: rows[0]!.gender,
    registeredAt: toIso(rows[0]!.created_at),
    ...detailsOf(rows[0]!),
  };
}

interface DetailsRow {
  document_type: DocumentType;
  ethnicity: string | null;
  education: string | null;
  phone_on_file: string | null;
}

const DETAIL_COLUMNS = 'c.document_type, c.ethnicity, c.education, c.phone_on_file';

/** The details 修改考生信息 edits, as the detail page shows them. */
function detailsOf(row: DetailsRow): CandidateDetails {
  return {
    documentType: row.document_type,
    documentTypeName: DOCUMENT_TYPE_LABELS[row.document_type],
    ethnicity: row.ethnicity,
    education: row.education,
    phoneOnFileMasked: row.phone_on_file ? maskPhone(row.phone_on_file) : null,
  };
}

/** 考生查询: by ticket number, full ID number or name prefix, within the official's districts, newest first. */
export async function searchCandidates(
  deps: { db: Db; vault: IdCardVault },
  official: Official,
  query: { q?: string; page: number; pageSize: number },
) {
  const where = new Conditions()
    .and(candidateInCounties('c', await scopedCountyIds(deps.db, official)))
    .and(candidateMatches('c', query.q, deps.vault));
  const [total, rows] = await Promise.all([
    count(deps.db, `SELECT COUNT(*) AS n FROM candidates c WHERE ${where.sql}`, where.replacements),
    select<CandidateRow>(
      deps.db,
      `SELECT ${COLUMNS} FROM candidates c WHERE ${where.sql} ORDER BY c.id DESC LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(query)],
    ),
  ]);
  return paged(await summarise(deps.db, rows), total, query);
}
