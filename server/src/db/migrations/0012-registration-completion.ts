import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, DATE } = DataTypes;
const when = (allowNull = true) => ({ type: DATE(3), allowNull });

/**
 * A complete 新生注册 (#16, seed 003): the province's registration windows with their review deadline,
 * the terms accepted before the form, ethnicity and education, an ID-card image besides the photo, the
 * photo's own verdict (待审核/合格/不合格) and how often it was rejected, and each county office's address
 * (where a candidate whose photo failed three times has it taken).
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  /** When new candidates may register (per exam period, or standing) and until when offices review them. */
  await qi.createTable('registration_windows', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    period_id: {
      type: INTEGER,
      allowNull: true,
      references: { model: 'exam_periods', key: 'id' },
      onDelete: 'RESTRICT',
      onUpdate: 'CASCADE',
    },
    opens_at: when(false),
    closes_at: when(false),
    review_closes_at: when(false),
    created_at: when(false),
    updated_at: when(false),
  });
  await qi.addIndex('registration_windows', ['closes_at'], { name: 'registration_windows_closes' });

  await qi.addColumn('applications', 'ethnicity', { type: STRING(16), allowNull: true });
  await qi.addColumn('applications', 'education', { type: STRING(16), allowNull: true });
  await qi.addColumn('applications', 'terms_accepted_at', when());
  /** Stored name under DATA_DIR/uploads/registrations (AttachmentStore), type read from the bytes. */
  await qi.addColumn('applications', 'id_card_image', { type: STRING(64), allowNull: true });
  /** Copied from the window the application was made in: unreviewed or rejected after it = withdrawn. */
  await qi.addColumn('applications', 'review_closes_at', when());
  /** pending / approved / rejected */
  await qi.addColumn('applications', 'photo_state', { type: STRING(16), allowNull: false, defaultValue: 'pending' });
  await qi.addColumn('applications', 'photo_reject_reason', { type: STRING(200), allowNull: true });
  await qi.addColumn('applications', 'photo_rejections', { type: INTEGER, allowNull: false, defaultValue: 0 });

  await qi.addColumn('counties', 'office_name', { type: STRING(64), allowNull: true });
  await qi.addColumn('counties', 'office_address', { type: STRING(128), allowNull: true });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('counties', 'office_address');
  await qi.removeColumn('counties', 'office_name');
  for (const column of [
    'photo_rejections',
    'photo_reject_reason',
    'photo_state',
    'review_closes_at',
    'id_card_image',
    'terms_accepted_at',
    'education',
    'ethnicity',
  ]) {
    await qi.removeColumn('applications', column);
  }
  await qi.dropTable('registration_windows');
}

export const registrationCompletion: Migration = { name: '0012-registration-completion', up, down };
