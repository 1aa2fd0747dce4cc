import { DataTypes, Op, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE, DATEONLY, BOOLEAN } = DataTypes;
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});
const timestamps = { created_at: when(false), updated_at: when(false) };

/** Columns added to existing tables: [table, column, definition]. */
const COLUMNS: Array<[string, string, string]> = [
  // Scores of the period are invisible to candidates before this moment (null: not yet scheduled).
  ['exam_periods', 'scores_publish_at', 'DATETIME(3) NULL'],
  // The pass mark of a scored course (seed 002: 60 of 100).
  ['courses', 'pass_score', 'INTEGER NOT NULL DEFAULT 60'],
  // The Kaowei period whose score passed the course: hidden from candidates until that period publishes.
  ['passed_courses', 'period_id', 'INTEGER NULL'],
  // Scores and certificates imports belong to a period (scores) or to none.
  ['import_jobs', 'period_id', 'INTEGER NULL'],
];

/**
 * Scores and records (#15): one score row per ticket, period and course (a number, a grade for
 * practical courses, or a mark such as 缺考), the period's publish time, and certificates (证书).
 * The old `scores` table from 0001 was never written: it is replaced by the shape the import needs.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [table, column, definition] of COLUMNS) {
    await qi.sequelize.query(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  await qi.dropTable('scores');
  await qi.createTable('scores', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    candidate_id: ref('candidates'),
    ticket_id: ref('tickets'),
    period_id: ref('exam_periods'),
    course_id: ref('courses'),
    /** 0–100 for scored courses; null for a grade or a mark. */
    score: { type: INTEGER, allowNull: true },
    /** Practical courses: 合格/不合格 or 优秀/良好/中等/及格/不及格. */
    grade: { type: STRING(8), allowNull: true },
    /** absent (缺考) / misconduct (违纪) / void (作废); the row then has neither score nor grade. */
    mark: { type: STRING(16), allowNull: true },
    passed: { type: BOOLEAN, allowNull: false, defaultValue: false },
    /** The import that last wrote the row (null: corrected by hand). */
    import_job_id: ref('import_jobs', true),
    ...timestamps,
  });
  await qi.addConstraint('scores', {
    type: 'check',
    name: 'scores_score_in_range',
    fields: [],
    where: { [Op.or]: [{ score: null }, { score: { [Op.between]: [0, 100] } }] },
  });
  await qi.addIndex('scores', ['ticket_id', 'period_id', 'course_id'], {
    name: 'scores_ticket_period_course',
    unique: true,
  });
  await qi.addIndex('scores', ['period_id', 'course_id'], { name: 'scores_period_course' });
  await qi.addIndex('scores', ['candidate_id', 'period_id'], { name: 'scores_candidate_period' });
  /** 毕业证书: imported by the province, looked up publicly by number and name. */
  await qi.createTable('certificates', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    certificate_no: { type: STRING(32), allowNull: false },
    candidate_id: ref('candidates'),
    ticket_id: ref('tickets'),
    major_id: ref('majors'),
    issued_on: { type: DATEONLY, allowNull: false },
    import_job_id: ref('import_jobs', true),
    ...timestamps,
  });
  await qi.addIndex('certificates', ['certificate_no'], { name: 'certificates_number', unique: true });
  await qi.addIndex('certificates', ['candidate_id'], { name: 'certificates_candidate' });
  await qi.addIndex('passed_courses', ['period_id'], { name: 'passed_courses_period' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('passed_courses', 'passed_courses_period');
  await qi.dropTable('certificates');
  await qi.dropTable('scores');
  await qi.createTable('scores', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    candidate_id: ref('candidates'),
    ticket_id: ref('tickets'),
    period_id: ref('exam_periods'),
    course_id: ref('courses'),
    score: { type: INTEGER, allowNull: true },
    passed: { type: BOOLEAN, allowNull: false, defaultValue: false },
    status: { type: STRING(16), allowNull: false, defaultValue: 'normal' },
    ...timestamps,
  });
  await qi.addIndex('scores', ['ticket_id', 'period_id', 'course_id'], {
    name: 'scores_ticket_period_course',
    unique: true,
  });
  for (const [table, column] of [...COLUMNS].reverse()) {
    await qi.sequelize.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
}

export const scoresAndRecords: Migration = { name: '0008-scores', up, down };
