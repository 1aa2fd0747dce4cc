import { MAX_ROOM_NO, MAX_ROOM_SEATS, VENUE_IMPORT_HEADERS } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import type { SheetRow } from '../../../lib/readSheet';

export interface ImportProblem {
  row: number;
  column?: string;
  message: string;
}

export interface VenueRowInput {
  row: number;
  countyId: number;
  countyCode: string;
  venueName: string;
  address: string;
  contact: string | null;
  roomNo: number;
  seats: number;
  note: string | null;
}

/** What rows are checked against: the counties there are (code → id) and which the official may change. */
export interface VenueRowContext {
  countyIds: ReadonlyMap<string, number>;
  inScope: (countyId: number) => boolean;
}

const REQUIRED = ['县区代码', '考点名称', '考点地址', '考场号', '座位数'];

/** Finds the columns by header name (any order); a header lacking a required one refuses the file. */
export function locateVenueColumns(header: SheetRow | undefined): Map<string, number> {
  const names = (header?.cells ?? []).map((c) => String(c).trim());
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new AppError('IMPORT_FILE_INVALID', {
      reason: `第1行须为表头“${VENUE_IMPORT_HEADERS.join(',')}”，缺少“${missing.join('”“')}”`,
    });
  }
  return new Map(VENUE_IMPORT_HEADERS.map((name) => [name, names.indexOf(name)]));
}

const isBlank = (row: SheetRow) => row.cells.every((c) => String(c).trim() === '');

const wholeNumber = (text: string, min: number, max: number) => {
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/**
 * One row per room: 县区代码, 考点名称, 考点地址, 联系人/电话, 考场号, 座位数, 备注. A county outside the
 * official's districts, a room twice in the file, or one venue with two addresses are row errors.
 */
export function checkVenueRows(rows: SheetRow[], columns: Map<string, number>, context: VenueRowContext) {
  const valid: VenueRowInput[] = [];
  const problems: ImportProblem[] = [];
  const rooms = new Map<string, number>();
  const venues = new Map<string, { row: number; address: string; contact: string | null }>();
  const data = rows.filter((r) => !isBlank(r));
  for (const sheetRow of data) {
    const found: ImportProblem[] = [];
    const problem = (column: string, message: string) => found.push({ row: sheetRow.row, column, message });
    const text = (name: string) => {
      const index = columns.get(name) ?? -1;
      return index < 0 ? '' : String(sheetRow.cells[index] ?? '').trim();
    };
    const countyCode = text('县区代码');
    const venueName = text('考点名称');
    const address = text('考点地址');
    const contact = text('联系人/电话') || null;
    const roomText = text('考场号');
    const seatsText = text('座位数');
    const note = text('备注') || null;

    const countyId = context.countyIds.get(countyCode);
    if (countyCode === '') problem('县区代码', '请填写县区代码');
    else if (countyId === undefined) problem('县区代码', `县区代码“${countyCode}”不存在`);
    else if (!context.inScope(countyId)) problem('县区代码', `县区代码“${countyCode}”不在本辖区，不能导入`);
    if (venueName === '') problem('考点名称', '请填写考点名称');
    else if (venueName.length > 64) problem('考点名称', '考点名称不能超过64个字');
    if (address === '') problem('考点地址', '请填写考点地址');
    else if (address.length > 128) problem('考点地址', '考点地址不能超过128个字');
    if (contact && contact.length > 64) problem('联系人/电话', '联系人/电话不能超过64个字');
    const roomNo = wholeNumber(roomText, 1, MAX_ROOM_NO);
    if (roomNo === null) problem('考场号', `考场号“${roomText}”不正确，须为1至${MAX_ROOM_NO}的整数`);
    const seats = wholeNumber(seatsText, 1, MAX_ROOM_SEATS);
    if (seats === null) problem('座位数', `座位数“${seatsText}”不正确，须为1至${MAX_ROOM_SEATS}的整数`);
    if (note && note.length > 64) problem('备注', '备注不能超过64个字');

    if (found.length === 0) {
      const venueKey = `${countyCode}/${venueName}`;
      const roomKey = `${venueKey}/${roomNo}`;
      const venue = venues.get(venueKey);
      if (rooms.has(roomKey)) {
        problem('考场号', `考点“${venueName}”的${roomNo}号考场与第${rooms.get(roomKey)}行重复`);
      } else if (venue && (venue.address !== address || venue.contact !== contact)) {
        problem('考点地址', `考点“${venueName}”的地址或联系人与第${venue.row}行不一致`);
      } else {
        rooms.set(roomKey, sheetRow.row);
        if (!venue) venues.set(venueKey, { row: sheetRow.row, address, contact });
      }
    }
    if (found.length > 0) problems.push(...found);
    else {
      valid.push({
        row: sheetRow.row,
        countyId: countyId!,
        countyCode,
        venueName,
        address,
        contact,
        roomNo: roomNo!,
        seats: seats!,
        note,
      });
    }
  }
  return { total: data.length, valid, problems };
}

/** The template's example rows under VENUE_IMPORT_HEADERS: one venue with two rooms. */
export const VENUE_TEMPLATE_EXAMPLES: Array<Array<string | number>> = [
  ['510107', '武侯区第一中学考点', '武侯区一环路南四段1号', '张老师 028-85550000', 1, 30, '教学楼1楼'],
  ['510107', '武侯区第一中学考点', '武侯区一环路南四段1号', '张老师 028-85550000', 2, 30, '教学楼2楼'],
];
