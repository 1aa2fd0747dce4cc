import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, TEXT, DATE } = DataTypes;
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});

/**
 * 通知公告 and 联系我们 (#17): announcements an office publishes to its province, city or county (visible
 * from their publish time until withdrawn), and each county office's contacts as candidates see them.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('announcements', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    /** province / city / county: whom it is for. */
    scope: { type: STRING(16), allowNull: false },
    /** The city of a city announcement; NULL otherwise. */
    city_id: ref('cities', true),
    /** The county of a county announcement; NULL otherwise. */
    county_id: ref('counties', true),
    title: { type: STRING(100), allowNull: false },
    /** Plain text; blank lines separate paragraphs. */
    body: { type: TEXT, allowNull: false },
    publish_at: when(false),
    author_official_id: ref('officials'),
    withdrawn_at: when(),
    withdrawn_by: ref('officials', true),
    created_at: when(false),
    updated_at: when(false),
  });
  await qi.addIndex('announcements', ['scope', 'publish_at'], { name: 'announcements_scope_publish' });
  await qi.addIndex('announcements', ['county_id', 'publish_at'], { name: 'announcements_county_publish' });
  await qi.addIndex('announcements', ['city_id', 'publish_at'], { name: 'announcements_city_publish' });

  await qi.createTable('county_contacts', {
    county_id: { ...ref('counties'), primaryKey: true },
    office_name: { type: STRING(64), allowNull: false },
    address: { type: STRING(128), allowNull: false },
    hotline: { type: STRING(64), allowNull: false },
    hours: { type: STRING(64), allowNull: false },
    updated_by: ref('officials'),
    updated_at: when(false),
  });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('county_contacts');
  await qi.dropTable('announcements');
}

export const announcements: Migration = { name: '0015-announcements', up, down };
