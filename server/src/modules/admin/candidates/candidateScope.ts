import { isValidTicketNo } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { Official } from '../../accounts/models';
import { scopedCountyIds } from '../../../kernel/scope';
import { Conditions, count, likePrefix } from '../../../kernel/sqlParts';

/**
 * Which candidates an official may see and act on. Tickets carry no county, so a candidate belongs to
 * their county of registration (`candidates.county_id`) and to every county where they have a booking
 * (its chosen county), a booking item (a seat held, paid or released there) or a registration
 * application. A migrated candidate with no county of registration who never booked anywhere is
 * therefore visible to the provincial office only.
 *
 * `alias` is the candidates table's alias in the caller's query.
 */
export function candidateInCounties(alias: string, counties: number[] | null): Conditions {
  const where = new Conditions();
  if (!counties) return where;
  const ids = counties.length > 0 ? counties : [-1];
  return where.add(
    `(${alias}.county_id IN (?)
      OR EXISTS (SELECT 1 FROM bookings sb WHERE sb.candidate_id = ${alias}.id AND sb.county_id IN (?))
      OR EXISTS (SELECT 1 FROM booking_items si WHERE si.candidate_id = ${alias}.id AND si.county_id IN (?))
      OR EXISTS (SELECT 1 FROM applications sa WHERE sa.candidate_id = ${alias}.id AND sa.county_id IN (?)))`,
    ids,
    ids,
    ids,
    ids,
  );
}

/** 404 when the candidate does not exist, 403 when they are outside the official's districts. */
export async function assertCandidateInScope(db: Db, official: Official, candidateId: number): Promise<void> {
  const exists = await count(db, 'SELECT COUNT(*) AS n FROM candidates WHERE id = ?', [candidateId]);
  if (exists === 0) throw new AppError('NOT_FOUND', { what: '考生' });
  const scope = candidateInCounties('c', await scopedCountyIds(db, official));
  const visible = await count(db, `SELECT COUNT(*) AS n FROM candidates c WHERE c.id = ? AND ${scope.sql}`, [
    candidateId,
    ...scope.replacements,
  ]);
  if (visible === 0) throw new AppError('FORBIDDEN');
}

/** A document number of any type (居民身份证, 通行证, 护照): letters and digits, never a name. */
const DOCUMENT_NO_SHAPE = /^[A-Za-z\d]{5,18}$/;

/**
 * The search box: a 12-digit ticket number and a full document number match exactly (through its
 * keyed hash, as at login; it is never stored in clear); anything else is the start of a name.
 */
export function candidateMatches(alias: string, q: string | undefined, vault: IdCardVault): Conditions {
  const where = new Conditions();
  const text = q?.trim();
  if (!text) return where;
  if (isValidTicketNo(text)) {
    return where.add(
      `EXISTS (SELECT 1 FROM tickets st WHERE st.candidate_id = ${alias}.id AND st.ticket_no = ?)`,
      text,
    );
  }
  if (DOCUMENT_NO_SHAPE.test(text)) return where.add(`${alias}.id_card_hash = ?`, vault.hash(text));
  return where.add(`${alias}.name LIKE ? ESCAPE '!'`, likePrefix(text));
}
