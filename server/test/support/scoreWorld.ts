import type { Db } from '../../src/db/models';
import { insertCandidateWithTicket, insertCatalog, insertCourses, type CatalogFixture } from './fixtures';

/**
 * A period for scores: course A and B in unit 1, course C in unit 2. Candidates from `paidCandidate`
 * booked and paid A and C; nobody booked B.
 */
export interface ScoreWorld {
  catalog: CatalogFixture;
  periodId: number;
  periodCode: string;
  courses: { a: { id: number; code: string }; b: { id: number; code: string }; c: { id: number; code: string } };
}

export async function insertScoreWorld(db: Db): Promise<ScoreWorld> {
  const m = db.models;
  const catalog = await insertCatalog(db, { capacity: 100 });
  const [extra] = await insertCourses(db, 1);
  const unit = await m.ExamUnit.create({
    periodId: catalog.periodId,
    code: 'U2',
    examDate: '2027-04-10',
    halfDay: 'pm',
    startTime: '14:30',
    endTime: '17:00',
  });
  await m.CourseOffering.create({ periodId: catalog.periodId, unitId: unit.id, courseId: extra!.id });
  const [a, b] = await m.Course.findAll({ where: { id: catalog.courseIds } });
  const period = (await m.ExamPeriod.findByPk(catalog.periodId))!;
  db.catalog.invalidate();
  const course = (c: { id: number; code: string }) => ({ id: c.id, code: c.code });
  return {
    catalog,
    periodId: period.id,
    periodCode: period.code,
    courses: { a: course(a!), b: course(b!), c: course(extra!) },
  };
}

/** A candidate whose booking of courses A and C in the world's period is paid. */
export async function paidCandidate(db: Db, world: ScoreWorld) {
  const m = db.models;
  const person = await insertCandidateWithTicket(db, 'scores');
  const booking = await m.Booking.create({
    candidateId: person.candidateId,
    periodId: world.periodId,
    countyId: world.catalog.countyId,
    noticeAcknowledgedAt: new Date(),
    confirmedAt: new Date(),
  });
  const units = await m.CourseOffering.findAll({ where: { periodId: world.periodId } });
  for (const courseId of [world.courses.a.id, world.courses.c.id]) {
    await m.BookingItem.create({
      bookingId: booking.id,
      candidateId: person.candidateId,
      ticketId: person.ticketId,
      periodId: world.periodId,
      countyId: world.catalog.countyId,
      unitId: units.find((u) => u.courseId === courseId)!.unitId,
      courseId,
      state: 'paid',
      paymentOrderId: null,
      heldAt: new Date(),
      confirmedAt: new Date(),
      paidAt: new Date(),
    });
  }
  return person;
}
