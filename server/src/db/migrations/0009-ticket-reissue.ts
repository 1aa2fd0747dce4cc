import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE } = DataTypes;
const ref = (table: string, extra: object = {}) => ({
  type: INTEGER,
  allowNull: false,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
  ...extra,
});

/**
 * 补发准考证 (#14): the latest reissue of a candidate's ticket of a period. The ticket's QR token carries
 * the version it was printed with; a token of an older version no longer verifies at the door. Absent
 * row = version 0 (never reissued). Each reissue's reason and official are also in the audit log.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('ticket_reissues', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    candidate_id: ref('candidates'),
    period_id: ref('exam_periods'),
    version: { type: INTEGER, allowNull: false },
    reason: { type: STRING(200), allowNull: false },
    official_id: ref('officials'),
    reissued_at: { type: DATE(3), allowNull: false },
  });
  // One row per candidate and period; an id like every candidate_id table's, so 合档 can list what it moves.
  await qi.addIndex('ticket_reissues', ['candidate_id', 'period_id'], {
    name: 'ticket_reissues_candidate_period',
    unique: true,
  });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('ticket_reissues');
}

export const ticketReissue: Migration = { name: '0009-ticket-reissue', up, down };
