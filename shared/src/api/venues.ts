import { z } from 'zod';

/** 考点考场: exam venues (考点) of a county and their numbered rooms (考场), as offices keep them. */

const trimmed = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过${max}个字`);

const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what}不能超过${max}个字`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** A venue as a county office creates or edits it; `countyId` names the county (its own for a county office). */
export const venueInputBody = z.object({
  countyId: z.number({ error: '请选择县区' }).int().positive(),
  name: trimmed('考点名称', 64),
  address: trimmed('考点地址', 128),
  contact: optionalText('联系人/电话', 64),
});
export const venueUpdateBody = venueInputBody.omit({ countyId: true });
export type VenueInput = z.output<typeof venueInputBody>;
export type VenueUpdate = z.output<typeof venueUpdateBody>;

export const MAX_ROOM_NO = 9999;
export const MAX_ROOM_SEATS = 200;

/** A room (考场): its number in the venue, its seats, and a note (floor, building) for candidates. */
export const roomInputBody = z.object({
  roomNo: z
    .number({ error: '请填写考场号' })
    .int('考场号须为整数')
    .min(1, `考场号须为1至${MAX_ROOM_NO}`)
    .max(MAX_ROOM_NO, `考场号须为1至${MAX_ROOM_NO}`),
  seats: z
    .number({ error: '请填写座位数' })
    .int('座位数须为整数')
    .min(1, `座位数须为1至${MAX_ROOM_SEATS}`)
    .max(MAX_ROOM_SEATS, `座位数须为1至${MAX_ROOM_SEATS}`),
  note: optionalText('备注', 64),
});
export type RoomInput = z.output<typeof roomInputBody>;

/** Closing (or reopening) a venue for one exam unit. */
export const venueClosureBody = z.object({ unitId: z.number({ error: '请选择考试单元' }).int().positive() });

/** `countyId` narrows to one county of the official's districts; `periodId` picks the period for seats vs quotas. */
export const venueListQuery = z.object({
  countyId: z.coerce.number().int().positive().optional(),
  periodId: z.coerce.number().int().positive().optional(),
});

/** `dryRun=1` (the default) only checks the file. */
export const venueImportQuery = z.object({
  dryRun: z.enum(['0', '1'], { error: 'dryRun须为0或1' }).default('1'),
});

/** The header row of the venue import, one row per room. */
export const VENUE_IMPORT_HEADERS = [
  '县区代码',
  '考点名称',
  '考点地址',
  '联系人/电话',
  '考场号',
  '座位数',
  '备注',
] as const;

export interface RoomView {
  id: number;
  roomNo: number;
  seats: number;
  note: string | null;
  /** Seats assigned in this room, over all units (a room with any cannot be deleted). */
  assigned: number;
}

export interface VenueClosureView {
  unitId: number;
  unitCode: string;
  examDate: string;
  halfDay: string;
}

export interface VenueView {
  id: number;
  countyId: number;
  countyCode: string;
  countyName: string;
  name: string;
  address: string;
  contact: string | null;
  rooms: RoomView[];
  totalSeats: number;
  /** Units of the chosen period this venue is not used for. */
  closures: VenueClosureView[];
}

/** 座位数 vs 考位数: a county's seats against the largest seat quota of the period's units. */
export interface CountySeatsView {
  countyId: number;
  countyCode: string;
  countyName: string;
  venues: number;
  rooms: number;
  seats: number;
  /** The largest quota capacity over the period's units (null: no period, or no quota). */
  largestQuota: number | null;
  /** seats − largestQuota; negative: rooms lack seats for the fullest unit. */
  surplus: number | null;
}

export interface VenueListAnswer {
  periodId: number | null;
  /** The venues of one county: the county office's own, or the `countyId` asked for (else none). */
  venues: VenueView[];
  counties: CountySeatsView[];
}

/** A dry run or an import of venues and rooms. */
export interface VenueImportAnswer {
  dryRun: boolean;
  total: number;
  valid: number;
  venuesCreated: number;
  venuesUpdated: number;
  roomsCreated: number;
  roomsUpdated: number;
  unchanged: number;
  errors: Array<{ row: number; column?: string; message: string }>;
}
