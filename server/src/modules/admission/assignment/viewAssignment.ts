import {
  ASSIGNMENT_RUN_STATE_LABELS,
  type AssignmentFillRow,
  type AssignmentRoomSeats,
  type AssignmentRoomView,
  type AssignmentRunView,
  type AssignmentShortage,
} from '@kaowei/shared';
import { Op } from 'sequelize';
import type { Db } from '../../../db/models';
import { sqlOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import type { AssignmentRun } from '../models';
import { unitLabelOfRow, type UnitColumns } from '../unitRow';

export async function assignmentRunView(
  db: Db,
  run: AssignmentRun,
  inScope: number[] | null = null,
): Promise<AssignmentRunView> {
  const county = run.countyId ? await db.models.County.findByPk(run.countyId) : null;
  const raw = typeof run.shortages === 'string' ? JSON.parse(run.shortages) : run.shortages;
  const shortages = ((raw ?? []) as AssignmentShortage[]).filter((s) => !inScope || inScope.includes(s.countyId));
  return {
    id: run.id,
    periodId: run.periodId,
    countyId: run.countyId,
    scope: county?.name ?? '全部县区',
    officialId: run.officialId,
    fullRerun: Boolean(run.fullRerun),
    state: run.state,
    stateLabel: ASSIGNMENT_RUN_STATE_LABELS[run.state],
    totalGroups: run.totalGroups,
    doneGroups: run.doneGroups,
    assigned: run.assigned,
    shortages,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** A run's progress: a county's run to officials of that county; a run of all counties to all, shortages in scope. */
export async function viewAssignmentRun(db: Db, official: Official, id: number): Promise<AssignmentRunView> {
  const run = await db.models.AssignmentRun.findByPk(id);
  if (!run) throw new AppError('NOT_FOUND', { what: '编排任务' });
  if (run.countyId !== null) await assertCountyInScope(db, official, run.countyId);
  return assignmentRunView(db, run, await scopedCountyIds(db, official));
}

/** The period's latest runs (20) an official may see. */
export async function listAssignmentRuns(db: Db, official: Official, periodId: number): Promise<AssignmentRunView[]> {
  const scope = await scopedCountyIds(db, official);
  const runs = await db.models.AssignmentRun.findAll({
    where: { periodId, ...(scope ? { [Op.or]: [{ countyId: null }, { countyId: scope }] } : {}) },
    order: [['id', 'DESC']],
    limit: 20,
  });
  return Promise.all(runs.map((run) => assignmentRunView(db, run, scope)));
}

const OPEN_ROOMS = `FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id
  WHERE v.county_id = q.county_id
    AND NOT EXISTS (SELECT 1 FROM venue_closures c WHERE c.venue_id = v.id AND c.unit_id = q.unit_id)`;

/** Per county × unit of the period (in scope): rooms open, their seats, seats given, paid items still without one. */
export async function assignmentFill(db: Db, official: Official, periodId: number): Promise<AssignmentFillRow[]> {
  const scope = await scopedCountyIds(db, official);
  if (scope && scope.length === 0) return [];
  const rows = await sqlOf(db.sequelize).rows<
    UnitColumns & {
      county_id: number;
      county_name: string;
      unit_id: number;
      rooms: number;
      seats: number;
      assigned: number;
      unassigned: number;
    }
  >(
    `SELECT q.county_id, co.name AS county_name, q.unit_id, u.exam_date, u.half_day, u.start_time, u.end_time,
        (SELECT COUNT(*) ${OPEN_ROOMS}) AS rooms,
        (SELECT COALESCE(SUM(r.seats), 0) ${OPEN_ROOMS}) AS seats,
        (SELECT COUNT(*) FROM seat_assignments sa
          WHERE sa.period_id = q.period_id AND sa.county_id = q.county_id AND sa.unit_id = q.unit_id) AS assigned,
        (SELECT COUNT(*) FROM booking_items bi
          WHERE bi.period_id = q.period_id AND bi.county_id = q.county_id AND bi.unit_id = q.unit_id AND bi.state = 'paid'
            AND NOT EXISTS (SELECT 1 FROM seat_assignments sa WHERE sa.booking_item_id = bi.id)) AS unassigned
       FROM seat_quotas q JOIN counties co ON co.id = q.county_id JOIN exam_units u ON u.id = q.unit_id
      WHERE q.period_id = ?${scope ? ' AND q.county_id IN (?)' : ''}
      ORDER BY co.code, u.exam_date, u.start_time`,
    scope ? [periodId, scope] : [periodId],
  );
  return rows.map((r) => ({
    countyId: r.county_id,
    countyName: r.county_name,
    unitId: r.unit_id,
    unitLabel: unitLabelOfRow(r),
    rooms: Number(r.rooms),
    seats: Number(r.seats),
    assigned: Number(r.assigned),
    unassigned: Number(r.unassigned),
  }));
}

/** The county's rooms for a unit (closed venues left out) with how many seats are given. */
export async function assignmentRooms(
  db: Db,
  official: Official,
  group: { periodId: number; countyId: number; unitId: number },
): Promise<AssignmentRoomView[]> {
  await assertCountyInScope(db, official, group.countyId);
  const rows = await sqlOf(db.sequelize).rows<{
    id: number;
    venue_id: number;
    venue_name: string;
    room_no: number;
    seats: number;
    assigned: number;
  }>(
    `SELECT r.id, r.venue_id, v.name AS venue_name, r.room_no, r.seats,
        (SELECT COUNT(*) FROM seat_assignments sa WHERE sa.room_id = r.id AND sa.unit_id = ? AND sa.period_id = ?) AS assigned
       FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id
      WHERE v.county_id = ? AND NOT EXISTS (SELECT 1 FROM venue_closures c WHERE c.venue_id = v.id AND c.unit_id = ?)
      ORDER BY v.id, r.room_no`,
    [group.unitId, group.periodId, group.countyId, group.unitId],
  );
  return rows.map((r) => ({
    roomId: r.id,
    venueId: r.venue_id,
    venueName: r.venue_name,
    roomNo: r.room_no,
    seats: r.seats,
    assigned: Number(r.assigned),
  }));
}

/** A room's seats for a unit, 1..seats, each with its candidate (name, ticket, course) or free. */
export async function assignmentRoomSeats(
  db: Db,
  official: Official,
  roomId: number,
  group: { periodId: number; unitId: number },
): Promise<AssignmentRoomSeats> {
  const sql = sqlOf(db.sequelize);
  const [room] = await sql.rows<{
    id: number;
    venue_id: number;
    venue_name: string;
    county_id: number;
    room_no: number;
    seats: number;
  }>(
    `SELECT r.id, r.venue_id, v.name AS venue_name, v.county_id, r.room_no, r.seats
       FROM exam_rooms r JOIN exam_venues v ON v.id = r.venue_id WHERE r.id = ?`,
    [roomId],
  );
  if (!room) throw new AppError('NOT_FOUND', { what: '考场' });
  await assertCountyInScope(db, official, room.county_id);
  const taken = await sql.rows<{
    id: number;
    seat_no: number;
    name: string;
    ticket_no: string;
    course_code: string;
    course_name: string;
  }>(
    `SELECT sa.id, sa.seat_no, ca.name, t.ticket_no, c.code AS course_code, c.name AS course_name
       FROM seat_assignments sa JOIN booking_items bi ON bi.id = sa.booking_item_id
       JOIN candidates ca ON ca.id = sa.candidate_id JOIN tickets t ON t.id = bi.ticket_id
       JOIN courses c ON c.id = sa.course_id
      WHERE sa.room_id = ? AND sa.unit_id = ? AND sa.period_id = ? ORDER BY sa.seat_no`,
    [roomId, group.unitId, group.periodId],
  );
  const bySeat = new Map(taken.map((t) => [t.seat_no, t]));
  const last = Math.max(room.seats, ...taken.map((t) => t.seat_no));
  const seats = Array.from({ length: last }, (_, i) => {
    const t = bySeat.get(i + 1);
    return {
      seatNo: i + 1,
      assignmentId: t?.id ?? null,
      candidateName: t?.name ?? null,
      ticketNo: t?.ticket_no ?? null,
      courseCode: t?.course_code ?? null,
      courseName: t?.course_name ?? null,
    };
  });
  const assigned = taken.length;
  return {
    room: {
      roomId: room.id,
      venueId: room.venue_id,
      venueName: room.venue_name,
      roomNo: room.room_no,
      seats: room.seats,
      assigned,
    },
    unitId: group.unitId,
    seats,
  };
}
