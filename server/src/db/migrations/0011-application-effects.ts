import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE } = DataTypes;
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});

/**
 * The effects of 成绩复核 and 毕业申请 (#16): how many working days after a period's scores are published
 * a 成绩复核 may be filed (set with the publish time), and the certificates an approved 毕业申请 queues
 * for the office that issues them. The queue names the ticket (not the candidate): 合档 moves tickets,
 * and the request follows its ticket.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('exam_periods', 'score_review_days', { type: INTEGER, allowNull: false, defaultValue: 3 });
  await qi.createTable('certificate_requests', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    ticket_id: ref('tickets'),
    major_id: ref('majors'),
    /** The approved 毕业申请. */
    application_id: ref('candidate_applications'),
    /** pending (待制证) / issued (已制证: a certificate of the ticket was imported) */
    state: { type: STRING(16), allowNull: false, defaultValue: 'pending' },
    certificate_id: ref('certificates', true),
    created_at: { type: DATE(3), allowNull: false },
    updated_at: { type: DATE(3), allowNull: false },
  });
  // One request per ticket: a ticket graduates once.
  await qi.addIndex('certificate_requests', ['ticket_id'], { name: 'certificate_requests_ticket', unique: true });
  await qi.addIndex('certificate_requests', ['state'], { name: 'certificate_requests_state' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('certificate_requests');
  await qi.removeColumn('exam_periods', 'score_review_days');
}

export const applicationEffects: Migration = { name: '0011-application-effects', up, down };
