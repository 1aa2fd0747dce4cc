import type { Sequelize } from 'sequelize';

/** The bench's province: 18 cities × 10 counties, one period of 4 units with 5 courses each. */
export const COUNTIES = 180;
export const UNITS = 4;
const COURSES_PER_UNIT = 5;
const VENUES_PER_COUNTY = 2;
const ROOMS_PER_VENUE = 6;
const SEATS_PER_ROOM = 30;

export interface AssignWorld {
  periodId: number;
  candidates: number;
  items: number;
}

/**
 * Fixtures straight into a fresh database, set-based: a numbers table filled with multi-row INSERTs, then
 * every table with INSERT … SELECT over it (ids given, so the foreign keys line up). Each candidate books
 * one course in each of the 4 units, paid; tickets are numbered in another order than candidates' ids.
 */
export async function insertAssignWorld(sequelize: Sequelize, items: number): Promise<AssignWorld> {
  const q = (sql: string) => sequelize.query(sql);
  const candidates = Math.ceil(items / UNITS);
  const now = `'2027-03-01 10:00:00.000'`;
  const stamps = `${now}, ${now}`;
  await q('CREATE TABLE bench_numbers (n INT NOT NULL PRIMARY KEY)');
  for (let start = 1; start <= candidates; start += 5000) {
    const values = Array.from({ length: Math.min(5000, candidates - start + 1) }, (_, i) => `(${start + i})`);
    await q(`INSERT INTO bench_numbers (n) VALUES ${values.join(',')}`);
  }
  const upTo = (count: number) => `FROM bench_numbers WHERE n <= ${count}`;
  await q(`INSERT INTO cities (id, code, name, created_at, updated_at)
           SELECT n, CONCAT('9', LPAD(n, 5, '0')), CONCAT('压测市', n), ${stamps} ${upTo(COUNTIES / 10)}`);
  await q(`INSERT INTO counties (id, city_id, code, name, created_at, updated_at)
           SELECT n, 1 + (n - 1) DIV 10, CONCAT('8', LPAD(n, 5, '0')), CONCAT('压测县', n), ${stamps} ${upTo(COUNTIES)}`);
  await q(
    `INSERT INTO majors (id, code, name, level, created_at, updated_at) VALUES (1, 'B999', '压测专业', '本科', ${stamps})`,
  );
  await q(`INSERT INTO courses (id, code, name, credits, created_at, updated_at)
           SELECT n, LPAD(n, 5, '0'), CONCAT('压测课程', n), 4, ${stamps} ${upTo(UNITS * COURSES_PER_UNIT)}`);
  await q(`INSERT INTO exam_periods (id, code, name, booking_opens_at, booking_closes_at, payment_opens_at, payment_closes_at,
             fee_per_course_fen, max_courses, booking_notice, created_at, updated_at)
           VALUES (1, '202704', '2027年4月', ${now}, ${now}, ${now}, ${now}, 3500, 4, '须知', ${stamps})`);
  await q(`INSERT INTO exam_units (id, period_id, code, exam_date, half_day, start_time, end_time, created_at, updated_at)
           SELECT n, 1, CONCAT('U', n), DATE_ADD('2027-04-10', INTERVAL (n - 1) DIV 2 DAY), IF(n % 2 = 1, 'am', 'pm'),
                  IF(n % 2 = 1, '09:00', '14:30'), IF(n % 2 = 1, '11:30', '17:00'), ${stamps} ${upTo(UNITS)}`);
  // Course c is offered in unit 1 + (c - 1) DIV 5.
  await q(`INSERT INTO course_offerings (period_id, unit_id, course_id, created_at, updated_at)
           SELECT 1, 1 + (n - 1) DIV ${COURSES_PER_UNIT}, n, ${stamps} ${upTo(UNITS * COURSES_PER_UNIT)}`);
  await q(`INSERT INTO seat_quotas (period_id, county_id, unit_id, capacity, taken, created_at, updated_at)
           SELECT 1, c.n, u.n, 100000, 0, ${stamps} FROM bench_numbers c JOIN bench_numbers u ON u.n <= ${UNITS}
            WHERE c.n <= ${COUNTIES}`);
  // Venue v belongs to county 1 + (v - 1) DIV 2; each has 6 rooms of 30: 360 seats per county and unit.
  await q(`INSERT INTO exam_venues (id, county_id, name, address, created_at, updated_at)
           SELECT n, 1 + (n - 1) DIV ${VENUES_PER_COUNTY}, CONCAT('压测考点', n), '压测地址', ${stamps}
           ${upTo(COUNTIES * VENUES_PER_COUNTY)}`);
  await q(`INSERT INTO exam_rooms (venue_id, room_no, seats, created_at, updated_at)
           SELECT v.n, r.n, ${SEATS_PER_ROOM}, ${stamps} FROM bench_numbers v JOIN bench_numbers r ON r.n <= ${ROOMS_PER_VENUE}
            WHERE v.n <= ${COUNTIES * VENUES_PER_COUNTY}`);
  await q(`INSERT INTO candidates (id, id_card_hash, id_card_cipher, id_card_masked, name, gender, birth_date, created_at, updated_at)
           SELECT n, LPAD(n, 64, '0'), 'bench', '51**************00', CONCAT('考生', n), IF(n % 2, 'M', 'F'), '1990-01-01',
                  ${stamps} ${upTo(candidates)}`);
  await q(`INSERT INTO tickets (id, ticket_no, candidate_id, major_id, created_at, updated_at)
           SELECT n, CONCAT('51', LPAD(MOD(n * 7919, 100000000), 10, '0')), n, 1, ${stamps} ${upTo(candidates)}`);
  await q(`INSERT INTO bookings (id, candidate_id, period_id, county_id, notice_acknowledged_at, confirmed_at, created_at, updated_at)
           SELECT n, n, 1, 1 + MOD(n, ${COUNTIES}), ${now}, ${now}, ${stamps} ${upTo(candidates)}`);
  await q(`INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id, state,
             active, held_at, confirmed_at, paid_at, created_at, updated_at)
           SELECT c.n, c.n, c.n, 1, 1 + MOD(c.n, ${COUNTIES}), u.n, (u.n - 1) * ${COURSES_PER_UNIT} + 1 + MOD(c.n * 7 + u.n, ${COURSES_PER_UNIT}),
                  'paid', 1, ${now}, ${now}, ${now}, ${stamps}
             FROM bench_numbers c JOIN bench_numbers u ON u.n <= ${UNITS}
            WHERE c.n <= ${candidates} AND (c.n - 1) * ${UNITS} + u.n <= ${items}`);
  await q('DROP TABLE bench_numbers');
  return { periodId: 1, candidates, items };
}

/**
 * The comparator: the same assignment as one set-based statement into a copy of seat_assignments — items
 * numbered per county × unit by course code and ticket, rooms (closed venues left out) numbered by their
 * cumulative seats, each item joined to the room its number falls in. No venue kept across units, no
 * shortage check, no progress: the fastest raw way to write the same rows.
 */
export const RAW_ASSIGNMENT = `
INSERT INTO seat_assignments_raw (booking_item_id, period_id, county_id, unit_id, candidate_id, course_id, venue_id,
  room_id, seat_no, created_at, updated_at)
SELECT i.id, i.period_id, i.county_id, i.unit_id, i.candidate_id, i.course_id, r.venue_id, r.id, i.rn - r.before_seats,
       NOW(3), NOW(3)
  FROM (SELECT bi.id, bi.period_id, bi.county_id, bi.unit_id, bi.candidate_id, bi.course_id,
               ROW_NUMBER() OVER (PARTITION BY bi.county_id, bi.unit_id ORDER BY c.code, t.ticket_no) AS rn
          FROM booking_items bi JOIN tickets t ON t.id = bi.ticket_id JOIN courses c ON c.id = bi.course_id
         WHERE bi.period_id = ? AND bi.state = 'paid') i
  JOIN (SELECT r.id, r.venue_id, v.county_id, u.id AS unit_id, r.seats,
               SUM(r.seats) OVER (PARTITION BY v.county_id, u.id ORDER BY v.id, r.room_no) - r.seats AS before_seats
          FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id JOIN exam_units u ON u.period_id = ?
         WHERE NOT EXISTS (SELECT 1 FROM venue_closures x WHERE x.venue_id = v.id AND x.unit_id = u.id)) r
    ON r.county_id = i.county_id AND r.unit_id = i.unit_id AND i.rn > r.before_seats AND i.rn <= r.before_seats + r.seats`;
