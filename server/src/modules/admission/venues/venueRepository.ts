import type { CountySeatsView, RoomView, VenueClosureView, VenueView } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { forUpdate } from '../../../db/sql';
import { Conditions, count, select } from '../../../kernel/sqlParts';

/** The SQL of 考点考场: venues, rooms, closures and the seats each holds. */

interface VenueRow {
  id: number;
  county_id: number;
  county_code: string;
  county_name: string;
  name: string;
  address: string;
  contact: string | null;
}

/** A venue's row locked for the rest of the transaction, or null. */
export async function lockVenue(db: Db, venueId: number, transaction: Transaction) {
  const [row] = await db.sequelize.query<{ id: number; county_id: number; name: string }>(
    `SELECT id, county_id, name FROM exam_venues WHERE id = ?${forUpdate(db.sequelize)}`,
    { replacements: [venueId], type: QueryTypes.SELECT, transaction },
  );
  return row ?? null;
}

/**
 * Locks the county's row so that venue writes of one county (screen and import) run one after another:
 * exam_venues has no unique key on (county, name), the check before the insert is what keeps names unique.
 */
export async function lockCountyVenues(db: Db, countyId: number, transaction: Transaction): Promise<boolean> {
  const rows = await db.sequelize.query(`SELECT id FROM counties WHERE id = ?${forUpdate(db.sequelize)}`, {
    replacements: [countyId],
    type: QueryTypes.SELECT,
    transaction,
  });
  return rows.length > 0;
}

/** Whether another venue of the county already has this name. */
export async function venueNameTaken(
  db: Db,
  countyId: number,
  name: string,
  exceptId: number | null,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await db.sequelize.query('SELECT id FROM exam_venues WHERE county_id = ? AND name = ? AND id <> ?', {
    replacements: [countyId, name, exceptId ?? -1],
    type: QueryTypes.SELECT,
    transaction,
  });
  return rows.length > 0;
}

/** Seat assignments in a venue or in one room (any unit, any period). */
export async function assignmentsIn(
  db: Db,
  where: { venueId: number } | { roomId: number },
  transaction: Transaction,
): Promise<{ count: number; highestSeat: number }> {
  const [column, id] = 'venueId' in where ? ['venue_id', where.venueId] : ['room_id', where.roomId];
  const [row] = await db.sequelize.query<{ n: number | string; top: number | null }>(
    `SELECT COUNT(*) AS n, MAX(seat_no) AS top FROM seat_assignments WHERE ${column} = ?`,
    { replacements: [id], type: QueryTypes.SELECT, transaction },
  );
  return { count: Number(row?.n ?? 0), highestSeat: Number(row?.top ?? 0) };
}

/** The period the venue screen shows closures and quotas for: the one asked, else the newest. */
export async function periodFor(db: Db, periodId: number | undefined): Promise<number | null> {
  if (periodId) return (await db.models.ExamPeriod.findByPk(periodId)) ? periodId : null;
  const newest = await db.models.ExamPeriod.findOne({ order: [['bookingOpensAt', 'DESC']], attributes: ['id'] });
  return newest?.id ?? null;
}

/** The venues of one county with rooms, seat totals and the period's closures. */
export async function venueViews(db: Db, countyId: number, periodId: number | null): Promise<VenueView[]> {
  return venueViewsWhere(db, new Conditions().add('v.county_id = ?', countyId), periodId);
}

/** One venue as a change answers it, with the closures of the given period (default: the newest). */
export async function venueView(db: Db, venueId: number, periodId?: number): Promise<VenueView | null> {
  const where = new Conditions().add('v.id = ?', venueId);
  const [view] = await venueViewsWhere(db, where, await periodFor(db, periodId));
  return view ?? null;
}

async function venueViewsWhere(db: Db, where: Conditions, periodId: number | null): Promise<VenueView[]> {
  const venues = await select<VenueRow>(
    db,
    `SELECT v.id, v.county_id, c.code AS county_code, c.name AS county_name, v.name, v.address, v.contact
       FROM exam_venues v JOIN counties c ON c.id = v.county_id
      WHERE ${where.sql}
      ORDER BY c.code, v.name, v.id`,
    where.replacements,
  );
  if (venues.length === 0) return [];
  const ids = venues.map((v) => v.id);
  const rooms = await select<{
    id: number;
    venue_id: number;
    room_no: number;
    seats: number;
    note: string | null;
    assigned: number | string;
  }>(
    db,
    `SELECT r.id, r.venue_id, r.room_no, r.seats, r.note,
            (SELECT COUNT(*) FROM seat_assignments sa WHERE sa.room_id = r.id) AS assigned
       FROM exam_rooms r WHERE r.venue_id IN (?) ORDER BY r.venue_id, r.room_no`,
    [ids],
  );
  const closures =
    periodId === null
      ? []
      : await select<{ venue_id: number; unit_id: number; code: string; exam_date: string; half_day: string }>(
          db,
          `SELECT vc.venue_id, u.id AS unit_id, u.code, u.exam_date, u.half_day
             FROM venue_closures vc JOIN exam_units u ON u.id = vc.unit_id
            WHERE vc.venue_id IN (?) AND u.period_id = ?
            ORDER BY u.exam_date, u.code`,
          [ids, periodId],
        );
  const roomsOf = new Map<number, RoomView[]>();
  for (const r of rooms) {
    const list = roomsOf.get(r.venue_id) ?? [];
    list.push({ id: r.id, roomNo: r.room_no, seats: r.seats, note: r.note, assigned: Number(r.assigned) });
    roomsOf.set(r.venue_id, list);
  }
  const closuresOf = new Map<number, VenueClosureView[]>();
  for (const c of closures) {
    const list = closuresOf.get(c.venue_id) ?? [];
    list.push({ unitId: c.unit_id, unitCode: c.code, examDate: String(c.exam_date).slice(0, 10), halfDay: c.half_day });
    closuresOf.set(c.venue_id, list);
  }
  return venues.map((v) => {
    const venueRooms = roomsOf.get(v.id) ?? [];
    return {
      id: v.id,
      countyId: v.county_id,
      countyCode: v.county_code,
      countyName: v.county_name,
      name: v.name,
      address: v.address,
      contact: v.contact,
      rooms: venueRooms,
      totalSeats: venueRooms.reduce((sum, r) => sum + r.seats, 0),
      closures: closuresOf.get(v.id) ?? [],
    };
  });
}

/** 座位数 vs 考位数 for every county of the scope (null: all), including counties with no venue yet. */
export async function countySeats(
  db: Db,
  counties: number[] | null,
  periodId: number | null,
): Promise<CountySeatsView[]> {
  const where = new Conditions().counties('c.id', counties);
  const rows = await select<{
    id: number;
    code: string;
    name: string;
    venues: number | string;
    rooms: number | string;
    seats: number | string | null;
    largest: number | string | null;
  }>(
    db,
    `SELECT c.id, c.code, c.name,
            (SELECT COUNT(*) FROM exam_venues v WHERE v.county_id = c.id) AS venues,
            (SELECT COUNT(*) FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id WHERE v.county_id = c.id) AS rooms,
            (SELECT SUM(r.seats) FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id WHERE v.county_id = c.id) AS seats,
            (SELECT MAX(q.capacity) FROM seat_quotas q WHERE q.county_id = c.id AND q.period_id = ?) AS largest
       FROM counties c WHERE ${where.sql} ORDER BY c.code`,
    [periodId ?? -1, ...where.replacements],
  );
  return rows.map((r) => {
    const seats = Number(r.seats ?? 0);
    const largestQuota = r.largest === null ? null : Number(r.largest);
    return {
      countyId: r.id,
      countyCode: r.code,
      countyName: r.name,
      venues: Number(r.venues),
      rooms: Number(r.rooms),
      seats,
      largestQuota,
      surplus: largestQuota === null ? null : seats - largestQuota,
    };
  });
}

/** Whether a unit exists (for a closure). */
export async function unitExists(db: Db, unitId: number): Promise<boolean> {
  return (await count(db, 'SELECT COUNT(*) AS n FROM exam_units WHERE id = ?', [unitId])) > 0;
}
