import { z } from 'zod';

/** 考场编排 (#14): one run of the seat assignment job, as officials see it. */
export type AssignmentRunState = 'queued' | 'running' | 'done' | 'refused' | 'failed';

export const ASSIGNMENT_RUN_STATE_LABELS: Record<AssignmentRunState, string> = {
  queued: '排队中',
  running: '编排中',
  done: '已完成',
  refused: '部分县区座位不足',
  failed: '失败',
};

/** A county × unit the run refused because it lacks seats: nothing was written for it. */
export interface AssignmentShortage {
  countyId: number;
  countyName: string;
  unitId: number;
  unitLabel: string;
  missing: number;
  /** "武侯区 4月10日（周六）上午 9:00–11:30 缺 37 个座位" */
  message: string;
}

export interface AssignmentRunView {
  id: number;
  periodId: number;
  countyId: number | null;
  /** County name, or "全部县区". */
  scope: string;
  /** null: the scheduled run after the payment window closed. */
  officialId: number | null;
  fullRerun: boolean;
  state: AssignmentRunState;
  stateLabel: string;
  totalGroups: number;
  doneGroups: number;
  assigned: number;
  shortages: AssignmentShortage[];
  createdAt: string;
  finishedAt: string | null;
}

export const startAssignmentBody = z.object({
  periodId: z.number({ error: '请选择考次' }).int().positive(),
  /** Omitted or null: every county of the period (province only). */
  countyId: z.number().int().positive().nullable().optional(),
  fullRerun: z.boolean().optional(),
});
export type StartAssignmentBody = z.infer<typeof startAssignmentBody>;

/** One county × unit: its rooms, how full they are, and the paid items still without a seat. */
export interface AssignmentFillRow {
  countyId: number;
  countyName: string;
  unitId: number;
  unitLabel: string;
  rooms: number;
  seats: number;
  assigned: number;
  unassigned: number;
}

export interface AssignmentRoomView {
  roomId: number;
  venueId: number;
  venueName: string;
  roomNo: number;
  seats: number;
  assigned: number;
}

export interface AssignmentSeatView {
  seatNo: number;
  /** null: a free seat. */
  assignmentId: number | null;
  candidateName: string | null;
  ticketNo: string | null;
  courseCode: string | null;
  courseName: string | null;
}

export interface AssignmentRoomSeats {
  room: AssignmentRoomView;
  unitId: number;
  seats: AssignmentSeatView[];
}

export const assignmentGroupQuery = z.object({
  periodId: z.coerce.number().int().positive(),
  countyId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
});

export const moveSeatBody = z.object({
  roomId: z.number({ error: '请选择考场' }).int().positive(),
  seatNo: z.number({ error: '请填写座位号' }).int().positive('座位号须为正整数'),
  reason: z.string({ error: '请填写调整原因' }).trim().min(2, '请填写调整原因').max(200, '原因不能超过200个字'),
});
export type MoveSeatBody = z.infer<typeof moveSeatBody>;

/** A room's rosters (#14): 座次表 to hang on the door, 签到表 with a signature column. */
export const ROSTER_KINDS = ['seats', 'signin'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export const ROSTER_KIND_LABELS: Record<RosterKind, string> = { seats: '座次表', signin: '签到表' };

export const roomRosterQuery = z.object({
  periodId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
  kind: z.enum(ROSTER_KINDS, { error: '请选择座次表或签到表' }),
});
export type RoomRosterQuery = z.infer<typeof roomRosterQuery>;
