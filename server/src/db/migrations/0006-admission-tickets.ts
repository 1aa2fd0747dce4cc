import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE, BOOLEAN, JSON: JSONTYPE } = DataTypes;
const id = { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});
const timestamps = { created_at: when(false), updated_at: when(false) };

/** The unused first shape of seat_assignments, for `down`. */
async function createOldSeatAssignments(qi: QueryInterface): Promise<void> {
  await qi.createTable('seat_assignments', {
    id,
    booking_item_id: { ...ref('booking_items'), unique: true },
    venue_id: ref('exam_venues'),
    room_no: { type: INTEGER, allowNull: false },
    seat_no: { type: INTEGER, allowNull: false },
    ...timestamps,
  });
}

/**
 * Admission tickets (#14): venues get a contact and real rooms (考场) instead of a room count, a venue can
 * be closed for a unit, periods carry their 考场规则 / 应试须知, and seat assignments name the room, the
 * unit and the candidate so the database itself refuses two candidates in one seat or one candidate in two
 * seats of a unit. Assignment runs record what the job did and hold its lease.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const q = (sql: string) => qi.sequelize.query(sql);
  await q('ALTER TABLE exam_venues ADD COLUMN contact VARCHAR(64) NULL');
  await q('ALTER TABLE exam_venues DROP COLUMN rooms');
  await q('ALTER TABLE exam_venues DROP COLUMN seats_per_room');
  await q('ALTER TABLE exam_periods ADD COLUMN exam_rules TEXT NULL');

  /** 考场: a numbered room of a venue with its seats. */
  await qi.createTable('exam_rooms', {
    id,
    venue_id: ref('exam_venues'),
    room_no: { type: INTEGER, allowNull: false },
    seats: { type: INTEGER, allowNull: false },
    /** Floor, building, notes for the candidates. */
    note: { type: STRING(64), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('exam_rooms', ['venue_id', 'room_no'], { name: 'exam_rooms_venue_room', unique: true });

  /** A venue not used for one unit (a school holding its own exams that half day). */
  await qi.createTable('venue_closures', {
    venue_id: { ...ref('exam_venues'), primaryKey: true },
    unit_id: { ...ref('exam_units'), primaryKey: true },
    created_at: when(false),
  });

  await qi.dropTable('seat_assignments');
  await qi.createTable('seat_assignments', {
    id,
    booking_item_id: { ...ref('booking_items'), unique: true },
    period_id: ref('exam_periods'),
    county_id: ref('counties'),
    unit_id: ref('exam_units'),
    candidate_id: ref('candidates'),
    course_id: ref('courses'),
    venue_id: ref('exam_venues'),
    room_id: ref('exam_rooms'),
    seat_no: { type: INTEGER, allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('seat_assignments', ['room_id', 'unit_id', 'seat_no'], {
    name: 'seat_assignments_one_per_seat',
    unique: true,
  });
  await qi.addIndex('seat_assignments', ['candidate_id', 'unit_id'], {
    name: 'seat_assignments_one_per_unit',
    unique: true,
  });
  await qi.addIndex('seat_assignments', ['period_id', 'county_id', 'unit_id'], {
    name: 'seat_assignments_group',
  });

  /** One run of 考场编排: its scope, mode, progress, the shortages it refused with, and its lease. */
  await qi.createTable('assignment_runs', {
    id,
    period_id: ref('exam_periods'),
    /** NULL: every county of the period. */
    county_id: ref('counties', true),
    /** NULL: the scheduled run after the payment window closed. */
    official_id: ref('officials', true),
    /** Keep existing assignments and place the rest, or start over (only before the print window opens). */
    full_rerun: { type: BOOLEAN, allowNull: false, defaultValue: false },
    /** queued / running / done / refused / failed */
    state: { type: STRING(16), allowNull: false },
    total_groups: { type: INTEGER, allowNull: false, defaultValue: 0 },
    done_groups: { type: INTEGER, allowNull: false, defaultValue: 0 },
    assigned: { type: INTEGER, allowNull: false, defaultValue: 0 },
    /** Counties and units lacking seats: [{countyId, unitId, missing}]. */
    shortages: { type: JSONTYPE, allowNull: true },
    leased_until: when(),
    finished_at: when(),
    ...timestamps,
  });
  await qi.addIndex('assignment_runs', ['period_id', 'state'], { name: 'assignment_runs_period_state' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  const q = (sql: string) => qi.sequelize.query(sql);
  await qi.dropTable('assignment_runs');
  await qi.dropTable('seat_assignments');
  await createOldSeatAssignments(qi);
  await qi.dropTable('venue_closures');
  await qi.dropTable('exam_rooms');
  await q('ALTER TABLE exam_periods DROP COLUMN exam_rules');
  await q('ALTER TABLE exam_venues ADD COLUMN seats_per_room INTEGER NOT NULL DEFAULT 30');
  await q('ALTER TABLE exam_venues ADD COLUMN rooms INTEGER NOT NULL DEFAULT 0');
  await q('ALTER TABLE exam_venues DROP COLUMN contact');
}

export const admissionTickets: Migration = { name: '0006-admission-tickets', up, down };
