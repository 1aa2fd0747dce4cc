import { randomInt } from 'node:crypto';
import type { BookingItemState } from '@kaowei/shared';
import mysql from 'mysql2/promise';
import type { Services } from '../src/services';
import { noOutcomes, type HoldOutcomes } from './holdOutcomes';
import type { RushCandidate, RushData } from './rushData';

/** A request refused as a whole (the HTTP answer would be a 4xx): counted as an error, like there. */
class Refused extends Error {}

const FROZEN: ReadonlySet<BookingItemState> = new Set(['confirmed', 'paid', 'refunding']);
const DEADLOCK = 'ER_LOCK_DEADLOCK';

type Results = Array<mysql.RowDataPacket[] | mysql.ResultSetHeader>;
const rowsOf = (result: Results[number] | undefined) => (result ?? []) as mysql.RowDataPacket[];
const affected = (result: Results[number] | undefined) => (result as mysql.ResultSetHeader).affectedRows;

/**
 * Reads and locks everything a hold decides on. The booking row is locked first, so the reads after it
 * see what the last holder of that lock committed. The newest usable code row is locked too: its
 * attempt is counted by the write batch, and nothing can use it up meanwhile.
 */
const READ_AND_LOCK = [
  'START TRANSACTION',
  'SELECT id, notice_acknowledged_at FROM bookings WHERE candidate_id = ? AND period_id = ? FOR UPDATE',
  'SELECT token_version, phone, phone_bound_at, must_change_password FROM candidates WHERE id = ?',
  'SELECT state, county_id, unit_id, course_id FROM booking_items WHERE candidate_id = ? AND period_id = ? AND active = 1',
  `SELECT id, code_hash, attempts FROM sms_codes
    WHERE phone = (SELECT phone FROM candidates WHERE id = ?) AND purpose = 'hold_seats'
      AND consumed_at IS NULL AND expires_at > NOW(3)
    ORDER BY id DESC LIMIT 1 FOR UPDATE`,
];

/** Per course: the seat, and only if it was taken (ROW_COUNT, the affected rows) the item and its event. */
const TAKE_COURSE = [
  `UPDATE seat_quotas SET taken = taken + 1, updated_at = NOW(3)
    WHERE period_id = ? AND county_id = ? AND unit_id = ? AND taken < capacity`,
  `INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id,
                              state, active, held_at, created_at, updated_at)
   SELECT ?, ?, ?, ?, ?, ?, ?, 'held', 1, NOW(3), NOW(3), NOW(3) FROM DUAL WHERE ROW_COUNT() = 1`,
  `INSERT INTO booking_events (booking_item_id, from_state, to_state, actor_type, actor_id, reason, created_at)
   SELECT LAST_INSERT_ID(), NULL, 'held', 'candidate', ?, '保存考位', NOW(3) FROM DUAL WHERE ROW_COUNT() = 1`,
];

/** The county is the booking's once it holds a course there (rule 3). */
const SET_COUNTY = `UPDATE bookings SET county_id = ?, updated_at = NOW(3)
  WHERE id = ? AND NOT (county_id <=> ?) AND EXISTS (SELECT 1 FROM booking_items WHERE booking_id = ? AND active = 1)`;

interface Period {
  opensAt: Date;
  closesAt: Date;
  maxCourses: number;
}

/**
 * bench:rush's fair comparator: the business work of one hold request (保存考位) written the fastest way
 * mysql2 allows, so `ratio` says how near the app comes to what the database can do. One transaction
 * and two round trips, each a batch of statements (multipleStatements): the first reads and locks
 * (booking, candidate for the token version and phone, the candidate's active items, the newest usable
 * SMS code); Node then checks the token, the rules and the code's HMAC; the second counts the attempt
 * and uses the code up, takes each course's seat in unit order (so two holds never wait on each other in
 * a cycle) with its item and event only where the seat was taken, sets the booking's county, and
 * commits. The write batch runs inside the server, so the hot seat rows are locked only while it runs.
 * Period and offerings are read once, as a short cache would hold them.
 */
export class RawHolds {
  readonly outcomes: HoldOutcomes = noOutcomes();
  /** Packets sent, each a round trip, and the statements in them; transactions committed. */
  roundTrips = 0;
  statements = 0;
  commits = 0;

  private constructor(
    private readonly pool: mysql.Pool,
    private readonly data: RushData,
    private readonly period: Period,
    private readonly services: Pick<Services, 'tokens' | 'smsCodes'>,
    private readonly maxWrongTries: number,
  ) {}

  /** A pool of `poolSize` connections, all open before the first hold, as the server's is. */
  static async open(
    databaseUrl: string,
    data: RushData,
    options: { poolSize: number; services: Pick<Services, 'tokens' | 'smsCodes'>; maxWrongTries: number },
  ): Promise<RawHolds> {
    const pool = mysql.createPool({
      uri: databaseUrl,
      connectionLimit: options.poolSize,
      multipleStatements: true,
      timezone: 'Z',
    });
    const opened = await Promise.all(Array.from({ length: options.poolSize }, () => pool.getConnection()));
    for (const conn of opened) conn.release();
    const [[row]] = await pool.query<mysql.RowDataPacket[]>(
      'SELECT booking_opens_at, booking_closes_at, max_courses FROM exam_periods WHERE id = ?',
      [data.periodId],
    );
    const period = { opensAt: row!.booking_opens_at, closesAt: row!.booking_closes_at, maxCourses: row!.max_courses };
    return new RawHolds(pool, data, period, options.services, options.maxWrongTries);
  }

  /** One hold request; a request refused as a whole rejects. Deadlock victims start again, as the app's do. */
  async hold(candidate: RushCandidate): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.holdOnce(candidate);
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK || attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, randomInt(5, 25)));
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async send(conn: mysql.PoolConnection, statements: string[], values: unknown[]): Promise<Results> {
    this.roundTrips += 1;
    this.statements += statements.length;
    const [results] = await conn.query(statements.join(';\n'), values);
    return results as unknown as Results;
  }

  private async holdOnce(request: RushCandidate): Promise<void> {
    const claims = this.services.tokens.verify('candidate-access', request.token);
    const candidateId = Number(claims.sub);
    const now = new Date();
    if (now < this.period.opensAt || now >= this.period.closesAt) throw new Refused('booking closed');
    const conn = await this.pool.getConnection();
    let open = true;
    try {
      const read = await this.send(conn, READ_AND_LOCK, [
        candidateId,
        request.periodId,
        candidateId,
        candidateId,
        request.periodId,
        candidateId,
      ]);
      const [booking] = rowsOf(read[1]);
      const [candidate] = rowsOf(read[2]);
      const active = rowsOf(read[3]);
      const [code] = rowsOf(read[4]);
      if (!candidate || candidate.token_version !== claims.ver) throw new Refused('token expired');
      if (!candidate.phone || !candidate.phone_bound_at || candidate.must_change_password) {
        throw new Refused('first login unfinished');
      }
      if (!booking?.notice_acknowledged_at) throw new Refused('notice not acknowledged');
      if (active.some((item) => FROZEN.has(item.state as BookingItemState))) throw new Refused('booking frozen');
      if (active.some((item) => item.county_id !== request.countyId)) throw new Refused('county conflict');

      const take = this.place(request, active);
      if (take.length === 0) throw new Refused('nothing to hold');
      if (!code || code.attempts >= this.maxWrongTries) throw new Refused('code expired');
      if (code.code_hash !== this.services.smsCodes.hash(candidate.phone as string, 'hold_seats', request.smsCode)) {
        await this.send(conn, ['UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ?', 'COMMIT'], [code.id]);
        open = false;
        this.commits += 1;
        throw new Refused('code invalid');
      }

      const statements = ['UPDATE sms_codes SET attempts = attempts + 1, consumed_at = NOW(3) WHERE id = ?'];
      const values: unknown[] = [code.id];
      for (const { unitId, courseId } of take) {
        statements.push(...TAKE_COURSE);
        values.push(request.periodId, request.countyId, unitId);
        values.push(booking.id, candidateId, claims.tk, request.periodId, request.countyId, unitId, courseId);
        values.push(candidateId);
      }
      statements.push(SET_COUNTY, 'COMMIT');
      values.push(request.countyId, booking.id, request.countyId, booking.id);
      const written = await this.send(conn, statements, values);
      open = false;
      this.commits += 1;
      take.forEach((_, i) => {
        if (affected(written[1 + i * TAKE_COURSE.length]) === 1) this.outcomes.itemsHeld += 1;
        else this.outcomes.seatFull += 1;
      });
    } finally {
      if (open) await this.send(conn, ['ROLLBACK'], []).catch(() => undefined);
      conn.release();
    }
  }

  /**
   * Rules 4–5 for the codes asked: each into the unit examining it, one course per unit, at most the
   * period's number of courses. Returns the courses to take in unit order; refusals are counted.
   */
  private place(request: RushCandidate, active: mysql.RowDataPacket[]): Array<{ unitId: number; courseId: number }> {
    const unitsTaken = new Set(active.map((item) => Number(item.unit_id)));
    const heldCourses = new Set(active.map((item) => Number(item.course_id)));
    let seatsUsed = active.length;
    const take: Array<{ unitId: number; courseId: number }> = [];
    for (const code of new Set(request.courseCodes.map((c) => c.trim()))) {
      const offering = this.data.offerings.get(code);
      if (offering && heldCourses.has(offering.courseId)) {
        this.outcomes.itemsHeld += 1;
      } else if (!offering || unitsTaken.has(offering.unitId) || seatsUsed >= this.period.maxCourses) {
        this.outcomes.refused += 1;
      } else {
        unitsTaken.add(offering.unitId);
        seatsUsed += 1;
        take.push(offering);
      }
    }
    return take.sort((a, b) => a.unitId - b.unitId);
  }
}
