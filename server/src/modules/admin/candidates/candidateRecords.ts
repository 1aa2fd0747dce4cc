import { PASSED_BY_LABELS, type CandidateRecords, type PassedBy } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, count, select } from '../../../kernel/sqlParts';

interface PassedRow {
  id: number;
  ticket_no: string;
  course_code: string;
  course_name: string;
  period_code: string;
  score: number | null;
  grade: string | null;
  passed_by: PassedBy;
}

/**
 * The record-keeping part of 考生详情 (the caller has checked the scope): the 合档 links both ways,
 * every passed course under every ticket, and how many bookings lie outside the official's districts
 * (those are not listed).
 */
export async function candidateRecords(db: Db, official: Official, candidateId: number): Promise<CandidateRecords> {
  const outside = new Conditions().add('b.candidate_id = ?', candidateId);
  const counties = await scopedCountyIds(db, official);
  if (counties) outside.add('(b.county_id IS NULL OR b.county_id NOT IN (?))', counties.length > 0 ? counties : [-1]);
  const [[self], mergedFrom, passed, bookingsElsewhere] = await Promise.all([
    select<{ merged_into_id: number | null }>(db, 'SELECT merged_into_id FROM candidates WHERE id = ?', [candidateId]),
    select<{ id: number; name: string; id_card_masked: string }>(
      db,
      'SELECT id, name, id_card_masked FROM candidates WHERE merged_into_id = ? ORDER BY id',
      [candidateId],
    ),
    select<PassedRow>(
      db,
      `SELECT pc.id, t.ticket_no, c.code AS course_code, c.name AS course_name, pc.period_code, pc.score, pc.grade,
              pc.passed_by
         FROM passed_courses pc JOIN tickets t ON t.id = pc.ticket_id JOIN courses c ON c.id = pc.course_id
        WHERE t.candidate_id = ? ORDER BY t.ticket_no, pc.period_code, c.code`,
      [candidateId],
    ),
    counties ? count(db, `SELECT COUNT(*) AS n FROM bookings b WHERE ${outside.sql}`, outside.replacements) : 0,
  ]);
  return {
    mergedIntoId: self?.merged_into_id ?? null,
    mergedFrom: mergedFrom.map((m) => ({ id: m.id, name: m.name, idCardMasked: m.id_card_masked })),
    passedCourses: passed.map((p) => ({
      id: p.id,
      ticketNo: p.ticket_no,
      courseCode: p.course_code,
      courseName: p.course_name,
      periodCode: p.period_code,
      score: p.score === null ? null : Number(p.score),
      grade: p.grade,
      passedBy: p.passed_by,
      passedByLabel: PASSED_BY_LABELS[p.passed_by] ?? p.passed_by,
    })),
    bookingsElsewhere,
  };
}
