import type { PassedBy, ScoreMark } from '@kaowei/shared';
import { batchedRead } from '../../../db/fastReads';
import type { SqlReader } from '../../../db/sqlTx';
import {
  CANDIDATE_ACCOUNT_COLUMNS,
  candidateAccountOf,
  personOf,
  type CandidateAccountRow,
  type PersonRow,
} from '../../accounts/candidateRepository';

/**
 * The candidate-facing score reads (成绩查询, 已合格课程, 毕业进度, the public lookup), one indexed query
 * each, as plain SQL on a reader: the API and `npm run bench:scores` call these same functions. None of
 * them knows the publish rule: callers filter by period through `scoresPublished`.
 */

/** One score row of a candidate, with its course. */
export interface ScoreRecord {
  periodId: number;
  courseCode: string;
  courseName: string;
  score: number | null;
  grade: string | null;
  mark: ScoreMark | null;
  passed: boolean;
}

type ScoreRow = {
  period_id: number;
  code: string;
  name: string;
  score: number | null;
  grade: string | null;
  mark: string | null;
  passed: number | boolean;
};

const SCORES = `SELECT s.period_id, c.code, c.name, s.score, s.grade, s.mark, s.passed
       FROM scores s JOIN courses c ON c.id = s.course_id`;
const SCORES_ORDER = 'ORDER BY s.period_id DESC, c.code';

const scoreRecord = (r: ScoreRow): ScoreRecord => ({
  periodId: Number(r.period_id),
  courseCode: r.code,
  courseName: r.name,
  score: r.score == null ? null : Number(r.score),
  grade: r.grade,
  mark: r.mark as ScoreMark | null,
  passed: Boolean(Number(r.passed)),
});

/** Every score row of the candidate, any period (index scores_candidate_period). */
export async function candidateScores(sql: SqlReader, candidateId: number): Promise<ScoreRecord[]> {
  const rows = await sql.rows<ScoreRow>(`${SCORES} WHERE s.candidate_id = ? ${SCORES_ORDER}`, [candidateId]);
  return rows.map(scoreRecord);
}

/** Whose 成绩查询 to read: the candidate and the ticket their token was issued under (0: none). */
export type AccountKey = readonly [candidateId: number, ticketId: number];

export interface AccountWithScores {
  /** Null when the candidate is gone. */
  account: ReturnType<typeof candidateAccountOf> | null;
  scores: ScoreRecord[];
}

/** The keys, sent as one JSON array parameter `[[candidateId, ticketId], …]`, as rows `k` numbered from 1 (`n`). */
const keyRows = (dialect: SqlReader['dialect']) =>
  dialect === 'mysql'
    ? `JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, candidate_id INT PATH '$[0]', ticket_id INT PATH '$[1]')) k`
    : `(SELECT key + 1 AS n, json_extract(value, '$[0]') AS candidate_id, json_extract(value, '$[1]') AS ticket_id
          FROM json_each(?)) k`;

/**
 * Many requests' score reads in one statement: the keys (`from`: rows `k` numbered from 1 as `n`, from one
 * JSON parameter) joined (`joins`, selecting `columns`) to the candidate `c` each names, and every score row
 * of theirs, any period. Per key: whom it names (`whoOf` its first row; null: nobody), and the scores.
 */
async function readScoresPerKey<R extends object, W>(
  sql: SqlReader,
  keys: readonly unknown[],
  statement: { from: string; columns: string; joins: string },
  whoOf: (row: R) => W | null,
): Promise<Array<{ who: W | null; scores: ScoreRecord[] }>> {
  const rows = await sql.rows<R & Partial<ScoreRow> & { n: number }>(
    `SELECT k.n, ${statement.columns}, s.period_id, co.code, co.name, s.score, s.grade, s.mark, s.passed
       FROM ${statement.from}
       ${statement.joins}
       LEFT JOIN scores s ON s.candidate_id = c.id
       LEFT JOIN courses co ON co.id = s.course_id
      ORDER BY k.n, s.period_id DESC, co.code`,
    [JSON.stringify(keys)],
  );
  const answers = keys.map(() => ({ who: null as W | null, scores: [] as ScoreRecord[] }));
  for (const row of rows) {
    const answer = answers[Number(row.n) - 1]!;
    answer.who ??= whoOf(row);
    if (row.period_id != null) answer.scores.push(scoreRecord(row as ScoreRow));
  }
  return answers;
}

/**
 * 成绩查询's one statement for many requests: per key, the account (token version, first-login steps, as
 * `readCandidateAccount` reads it) with every score row of the candidate, any period.
 */
export async function readAccountsWithScores(
  sql: SqlReader,
  keys: readonly AccountKey[],
): Promise<AccountWithScores[]> {
  const statement = {
    from: keyRows(sql.dialect),
    columns: CANDIDATE_ACCOUNT_COLUMNS,
    joins: `JOIN candidates c ON c.id = k.candidate_id
       LEFT JOIN tickets t ON t.id = k.ticket_id AND t.candidate_id = c.id`,
  };
  const answers = await readScoresPerKey(sql, keys, statement, (row: CandidateAccountRow) => candidateAccountOf(row));
  return answers.map(({ who, scores }) => ({ account: who, scores }));
}

/**
 * 成绩查询's read of one request. On publish morning every request is this one: the requests that arrive
 * together are read in one statement (`batchedRead`), a prepared statement on the fast pool
 * (db/fastReads.ts) — one round trip for the lot.
 */
export const accountWithScores = batchedRead(readAccountsWithScores);

export interface PersonWithScores {
  /** Null when the number names nobody. */
  person: ReturnType<typeof personOf> | null;
  scores: ScoreRecord[];
}

/**
 * The public lookup's one statement for many requests: per keyed hash of a document number, the person
 * it names (if any) with every score row, any period. An unknown number is read like a known one.
 */
export async function readPeopleWithScores(
  sql: SqlReader,
  idCardHashes: readonly string[],
): Promise<PersonWithScores[]> {
  // The hashes are hex, so ascii: it compares with the column whatever collation the database was made with.
  const statement = {
    from:
      sql.dialect === 'mysql'
        ? `JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, id_card_hash VARCHAR(64) CHARACTER SET ascii PATH '$')) k`
        : `(SELECT key + 1 AS n, value AS id_card_hash FROM json_each(?)) k`,
    columns: 'c.id, c.name AS person_name, c.id_card_masked, c.merged_into_id',
    joins: 'LEFT JOIN candidates c ON c.id_card_hash = k.id_card_hash',
  };
  const answers = await readScoresPerKey(
    sql,
    idCardHashes,
    statement,
    (row: Omit<PersonRow, 'name'> & { person_name: string }) =>
      row.id == null ? null : personOf({ ...row, name: row.person_name }),
  );
  return answers.map(({ who, scores }) => ({ person: who, scores }));
}

/** `readPeopleWithScores` of one request, in one statement with those of the requests that came with it. */
export const personWithScores = batchedRead(readPeopleWithScores);

/** A passed course of one of the candidate's tickets; `periodId` set when a Kaowei period's score passed it. */
export interface PassedRecord {
  ticketNo: string;
  courseCode: string;
  courseName: string;
  credits: number;
  passedBy: PassedBy;
  periodCode: string;
  periodId: number | null;
  score: number | null;
  grade: string | null;
}

/** Every passed course across the candidate's tickets; credits as the ticket's plan counts them. */
export async function candidatePassedCourses(sql: SqlReader, candidateId: number): Promise<PassedRecord[]> {
  const rows = await sql.rows<{
    ticket_no: string;
    code: string;
    name: string;
    credits: number;
    passed_by: string;
    period_code: string;
    period_id: number | null;
    score: number | null;
    grade: string | null;
  }>(
    `SELECT t.ticket_no, c.code, c.name, COALESCE(mc.credits, c.credits) AS credits, p.passed_by, p.period_code,
            p.period_id, p.score, p.grade
       FROM tickets t
       JOIN passed_courses p ON p.ticket_id = t.id
       JOIN courses c ON c.id = p.course_id
       LEFT JOIN major_courses mc ON mc.major_id = t.major_id AND mc.course_id = p.course_id
      WHERE t.candidate_id = ?
      ORDER BY t.ticket_no, p.period_code, c.code`,
    [candidateId],
  );
  return rows.map((r) => ({
    ticketNo: r.ticket_no,
    courseCode: r.code,
    courseName: r.name,
    credits: Number(r.credits),
    passedBy: r.passed_by as PassedBy,
    periodCode: r.period_code,
    periodId: r.period_id == null ? null : Number(r.period_id),
    score: r.score == null ? null : Number(r.score),
    grade: r.grade,
  }));
}

/** A ticket with its major. */
export interface TicketMajorRecord {
  ticketId: number;
  ticketNo: string;
  candidateId: number;
  majorCode: string;
  majorName: string;
  majorLevel: string;
}

const TICKET_MAJOR = `SELECT t.id, t.ticket_no, t.candidate_id, m.code, m.name, m.level
       FROM tickets t JOIN majors m ON m.id = t.major_id`;

function ticketMajor(r: {
  id: number;
  ticket_no: string;
  candidate_id: number;
  code: string;
  name: string;
  level: string;
}): TicketMajorRecord {
  return {
    ticketId: Number(r.id),
    ticketNo: r.ticket_no,
    candidateId: Number(r.candidate_id),
    majorCode: r.code,
    majorName: r.name,
    majorLevel: r.level,
  };
}

type TicketMajorRow = Parameters<typeof ticketMajor>[0];

export async function ticketWithMajor(sql: SqlReader, ticketId: number): Promise<TicketMajorRecord | null> {
  const [row] = await sql.rows<TicketMajorRow>(`${TICKET_MAJOR} WHERE t.id = ?`, [ticketId]);
  return row ? ticketMajor(row) : null;
}

export async function candidateTicketsWithMajor(sql: SqlReader, candidateId: number): Promise<TicketMajorRecord[]> {
  const rows = await sql.rows<TicketMajorRow>(`${TICKET_MAJOR} WHERE t.candidate_id = ? ORDER BY t.ticket_no`, [
    candidateId,
  ]);
  return rows.map(ticketMajor);
}

/**
 * A course of the ticket's major's plan, with the ticket's passed rows of it (`passedPeriodIds`: one entry
 * per passed row, null for imported history, exemptions and transfers; empty when not passed).
 */
export interface PlanCourseRecord {
  courseCode: string;
  courseName: string;
  credits: number;
  required: boolean;
  practical: boolean;
  passedPeriodIds: Array<number | null>;
}

/** The plan of the ticket's major against the ticket's passed courses, in one query. */
export async function planAgainstPassed(sql: SqlReader, ticketId: number): Promise<PlanCourseRecord[]> {
  const rows = await sql.rows<{
    code: string;
    name: string;
    credits: number;
    required: number | boolean;
    practical: number | boolean;
    passed_id: number | null;
    period_id: number | null;
  }>(
    `SELECT c.code, c.name, COALESCE(mc.credits, c.credits) AS credits, mc.required, mc.practical,
            p.id AS passed_id, p.period_id
       FROM tickets t
       JOIN major_courses mc ON mc.major_id = t.major_id
       JOIN courses c ON c.id = mc.course_id
       LEFT JOIN passed_courses p ON p.ticket_id = t.id AND p.course_id = mc.course_id
      WHERE t.id = ?
      ORDER BY c.code`,
    [ticketId],
  );
  const byCode = new Map<string, PlanCourseRecord>();
  for (const r of rows) {
    let course = byCode.get(r.code);
    if (!course) {
      course = {
        courseCode: r.code,
        courseName: r.name,
        credits: Number(r.credits),
        required: Boolean(Number(r.required)),
        practical: Boolean(Number(r.practical)),
        passedPeriodIds: [],
      };
      byCode.set(r.code, course);
    }
    if (r.passed_id != null) course.passedPeriodIds.push(r.period_id == null ? null : Number(r.period_id));
  }
  return [...byCode.values()];
}
