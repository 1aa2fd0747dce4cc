import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE, JSON: JSONTYPE } = DataTypes;
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

/**
 * 业务办理 (#16): a candidate's applications under one ticket (信息变更, 转出, 转入, 免考, 成绩复核,
 * 毕业申请), every review decision, the proofs attached, and each kind's windows. New-candidate
 * registration keeps its own `applications` table: it has no candidate or ticket yet.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  /** When a kind may be applied for: per exam period, or standing (period_id NULL). Set by the province. */
  await qi.createTable('application_windows', {
    id,
    kind: { type: STRING(24), allowNull: false },
    period_id: ref('exam_periods', true),
    opens_at: when(false),
    closes_at: when(false),
    ...timestamps,
  });
  await qi.addIndex('application_windows', ['kind', 'closes_at'], { name: 'application_windows_kind' });

  await qi.createTable('candidate_applications', {
    id,
    kind: { type: STRING(24), allowNull: false },
    /** draft / submitted / in_review / approved / rejected / withdrawn */
    state: { type: STRING(16), allowNull: false },
    /** 1 while open (草稿, 已提交, 审核中), NULL otherwise: the unique key allows one open per kind and ticket. */
    active: { type: INTEGER, allowNull: true, defaultValue: 1 },
    candidate_id: ref('candidates'),
    ticket_id: ref('tickets'),
    /** The county whose office reviews: the candidate's county when the application was made. */
    county_id: ref('counties', true),
    /** The window's period when the kind opens per period. */
    period_id: ref('exam_periods', true),
    /** county / province: who decides next (or decided last). */
    review_level: { type: STRING(16), allowNull: false, defaultValue: 'county' },
    /** The kind's own fields (checked by its shared zod form on 提交). */
    form: { type: JSONTYPE, allowNull: false },
    /** What approval changed, frozen (ID numbers masked). */
    before: { type: JSONTYPE, allowNull: true },
    after: { type: JSONTYPE, allowNull: true },
    notice_accepted_at: when(false),
    submitted_at: when(),
    decided_at: when(),
    ...timestamps,
  });
  await qi.addIndex('candidate_applications', ['ticket_id', 'kind', 'active'], {
    name: 'candidate_applications_one_open',
    unique: true,
  });
  await qi.addIndex('candidate_applications', ['kind', 'state', 'county_id'], { name: 'candidate_applications_queue' });
  await qi.addIndex('candidate_applications', ['candidate_id'], { name: 'candidate_applications_candidate' });
  await qi.addIndex('candidate_applications', ['state', 'updated_at'], { name: 'candidate_applications_state_age' });

  /** Every decision, in order: a county's opinion before the province's is kept too. */
  await qi.createTable('application_decisions', {
    id,
    application_id: ref('candidate_applications'),
    level: { type: STRING(16), allowNull: false },
    official_id: ref('officials'),
    /** approved / rejected / forwarded */
    outcome: { type: STRING(16), allowNull: false },
    reason: { type: STRING(200), allowNull: true },
    decided_at: when(false),
  });
  await qi.addIndex('application_decisions', ['application_id'], { name: 'application_decisions_application' });

  /** Proofs on disk under DATA_DIR/uploads/applications/<stored_name>; the type read from the bytes. */
  await qi.createTable('application_attachments', {
    id,
    application_id: ref('candidate_applications'),
    /** id_document / household_register / certificate / transcript / application_form / other */
    proof: { type: STRING(24), allowNull: false },
    stored_name: { type: STRING(64), allowNull: false, unique: true },
    original_name: { type: STRING(255), allowNull: false },
    mime: { type: STRING(64), allowNull: false },
    size_bytes: { type: INTEGER, allowNull: false },
    created_at: when(false),
  });
  await qi.addIndex('application_attachments', ['application_id'], { name: 'application_attachments_application' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('application_attachments');
  await qi.dropTable('application_decisions');
  await qi.dropTable('candidate_applications');
  await qi.dropTable('application_windows');
}

export const candidateApplications: Migration = { name: '0010-candidate-applications', up, down };
