import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE, JSON: JSONTYPE } = DataTypes;
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});
const timestamps = { created_at: when(false), updated_at: when(false) };

/** Columns added to existing tables: [table, column, definition]. Plain ADD COLUMN on both dialects. */
const COLUMNS: Array<[string, string, string]> = [
  // Seed 002's 证件类型; the id_card_* columns hold the number of whichever type it is.
  ['candidates', 'document_type', "VARCHAR(24) NOT NULL DEFAULT 'resident_id'"],
  // The phone the old system had: first login must bind exactly this one (SMS to it).
  ['candidates', 'phone_on_file', 'VARCHAR(11) NULL'],
  ['candidates', 'ethnicity', 'VARCHAR(16) NULL'],
  ['candidates', 'education', 'VARCHAR(16) NULL'],
  // 合档: the record this one was merged into; a merged record is closed and can no longer log in.
  ['candidates', 'merged_into_id', 'INTEGER NULL'],
  // open / transition (停考过渡期) / closed, and the last day of the transition.
  ['majors', 'status', "VARCHAR(16) NOT NULL DEFAULT 'open'"],
  ['majors', 'transition_ends_on', 'DATE NULL'],
  // The plan's own credits and kind of the course (the course's credits are the default).
  ['major_courses', 'credits', 'INTEGER NULL'],
  ['major_courses', 'practical', 'BOOLEAN NOT NULL DEFAULT FALSE'],
  ['officials', 'created_by', 'INTEGER NULL'],
];

/**
 * Opening-day data (#13): enrolled candidates brought in from the old system with their passed courses,
 * majors with a status and course plans with credits, and import jobs an official can follow and re-run.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [table, column, definition] of COLUMNS) {
    await qi.sequelize.query(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  /** 已合格课程: one row per ticket and course, however it was passed (考试/免考/转入). */
  await qi.createTable('passed_courses', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    ticket_id: ref('tickets'),
    course_id: ref('courses'),
    /** The period it was passed in, as the old system names it ("201904"); periods before Kaowei have no row. */
    period_code: { type: STRING(16), allowNull: false },
    score: { type: INTEGER, allowNull: true },
    /** For practical courses: 合格, 优秀, 良好, 中等, 及格. */
    grade: { type: STRING(8), allowNull: true },
    /** exam / exempt / transfer. */
    passed_by: { type: STRING(16), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('passed_courses', ['ticket_id', 'course_id'], {
    name: 'passed_courses_ticket_course',
    unique: true,
  });
  await qi.addIndex('passed_courses', ['course_id'], { name: 'passed_courses_course' });
  /** An import an official started: the stored file, where it got to, and the rows it refused. */
  await qi.createTable('import_jobs', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    /** enrolled / majors / … */
    kind: { type: STRING(24), allowNull: false },
    official_id: ref('officials'),
    /** checking / checked / importing / done / failed */
    state: { type: STRING(16), allowNull: false },
    file_name: { type: STRING(255), allowNull: false },
    /** Where the uploaded file is kept under DATA_DIR while the job needs it. */
    file_path: { type: STRING(255), allowNull: false },
    file_sha256: { type: STRING(64), allowNull: false },
    total_rows: { type: INTEGER, allowNull: false, defaultValue: 0 },
    /** Rows handled so far: the job resumes after the last batch it committed. */
    done_rows: { type: INTEGER, allowNull: false, defaultValue: 0 },
    error_rows: { type: INTEGER, allowNull: false, defaultValue: 0 },
    /** The first refused rows with their reasons (row, field, code, message). */
    errors: { type: JSONTYPE, allowNull: true },
    /** Counts by outcome: created / updated / unchanged per sheet. */
    summary: { type: JSONTYPE, allowNull: true },
    /** Set while a worker holds the job; a stale lease lets another instance resume it. */
    leased_until: when(),
    finished_at: when(),
    ...timestamps,
  });
  await qi.addIndex('import_jobs', ['kind', 'state'], { name: 'import_jobs_kind_state' });
  await qi.addIndex('candidates', ['merged_into_id'], { name: 'candidates_merged_into' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('candidates', 'candidates_merged_into');
  await qi.dropTable('import_jobs');
  await qi.dropTable('passed_courses');
  for (const [table, column] of [...COLUMNS].reverse()) {
    await qi.sequelize.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
}

export const enrolledRecords: Migration = { name: '0005-enrolled-records', up, down };
