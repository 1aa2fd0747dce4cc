import { maskIdCardNo, ROSTER_KIND_LABELS, unitLabel, type RoomRosterQuery } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { contentDisposition } from '../../../http/contentDisposition';
import { AppError } from '../../../http/errors';
import type { IdCardVault } from '../../../lib/idCardVault';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertCountyInScope } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import type { PhotoStore } from '../../accounts/registration/photos';
import { renderRosterPdf, type RosterSeat } from './renderRosterPdf';
import { rosterRoom, rosterSeats } from './rosterRepository';

/**
 * A room's 座次表 or 签到表 for one unit as an A4 PDF, for officials whose scope holds the room's county.
 * ID numbers are masked (door staff compare them with the card); the download is audited.
 */
export async function roomRoster(
  deps: { db: Db; vault: IdCardVault; photos: PhotoStore },
  official: Official,
  roomId: number,
  query: RoomRosterQuery,
  request: RequestInfo,
): Promise<{ bytes: Buffer; disposition: string; rows: number }> {
  const { db } = deps;
  const room = await rosterRoom(db, roomId);
  if (!room) throw new AppError('NOT_FOUND', { what: '考场' });
  await assertCountyInScope(db, official, room.county_id);
  const period = await db.models.ExamPeriod.findByPk(query.periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  const unit = await db.models.ExamUnit.findOne({ where: { id: query.unitId, periodId: period.id } });
  if (!unit) throw new AppError('NOT_FOUND', { what: '考试单元' });

  const rows = await rosterSeats(db, room.id, period.id, unit.id);
  const photoOf = (photoPath: string | null) =>
    query.kind === 'seats' && photoPath
      ? deps.photos.read(photoPath).then(
          (p) => p.bytes,
          () => null,
        )
      : Promise.resolve(null);
  const photos = await Promise.all(rows.map((r) => photoOf(r.photo_path)));
  const bySeat = new Map(rows.map((r, i) => [r.seat_no, { row: r, photo: photos[i]! }]));
  const last = Math.max(room.seats, ...rows.map((r) => r.seat_no));
  const seats: RosterSeat[] = Array.from({ length: last }, (_, i) => {
    const taken = bySeat.get(i + 1);
    if (!taken) return { seatNo: i + 1, candidate: null };
    const { row, photo } = taken;
    return {
      seatNo: i + 1,
      candidate: {
        name: row.name,
        ticketNo: row.ticket_no,
        idCardNo: maskIdCardNo(deps.vault.decrypt(row.id_card_cipher)),
        courseCode: row.course_code,
        courseName: row.course_name,
        photo,
      },
    };
  });
  const label = unitLabel({
    examDate: unit.examDate,
    halfDay: unit.halfDay,
    startTime: unit.startTime,
    endTime: unit.endTime,
  });
  const bytes = await renderRosterPdf({
    kind: query.kind,
    periodName: period.name,
    countyName: room.county_name,
    venueName: room.venue_name,
    venueAddress: room.venue_address,
    roomNo: room.room_no,
    unitLabel: label,
    seats,
  });

  await db.sequelize.transaction((transaction) =>
    writeAudit(
      db,
      officialActor(official),
      {
        action: `export.roster_${query.kind}`,
        entityType: 'exam_room',
        entityId: room.id,
        after: { kind: query.kind, periodId: period.id, unitId: unit.id, rows: rows.length },
        countyId: room.county_id,
        ...request,
      },
      transaction,
    ),
  );
  const kindLabel = ROSTER_KIND_LABELS[query.kind];
  return {
    bytes,
    rows: rows.length,
    disposition: contentDisposition(
      `roster-${query.kind}-room${room.id}-unit${unit.id}.pdf`,
      `${kindLabel}-${room.county_name}-${room.venue_name}-第${room.room_no}考场-${unit.code}.pdf`,
    ),
  };
}
