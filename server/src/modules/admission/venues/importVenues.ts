import type { VenueImportAnswer } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { isDuplicateKey } from '../../../db/sql';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import { changes } from '../../../kernel/changes';
import { scopedCountyIds } from '../../../kernel/scope';
import type { SheetRow } from '../../../lib/readSheet';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { lockCountyVenues } from './venueRepository';
import { roomFields, venueFields } from './venueScope';
import { checkVenueRows, locateVenueColumns, type ImportProblem, type VenueRowInput } from './venueRows';

export interface VenueImportOptions {
  dryRun: boolean;
  fileName: string;
  request: RequestInfo;
}

type Counts = Omit<VenueImportAnswer, 'dryRun' | 'total' | 'valid' | 'errors'>;

/** Per county, what the import changed: the audit entry's before and after. */
interface CountyChanges {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Venues and rooms from a spreadsheet, one row per room. Every row is checked and the bad ones reported with
 * their row numbers; a dry run says what would be created or updated; otherwise the valid rows are written in
 * one transaction, upserting venues by county and name and rooms by number (importing the same file again
 * changes nothing), with one audit entry per county holding each changed venue's and room's before and after.
 */
export async function importVenueSheet(
  db: Db,
  official: Official,
  rows: SheetRow[],
  options: VenueImportOptions,
): Promise<VenueImportAnswer> {
  const columns = locateVenueColumns(rows[0]);
  const scope = await scopedCountyIds(db, official);
  const counties = await db.models.County.findAll({ attributes: ['id', 'code'] });
  const checked = checkVenueRows(rows.slice(1), columns, {
    countyIds: new Map(counties.map((c) => [c.code, c.id])),
    inScope: (countyId) => scope === null || scope.includes(countyId),
  });
  const run = async (transaction?: Transaction) => {
    const { counts, problems } = await applyRows(db, checked.valid, transaction);
    if (transaction) {
      for (const [countyId, diff] of problems.changes) {
        await auditVenueChange(
          db,
          official,
          {
            action: 'venue.import',
            entityType: 'exam_venue',
            entityId: null,
            countyId,
            before: diff.before,
            after: { file: options.fileName, ...diff.after },
          },
          options.request,
          transaction,
        );
      }
    }
    const errors = [...checked.problems, ...problems.rows].sort((a, b) => a.row - b.row);
    const valid = checked.valid.length - new Set(problems.rows.map((p) => p.row)).size;
    return { dryRun: options.dryRun, total: checked.total, valid, ...counts, errors };
  };
  if (options.dryRun) return run();
  try {
    return await db.sequelize.transaction(run);
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

/** Reads (dry run) or writes (with a transaction) the checked rows against what the database holds. */
async function applyRows(db: Db, rows: VenueRowInput[], transaction: Transaction | undefined) {
  const counts: Counts = { venuesCreated: 0, venuesUpdated: 0, roomsCreated: 0, roomsUpdated: 0, unchanged: 0 };
  const rowProblems: ImportProblem[] = [];
  const byCounty = new Map<number, CountyChanges>();
  const changesOf = (countyId: number) => {
    const existing = byCounty.get(countyId) ?? { before: {}, after: {} };
    byCounty.set(countyId, existing);
    return existing;
  };
  const countyIds = [...new Set(rows.map((r) => r.countyId))].sort((a, b) => a - b);
  // One county's venue writes at a time (the screen takes the same lock), in id order against deadlocks.
  if (transaction) for (const id of countyIds) await lockCountyVenues(db, id, transaction);
  const venues = await db.models.ExamVenue.findAll({ where: { countyId: countyIds }, transaction });
  const venueOf = new Map(venues.map((v) => [`${v.countyId}/${v.name}`, v]));
  const rooms = await db.models.ExamRoom.findAll({ where: { venueId: venues.map((v) => v.id) }, transaction });
  const roomOf = new Map(rooms.map((r) => [`${r.venueId}/${r.roomNo}`, r]));
  const highest = await highestSeats(
    db,
    rooms.map((r) => r.id),
    transaction,
  );
  const touchedVenues = new Set<string>();

  for (const row of rows) {
    const key = `${row.countyId}/${row.venueName}`;
    const label = row.venueName;
    let venue = venueOf.get(key);
    const fields = venueFields({ name: row.venueName, address: row.address, contact: row.contact });
    const room = venue ? roomOf.get(`${venue.id}/${row.roomNo}`) : undefined;
    const wanted = roomFields({ roomNo: row.roomNo, seats: row.seats, note: row.note });
    const top = room ? (highest.get(room.id) ?? 0) : 0;
    if (room && row.seats < top) {
      rowProblems.push({
        row: row.row,
        column: '座位数',
        message: `${row.roomNo}号考场已编排到第${top}号座位，座位数不能少于${top}`,
      });
      continue;
    }
    if (!touchedVenues.has(key)) {
      touchedVenues.add(key);
      const diff = changesIn(venue ? venueFields(venue) : null, fields);
      if (!venue) {
        counts.venuesCreated += 1;
        changesOf(row.countyId).after[label] = fields;
        if (transaction) {
          venue = await db.models.ExamVenue.create({ countyId: row.countyId, ...fields }, { transaction });
          venueOf.set(key, venue);
        }
      } else if (diff) {
        counts.venuesUpdated += 1;
        changesOf(row.countyId).before[label] = diff.before;
        changesOf(row.countyId).after[label] = diff.after;
        if (transaction) await venue.update(fields, { transaction });
      }
    }
    const roomLabel = `${label}/${row.roomNo}号考场`;
    const diff = changesIn(room ? roomFields(room) : null, wanted);
    if (!room) {
      counts.roomsCreated += 1;
      changesOf(row.countyId).after[roomLabel] = wanted;
      if (transaction) await db.models.ExamRoom.create({ venueId: venue!.id, ...wanted }, { transaction });
    } else if (diff) {
      counts.roomsUpdated += 1;
      changesOf(row.countyId).before[roomLabel] = diff.before;
      changesOf(row.countyId).after[roomLabel] = diff.after;
      if (transaction) await room.update(wanted, { transaction });
    } else counts.unchanged += 1;
  }
  return { counts, problems: { rows: rowProblems, changes: byCounty } };
}

/** The fields that differ, or null when none does (a new row: everything). */
function changesIn<T extends Record<string, unknown>>(was: T | null, now: T) {
  if (!was) return { before: null, after: now };
  const diff = changes(was, now);
  return Object.keys(diff.after).length > 0 ? diff : null;
}

async function highestSeats(db: Db, roomIds: number[], transaction: Transaction | undefined) {
  if (roomIds.length === 0) return new Map<number, number>();
  const rows = await db.models.SeatAssignment.findAll({
    attributes: ['roomId', [db.sequelize.fn('MAX', db.sequelize.col('seat_no')), 'top']],
    where: { roomId: roomIds },
    group: ['roomId'],
    raw: true,
    transaction,
  });
  return new Map((rows as unknown as Array<{ roomId: number; top: number }>).map((r) => [r.roomId, Number(r.top)]));
}
