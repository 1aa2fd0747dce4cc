import type { InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import {
  createdStamp,
  flag,
  integer,
  json,
  optionalDateTime,
  optionalInteger,
  optionalText,
  pk,
  stamps,
  text,
} from '../../db/columns';
import type { CreationOptional, Row } from '../../db/modelTypes';

/** 考场: a numbered room of an exam venue (考点) with its seats. */
export interface ExamRoom extends Row<ExamRoom> {
  venueId: number;
  roomNo: number;
  seats: number;
  note: CreationOptional<string | null>;
}

/** A venue not used for one exam unit. */
export interface VenueClosure extends Model<InferAttributes<VenueClosure>, InferCreationAttributes<VenueClosure>> {
  venueId: number;
  unitId: number;
  createdAt: CreationOptional<Date>;
}

/** 考场编排: the seat of one paid booking item. */
export interface SeatAssignment extends Row<SeatAssignment> {
  bookingItemId: number;
  periodId: number;
  countyId: number;
  unitId: number;
  candidateId: number;
  courseId: number;
  venueId: number;
  roomId: number;
  seatNo: number;
}

export type AssignmentRunState = 'queued' | 'running' | 'done' | 'refused' | 'failed';

/** One run of the seat assignment job, for a county or the whole period. */
export interface AssignmentRun extends Row<AssignmentRun> {
  periodId: number;
  countyId: number | null;
  officialId: number | null;
  fullRerun: CreationOptional<boolean>;
  state: AssignmentRunState;
  totalGroups: CreationOptional<number>;
  doneGroups: CreationOptional<number>;
  assigned: CreationOptional<number>;
  shortages: CreationOptional<unknown>;
  leasedUntil: CreationOptional<Date | null>;
  finishedAt: CreationOptional<Date | null>;
}

export function defineAdmissionModels(sequelize: Sequelize) {
  const ExamRoom = sequelize.define<ExamRoom>(
    'ExamRoom',
    { id: pk(), ...stamps(), venueId: integer(), roomNo: integer(), seats: integer(), note: optionalText(64) },
    { tableName: 'exam_rooms' },
  );
  const VenueClosure = sequelize.define<VenueClosure>(
    'VenueClosure',
    { venueId: { ...integer(), primaryKey: true }, unitId: { ...integer(), primaryKey: true }, ...createdStamp() },
    { tableName: 'venue_closures', updatedAt: false },
  );
  const SeatAssignment = sequelize.define<SeatAssignment>(
    'SeatAssignment',
    {
      id: pk(),
      ...stamps(),
      bookingItemId: integer(),
      periodId: integer(),
      countyId: integer(),
      unitId: integer(),
      candidateId: integer(),
      courseId: integer(),
      venueId: integer(),
      roomId: integer(),
      seatNo: integer(),
    },
    { tableName: 'seat_assignments' },
  );
  const AssignmentRun = sequelize.define<AssignmentRun>(
    'AssignmentRun',
    {
      id: pk(),
      ...stamps(),
      periodId: integer(),
      countyId: optionalInteger(),
      officialId: optionalInteger(),
      fullRerun: { ...flag(), defaultValue: false },
      state: text(16),
      totalGroups: { ...integer(), defaultValue: 0 },
      doneGroups: { ...integer(), defaultValue: 0 },
      assigned: { ...integer(), defaultValue: 0 },
      shortages: json(),
      leasedUntil: optionalDateTime(),
      finishedAt: optionalDateTime(),
    },
    { tableName: 'assignment_runs' },
  );
  return { ExamRoom, VenueClosure, SeatAssignment, AssignmentRun };
}
