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
    candidate_id: ref('candidates', { primaryKey: true }),
    period_id: ref('exam_periods', { primaryKey: true }),
    version: { type: INTEGER, allowNull: false },
    reason: { type: STRING(200), allowNull: false },
    official_id: ref('officials'),
    reissued_at: { type: DATE(3), allowNull: false },
  });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('ticket_reissues');
}

export const ticketReissue: Migration = { name: '0009-ticket-reissue', up, down };
