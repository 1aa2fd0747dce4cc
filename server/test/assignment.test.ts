import type { AssignmentFillRow, AssignmentRunView } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/models';
import { officialActor } from '../src/kernel/actor';
import { workRun } from '../src/modules/admission/assignment/assignmentRuns';
import {
  assignmentsSettled,
  queueDueScheduledRuns,
  runPendingAssignments,
} from '../src/modules/admission/assignment/assignmentWorker';
import { openRefund } from '../src/modules/payment/refunds';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertAssignmentWorld, insertBookedCandidate, type AssignmentWorld } from './support/assignmentWorld';
import { openTestDb, startTestServer, type TestServer } from './support/testApp';

interface SeatRow {
  booking_item_id: number;
  candidate_id: number;
  course_id: number;
  unit_id: number;
  county_id: number;
  venue_id: number;
  room_id: number;
  seat_no: number;
  seats: number;
  ticket_no: string;
}

async function seatsOf(db: Db, periodId: number): Promise<SeatRow[]> {
  return db.sequelize.query<SeatRow>(
    `SELECT sa.booking_item_id, sa.candidate_id, sa.course_id, sa.unit_id, sa.county_id, sa.venue_id, sa.room_id,
            sa.seat_no, r.seats, t.ticket_no
       FROM seat_assignments sa JOIN exam_rooms r ON r.id = sa.room_id
       JOIN booking_items bi ON bi.id = sa.booking_item_id JOIN tickets t ON t.id = bi.ticket_id
      WHERE sa.period_id = ? ORDER BY sa.unit_id, sa.venue_id, sa.room_id, sa.seat_no`,
    { replacements: [periodId], type: QueryTypes.SELECT },
  );
}

async function paidItems(db: Db, periodId: number): Promise<number[]> {
  const rows = await db.sequelize.query<{ id: number }>(
    `SELECT id FROM booking_items WHERE period_id = ? AND state = 'paid' ORDER BY id`,
    { replacements: [periodId], type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.id);
}

/** Every paid item once, no seat twice, no room over its seats, no candidate twice in a unit. */
function expectSound(seats: SeatRow[], paid: number[]) {
  expect(seats.map((s) => s.booking_item_id).sort((a, b) => a - b)).toEqual(paid);
  const seatKeys = seats.map((s) => `${s.room_id}:${s.unit_id}:${s.seat_no}`);
  expect(new Set(seatKeys).size).toBe(seats.length);
  for (const s of seats) expect(s.seat_no).toBeGreaterThanOrEqual(1);
  for (const s of seats) expect(s.seat_no).toBeLessThanOrEqual(s.seats);
  expect(new Set(seats.map((s) => `${s.candidate_id}:${s.unit_id}`)).size).toBe(seats.length);
}

describe('seat assignment (考场编排)', () => {
  let server: TestServer;
  let province: OfficialClient;
  beforeAll(async () => {
    server = await startTestServer();
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  async function startRun(body: object, api = province.api) {
    const response = await api.post<AssignmentRunView & { code?: string; message?: string }>(
      '/api/admin/assignment/runs',
      body,
    );
    await assignmentsSettled(server.db);
    if (response.status !== 201) return { response, run: null };
    const run = await api.get<AssignmentRunView>(`/api/admin/assignment/runs/${response.body.id}`);
    return { response, run: run.body };
  }

  describe('one county, two venues, two units', () => {
    let world: AssignmentWorld;
    let county: AssignmentWorld['counties'][number];
    beforeAll(async () => {
      // Venue 1: rooms of 4 and 4 seats; venue 2: one room of 12. 14 candidates in both units, 2 only held.
      world = await insertAssignmentWorld(server.db, { units: 2, rooms: [[[4, 4], [12]]] });
      county = world.counties[0]!;
      for (let i = 0; i < 14; i++) {
        const c = (i % 2) as 0 | 1;
        await insertBookedCandidate(server.db, world, county.id, [
          { unit: 0, course: c },
          { unit: 1, course: (1 - c) as 0 | 1 },
        ]);
      }
      for (let i = 0; i < 2; i++)
        await insertBookedCandidate(server.db, world, county.id, [{ unit: 0, course: 0 }], 'held');
    });

    it('seats every paid item once, course by course in ticket order, never over a room', async () => {
      const { run } = await startRun({ periodId: world.periodId, countyId: county.id });
      expect(run).toMatchObject({ state: 'done', totalGroups: 2, doneGroups: 2, assigned: 28, shortages: [] });
      const seats = await seatsOf(server.db, world.periodId);
      expectSound(seats, await paidItems(server.db, world.periodId));
      for (const [unitId, venueId] of world.unitIds.flatMap((u) => county.venueIds.map((v) => [u, v]))) {
        // In a venue's seating order (room, seat), courses come one after the other and tickets ascend in each.
        const inOrder = seats.filter((s) => s.unit_id === unitId && s.venue_id === venueId);
        const courseRuns = inOrder.map((s) => s.course_id).filter((c, i, all) => i === 0 || all[i - 1] !== c);
        expect(new Set(courseRuns).size).toBe(courseRuns.length);
        for (const course of new Set(courseRuns)) {
          const tickets = inOrder.filter((s) => s.course_id === course).map((s) => s.ticket_no);
          expect(tickets).toEqual([...tickets].sort());
        }
      }
      // The second unit keeps each candidate in the venue of the first wherever that venue has room.
      const venueIn = (unit: number) =>
        new Map(seats.filter((s) => s.unit_id === world.unitIds[unit]).map((s) => [s.candidate_id, s.venue_id]));
      const first = venueIn(0);
      const second = venueIn(1);
      const kept = [...first].filter(([candidate, venue]) => second.get(candidate) === venue).length;
      expect(kept).toBe(14);
    });

    it('keeps existing seats on a run again and places only the new paid items', async () => {
      const before = await seatsOf(server.db, world.periodId);
      const late = await insertBookedCandidate(server.db, world, county.id, [{ unit: 0, course: 1 }]);
      const { run } = await startRun({ periodId: world.periodId, countyId: county.id });
      expect(run).toMatchObject({ state: 'done', assigned: 1 });
      const after = await seatsOf(server.db, world.periodId);
      expect(after.filter((s) => s.booking_item_id !== late.itemIds[0])).toEqual(before);
      expectSound(after, await paidItems(server.db, world.periodId));
      const fill = await province.api.get<AssignmentFillRow[]>(`/api/admin/assignment/fill?periodId=${world.periodId}`);
      expect(fill.body.map((r) => [r.rooms, r.seats, r.assigned, r.unassigned])).toEqual([
        [3, 20, 15, 0],
        [3, 20, 14, 0],
      ]);
    });

    it('lets only the province re-run in full, and not once the print window has opened', async () => {
      const county1 = await signedInOfficial(server, 'county', { countyId: county.id });
      const { response: byCounty } = await startRun(
        { periodId: world.periodId, countyId: county.id, fullRerun: true },
        county1.api,
      );
      expect([byCounty.status, byCounty.body.code]).toEqual([403, 'ASSIGNMENT_RERUN_PROVINCE_ONLY']);
      const { run } = await startRun({ periodId: world.periodId, countyId: county.id, fullRerun: true });
      expect(run).toMatchObject({ state: 'done', assigned: 29, fullRerun: true });
      expectSound(await seatsOf(server.db, world.periodId), await paidItems(server.db, world.periodId));

      await server.db.models.ExamPeriod.update(
        { printOpensAt: new Date(Date.now() - 1000) },
        { where: { id: world.periodId } },
      );
      const kept = await seatsOf(server.db, world.periodId);
      const { response } = await startRun({ periodId: world.periodId, countyId: county.id, fullRerun: true });
      expect([response.status, response.body.code]).toEqual([409, 'ASSIGNMENT_RERUN_CLOSED']);
      expect(response.body.message).toContain('准考证打印已于');
      expect(await seatsOf(server.db, world.periodId)).toEqual(kept);
      // A county office may still run its own county incrementally.
      const { run: own } = await startRun({ periodId: world.periodId, countyId: county.id }, county1.api);
      expect(own).toMatchObject({ state: 'done', assigned: 0 });
    });

    it('moves a candidate to a free seat with a reason, audited, and refuses a taken seat', async () => {
      const [seat] = await server.db.models.SeatAssignment.findAll({
        where: { periodId: world.periodId, unitId: world.unitIds[0] },
        order: [['id', 'ASC']],
        limit: 1,
      });
      const bigRoom = county.roomIds[2]!;
      const taken = await server.db.models.SeatAssignment.findOne({ where: { roomId: bigRoom, unitId: seat!.unitId } });
      const refused = await province.api.post<{ code: string }>(`/api/admin/assignment/seats/${seat!.id}/move`, {
        roomId: bigRoom,
        seatNo: taken!.seatNo,
        reason: '考生行动不便',
      });
      expect([refused.status, refused.body.code]).toEqual([409, 'SEAT_TAKEN']);
      const moved = await province.api.post<{ seatNo: number; roomId: number }>(
        `/api/admin/assignment/seats/${seat!.id}/move`,
        { roomId: bigRoom, seatNo: 12, reason: '考生行动不便' },
      );
      expect(moved.status, moved.text).toBe(200);
      await seat!.reload();
      expect([seat!.roomId, seat!.seatNo, seat!.venueId]).toEqual([bigRoom, 12, county.venueIds[1]]);
      const audit = await server.db.models.AuditLog.findOne({
        where: { action: 'assignment.move', entityId: String(seat!.id) },
      });
      expect(audit?.reason).toBe('考生行动不便');
      const seatsView = await province.api.get<{ seats: Array<{ seatNo: number; assignmentId: number | null }> }>(
        `/api/admin/assignment/rooms/${bigRoom}/seats?periodId=${world.periodId}&unitId=${seat!.unitId}`,
      );
      expect(seatsView.body.seats.find((s) => s.seatNo === 12)?.assignmentId).toBe(seat!.id);
      const stranger = await signedInOfficial(server, 'county', {
        countyId: (await insertAssignmentWorld(server.db, { units: 1, rooms: [[[1]]] })).counties[0]!.id,
      });
      const foreign = await stranger.api.post<{ code: string }>(`/api/admin/assignment/seats/${seat!.id}/move`, {
        roomId: bigRoom,
        seatNo: 11,
        reason: '越权调整',
      });
      expect(foreign.status).toBe(403);
    });
  });

  it('refuses a county × unit lacking seats with the missing count and writes nothing for it', async () => {
    // County 0: 3 seats for 5 candidates in unit 1, enough in unit 2; county 1: enough everywhere.
    const world = await insertAssignmentWorld(server.db, { units: 2, rooms: [[[3]], [[10]]] });
    const [short, fine] = world.counties;
    for (let i = 0; i < 5; i++) await insertBookedCandidate(server.db, world, short!.id, [{ unit: 0, course: 0 }]);
    for (let i = 0; i < 2; i++) await insertBookedCandidate(server.db, world, short!.id, [{ unit: 1, course: 0 }]);
    for (let i = 0; i < 4; i++) await insertBookedCandidate(server.db, world, fine!.id, [{ unit: 0, course: 1 }]);
    const { run } = await startRun({ periodId: world.periodId });
    expect(run).toMatchObject({ state: 'refused', totalGroups: 4, doneGroups: 4, assigned: 6 });
    expect(run!.shortages).toHaveLength(1);
    expect(run!.shortages[0]).toMatchObject({ countyId: short!.id, unitId: world.unitIds[0], missing: 2 });
    expect(run!.shortages[0]!.message).toBe(`${short!.name} 4月10日（周六）上午 9:00–11:30 缺 2 个座位`);
    const seats = await seatsOf(server.db, world.periodId);
    expect(seats.filter((s) => s.county_id === short!.id && s.unit_id === world.unitIds[0])).toEqual([]);
    expect(seats).toHaveLength(6);
  });

  it('two workers on two connections running overlapping runs at once seat each item exactly once', async () => {
    const world = await insertAssignmentWorld(server.db, {
      units: 4,
      rooms: Array.from({ length: 3 }, () => [[10, 10], [10]]),
    });
    for (const county of world.counties) {
      for (let i = 0; i < 12; i++) {
        await insertBookedCandidate(
          server.db,
          world,
          county.id,
          [0, 1, 2, 3].map((unit) => ({ unit, course: ((i + unit) % 2) as 0 | 1 })),
        );
      }
    }
    const second = openTestDb();
    try {
      // Two runs over the same groups (all counties, and the first county), each taken by another worker.
      const runs = await server.db.models.AssignmentRun.bulkCreate([
        { periodId: world.periodId, countyId: null, officialId: null, state: 'queued' },
        { periodId: world.periodId, countyId: world.counties[0]!.id, officialId: null, state: 'queued' },
        { periodId: world.periodId, countyId: null, officialId: null, state: 'queued' },
      ]);
      const deps = (db: Db) => ({ db, logger: server.services.logger });
      await Promise.all([runPendingAssignments(deps(server.db)), runPendingAssignments(deps(second))]);
      const states = await server.db.models.AssignmentRun.findAll({ where: { id: runs.map((r) => r.id) } });
      expect(states.map((r) => r.state)).toEqual(['done', 'done', 'done']);
      expect(states.reduce((sum, r) => sum + r.assigned, 0)).toBe(144);
      expectSound(await seatsOf(server.db, world.periodId), await paidItems(server.db, world.periodId));

      // The same run worked by both at once (one lost its lease): each group is done once.
      await server.db.models.SeatAssignment.destroy({ where: { periodId: world.periodId } });
      const run = await server.db.models.AssignmentRun.create({
        periodId: world.periodId,
        countyId: null,
        officialId: null,
        state: 'queued',
      });
      const clock = () => new Date();
      await Promise.all([workRun(server.db, run.id, clock), workRun(second, run.id, clock)]);
      await run.reload();
      expect([run.state, run.doneGroups, run.assigned]).toEqual(['done', 12, 144]);
      expectSound(await seatsOf(server.db, world.periodId), await paidItems(server.db, world.periodId));
    } finally {
      await second.sequelize.close();
    }
  });

  it('resumes a run after its last committed group once its lease has run out, and leaves closed venues empty', async () => {
    const world = await insertAssignmentWorld(server.db, { units: 2, rooms: [[[3], [3]]] });
    const county = world.counties[0]!;
    await server.db.models.VenueClosure.create({ venueId: county.venueIds[0]!, unitId: world.unitIds[1]! });
    for (let i = 0; i < 3; i++)
      await insertBookedCandidate(server.db, world, county.id, [
        { unit: 0, course: 0 },
        { unit: 1, course: 0 },
      ]);
    const clock = new Date();
    // A worker died after the first group: the run says 1 of 2 done, its lease held for another minute.
    const run = await server.db.models.AssignmentRun.create({
      periodId: world.periodId,
      countyId: county.id,
      officialId: null,
      state: 'running',
      totalGroups: 2,
      doneGroups: 1,
      leasedUntil: new Date(clock.getTime() + 60_000),
    });
    const deps = { db: server.db, logger: server.services.logger };
    await runPendingAssignments(deps, () => clock);
    await run.reload();
    expect([run.state, run.doneGroups]).toEqual(['running', 1]);
    await runPendingAssignments(deps, () => new Date(clock.getTime() + 61_000));
    await run.reload();
    expect([run.state, run.doneGroups, run.assigned]).toEqual(['done', 2, 3]);
    const seats = await seatsOf(server.db, world.periodId);
    // Only the second group was done, all in the venue left open for it.
    expect(seats.map((s) => [s.unit_id, s.venue_id])).toEqual(
      Array.from({ length: 3 }, () => [world.unitIds[1], county.venueIds[1]]),
    );
  });

  it('queues the scheduled run once per period after the payment window closes, from two instances', async () => {
    const world = await insertAssignmentWorld(server.db, { units: 1, rooms: [[[5]]] });
    await insertBookedCandidate(server.db, world, world.counties[0]!.id, [{ unit: 0, course: 0 }]);
    const second = openTestDb();
    try {
      const now = new Date();
      const queued = await Promise.all([
        queueDueScheduledRuns(server.db, now, world.periodId),
        queueDueScheduledRuns(second, now, world.periodId),
        queueDueScheduledRuns(second, now, world.periodId),
      ]);
      expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
      const runs = await server.db.models.AssignmentRun.findAll({ where: { periodId: world.periodId } });
      expect(runs.map((r) => [r.countyId, r.officialId, r.state])).toEqual([[null, null, 'queued']]);
      await runPendingAssignments({ db: server.db, logger: server.services.logger });
      expect(await seatsOf(server.db, world.periodId)).toHaveLength(1);
    } finally {
      await second.sequelize.close();
    }
  });

  it('frees the seat when a refund opens after assignment, and does not seat the item again', async () => {
    const world = await insertAssignmentWorld(server.db, { units: 1, rooms: [[[5]]] });
    const countyId = world.counties[0]!.id;
    const staying = await insertBookedCandidate(server.db, world, countyId, [{ unit: 0, course: 0 }]);
    const leaving = await insertBookedCandidate(server.db, world, countyId, [{ unit: 0, course: 0 }]);
    const order = await server.db.models.PaymentOrder.create({
      outTradeNo: `T${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      bookingId: leaving.bookingId,
      candidateId: leaving.candidateId,
      periodId: world.periodId,
      amountFen: 3500,
      state: 'paid',
    } as never);
    await server.db.models.BookingItem.update({ paymentOrderId: order.id }, { where: { id: leaving.itemIds } });
    await startRun({ periodId: world.periodId, countyId });
    expect((await seatsOf(server.db, world.periodId)).map((s) => s.booking_item_id).sort()).toEqual(
      [staying.itemIds[0], leaving.itemIds[0]].sort(),
    );
    const official = await server.db.models.Official.findByPk(province.id);
    await server.db.sequelize.transaction((transaction) =>
      openRefund(
        server.services,
        { orderId: order.id, kind: 'official', reason: '考生申请退考', actor: officialActor(official!) },
        transaction,
      ),
    );
    expect((await seatsOf(server.db, world.periodId)).map((s) => s.booking_item_id)).toEqual([staying.itemIds[0]]);
    const { run } = await startRun({ periodId: world.periodId, countyId });
    expect(run).toMatchObject({ state: 'done', assigned: 0 });
    expect(await seatsOf(server.db, world.periodId)).toHaveLength(1);
  });
});
