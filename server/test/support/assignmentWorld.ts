import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../../src/db/models';
import { createUnique, insertCandidateWithTicket, insertCourses } from './fixtures';

const tag = () => randomBytes(3).toString('hex');

export interface AssignmentWorld {
  periodId: number;
  cityId: number;
  unitIds: number[];
  /** Courses per unit: unitCourses[u] are the courses offered in unitIds[u]. */
  unitCourses: number[][];
  counties: Array<{ id: number; name: string; venueIds: number[]; roomIds: number[] }>;
}

/**
 * A period with `units` units (two courses each) and counties whose venues have rooms of the given seats
 * (rooms[c][v] = seats of each room of venue v in county c), with a quota for every county × unit.
 */
export async function insertAssignmentWorld(
  db: Db,
  options: { units: number; rooms: number[][][]; printOpensAt?: Date | null },
): Promise<AssignmentWorld> {
  const m = db.models;
  const t = tag();
  const now = Date.now();
  const city = await createUnique(() => m.City.create({ code: `9${randomInt(10_000, 99_999)}`, name: `编排市${t}` }));
  const period = await m.ExamPeriod.create({
    code: `A${t}`,
    name: `编排考次${t}`,
    bookingOpensAt: new Date(now - 10 * 86_400_000),
    bookingClosesAt: new Date(now - 5 * 86_400_000),
    paymentOpensAt: new Date(now - 10 * 86_400_000),
    paymentClosesAt: new Date(now - 4 * 86_400_000),
    refundDeadline: null,
    printOpensAt: options.printOpensAt === undefined ? new Date(now + 5 * 86_400_000) : options.printOpensAt,
    printClosesAt: new Date(now + 20 * 86_400_000),
    feePerCourseFen: 3500,
    maxCourses: 4,
    bookingNotice: '须知',
  });
  const courses = await insertCourses(db, options.units * 2);
  const unitIds: number[] = [];
  const unitCourses: number[][] = [];
  for (let u = 0; u < options.units; u++) {
    const unit = await m.ExamUnit.create({
      periodId: period.id,
      code: `U${u + 1}`,
      examDate: `2027-04-${String(10 + Math.floor(u / 2)).padStart(2, '0')}`,
      halfDay: u % 2 === 0 ? 'am' : 'pm',
      startTime: u % 2 === 0 ? '09:00' : '14:30',
      endTime: u % 2 === 0 ? '11:30' : '17:00',
    });
    unitIds.push(unit.id);
    const pair = [courses[2 * u]!.id, courses[2 * u + 1]!.id];
    unitCourses.push(pair);
    for (const courseId of pair) await m.CourseOffering.create({ periodId: period.id, unitId: unit.id, courseId });
  }
  const counties: AssignmentWorld['counties'] = [];
  for (const [c, venues] of options.rooms.entries()) {
    const county = await createUnique(() =>
      m.County.create({ cityId: city.id, code: `8${randomInt(10_000, 99_999)}`, name: `编排县${c}${t}` }),
    );
    const venueIds: number[] = [];
    const roomIds: number[] = [];
    for (const [v, rooms] of venues.entries()) {
      const venue = await m.ExamVenue.create({ countyId: county.id, name: `第${v + 1}考点`, address: '地址' });
      venueIds.push(venue.id);
      for (const [r, seats] of rooms.entries()) {
        roomIds.push((await m.ExamRoom.create({ venueId: venue.id, roomNo: r + 1, seats })).id);
      }
    }
    for (const unitId of unitIds)
      await m.SeatQuota.create({ periodId: period.id, countyId: county.id, unitId, capacity: 1000 });
    counties.push({ id: county.id, name: county.name, venueIds, roomIds });
  }
  return { periodId: period.id, cityId: city.id, unitIds, unitCourses, counties };
}

/** A candidate booked in a county for the given units (course index 0/1 of each), items in `state`. */
export async function insertBookedCandidate(
  db: Db,
  world: AssignmentWorld,
  countyId: number,
  courses: Array<{ unit: number; course: 0 | 1 }>,
  state: 'paid' | 'held' = 'paid',
  paymentOrderId: number | null = null,
) {
  const person = await insertCandidateWithTicket(db, 'assign');
  const booking = await db.models.Booking.create({
    candidateId: person.candidateId,
    periodId: world.periodId,
    countyId,
    noticeAcknowledgedAt: new Date(),
    confirmedAt: new Date(),
  });
  const itemIds: number[] = [];
  for (const { unit, course } of courses) {
    const item = await db.models.BookingItem.create({
      bookingId: booking.id,
      candidateId: person.candidateId,
      ticketId: person.ticketId,
      periodId: world.periodId,
      countyId,
      unitId: world.unitIds[unit]!,
      courseId: world.unitCourses[unit]![course]!,
      state,
      paymentOrderId,
      heldAt: new Date(),
      confirmedAt: state === 'paid' ? new Date() : null,
      paidAt: state === 'paid' ? new Date() : null,
      releasedAt: null,
    });
    itemIds.push(item.id);
  }
  return { ...person, bookingId: booking.id, itemIds };
}
