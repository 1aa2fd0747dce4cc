import mysql from 'mysql2/promise';
import type { SmsCodeService } from '../src/modules/accounts/sms/smsCodes';
import type { RequestStats } from './rush';
import type { RushData } from './rushData';

/**
 * The hold request's SQL, statement for statement, straight through a mysql2 pool the size of the
 * server's: authentication read, period and booking reads, placement reads, SMS consumption, then
 * one transaction per course (lock booking, read its active items, insert item, conditional seat update, event).
 */
export async function runRawRush(
  databaseUrl: string,
  data: RushData,
  concurrency: number,
  sms: SmsCodeService,
  poolSize: number,
): Promise<RequestStats> {
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: poolSize, timezone: 'Z' });
  const stats: RequestStats = { latencies: [], itemsHeld: 0, seatFull: 0, refused: 0, errors: 0, seconds: 0 };

  async function hold(c: RushData['candidates'][number]): Promise<void> {
    await pool.query('SELECT * FROM candidates WHERE id = ?', [c.candidateId]);
    await pool.query('SELECT * FROM exam_periods WHERE id = ?', [c.periodId]);
    await pool.query('SELECT * FROM bookings WHERE candidate_id = ? AND period_id = ?', [c.candidateId, c.periodId]);
    await pool.query('SELECT * FROM counties WHERE id = ?', [c.countyId]);
    await pool.query(
      'SELECT i.id, i.state, i.county_id, i.unit_id, c.code FROM booking_items i JOIN courses c ON c.id = i.course_id WHERE i.candidate_id = ? AND i.period_id = ? AND i.active = 1',
      [c.candidateId, c.periodId],
    );
    await pool.query(
      'SELECT c.id, c.code, c.name, o.unit_id FROM course_offerings o JOIN courses c ON c.id = o.course_id WHERE o.period_id = ? AND c.code IN (?)',
      [c.periodId, c.courseCodes],
    );
    await pool.query('SELECT * FROM exam_units WHERE period_id = ?', [c.periodId]);
    const units = c.courseCodes.map((code) => data.offerings.get(code)!.unitId);
    await pool.query(
      'SELECT unit_id, capacity, taken FROM seat_quotas WHERE period_id = ? AND county_id = ? AND unit_id IN (?)',
      [c.periodId, c.countyId, units],
    );
    const [codes] = await pool.query<mysql.RowDataPacket[]>(
      'SELECT id, code_hash, attempts, expires_at FROM sms_codes WHERE phone = ? AND purpose = ? AND consumed_at IS NULL ORDER BY id DESC LIMIT 1',
      [c.phone, 'hold_seats'],
    );
    await pool.query(
      'UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ? AND attempts < 5 AND consumed_at IS NULL',
      [codes[0]!.id],
    );
    if (codes[0]?.code_hash !== sms.hash(c.phone, 'hold_seats', c.smsCode)) throw new Error('bad code');
    await pool.query('UPDATE sms_codes SET consumed_at = NOW(3) WHERE id = ? AND consumed_at IS NULL', [codes[0]!.id]);

    for (const code of c.courseCodes) {
      const { courseId, unitId } = data.offerings.get(code)!;
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        const [[booking]] = await conn.query<mysql.RowDataPacket[]>(
          'SELECT county_id FROM bookings WHERE id = ? FOR UPDATE',
          [c.bookingId],
        );
        await conn.query('SELECT county_id, state FROM booking_items WHERE booking_id = ? AND active = 1', [
          c.bookingId,
        ]);
        const [inserted] = await conn.query<mysql.ResultSetHeader>(
          `INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id, state, active, held_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'held', 1, NOW(3), NOW(3), NOW(3))`,
          [c.bookingId, c.candidateId, c.ticketId, c.periodId, c.countyId, unitId, courseId],
        );
        const [taken] = await conn.query<mysql.ResultSetHeader>(
          'UPDATE seat_quotas SET taken = taken + 1, updated_at = NOW(3) WHERE period_id = ? AND county_id = ? AND unit_id = ? AND taken < capacity',
          [c.periodId, c.countyId, unitId],
        );
        if (taken.affectedRows !== 1) {
          await conn.rollback();
          stats.seatFull += 1;
          continue;
        }
        if (booking?.county_id !== c.countyId)
          await conn.query('UPDATE bookings SET county_id = ?, updated_at = NOW(3) WHERE id = ?', [
            c.countyId,
            c.bookingId,
          ]);
        await conn.query(
          "INSERT INTO booking_events (booking_item_id, from_state, to_state, actor_type, actor_id, reason, created_at) VALUES (?, NULL, 'held', 'candidate', ?, '保存考位', NOW(3))",
          [inserted.insertId, c.candidateId],
        );
        await conn.commit();
        stats.itemsHeld += 1;
      } catch (error) {
        await conn.rollback();
        throw error;
      } finally {
        conn.release();
      }
    }
  }

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < data.candidates.length) {
        const candidate = data.candidates[next++]!;
        const t0 = performance.now();
        try {
          await hold(candidate);
        } catch {
          stats.errors += 1;
        }
        stats.latencies.push(performance.now() - t0);
      }
    }),
  );
  stats.seconds = (performance.now() - started) / 1000;
  await pool.end();
  return stats;
}
