import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE } = DataTypes;
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});

/**
 * 考办群发通知 (#17): one row per notice an office sent (its filters, text, reason and how many it
 * reached). Its messages are outbox_messages rows with the dedupe key `notice:<id>:<candidate id>`.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('notices', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    official_id: ref('officials'),
    /** The sending office (the official's role and districts then): its officials see the notice. */
    office_role: { type: STRING(16), allowNull: false },
    office_city_id: ref('cities', true),
    office_county_id: ref('counties', true),
    period_id: ref('exam_periods'),
    county_id: ref('counties', true),
    unit_id: ref('exam_units', true),
    course_id: ref('courses', true),
    title: { type: STRING(20), allowNull: false },
    body: { type: STRING(200), allowNull: false },
    reason: { type: STRING(200), allowNull: false },
    recipients: { type: INTEGER, allowNull: false },
    /** When the last message may go, at the configured rate. */
    sends_until: when(false),
    created_at: when(false),
  });
  await qi.addIndex('notices', ['office_county_id'], { name: 'notices_office_county' });
  await qi.addIndex('notices', ['office_city_id'], { name: 'notices_office_city' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('notices');
}

export const bulkNotices: Migration = { name: '0016-bulk-notices', up, down };
