import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

/**
 * Audit entries learn the county they concern, so city and county officials see their districts'
 * history; the officials' TOTP secret column grows to hold the encrypted secret.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('audit_logs', 'county_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addIndex('audit_logs', ['county_id', 'created_at'], { name: 'audit_logs_county_created' });
  await qi.addIndex('audit_logs', ['actor_type', 'actor_id'], { name: 'audit_logs_actor' });
  // SQLite does not enforce VARCHAR lengths (and would rebuild the table to change one).
  if (qi.sequelize.getDialect() !== 'sqlite') {
    await qi.changeColumn('officials', 'totp_secret', { type: DataTypes.STRING(128), allowNull: true });
  }
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() !== 'sqlite') {
    // Encrypted secrets do not fit the old column: those officials sign in without TOTP after a rollback.
    await qi.sequelize.query('UPDATE officials SET totp_secret = NULL WHERE LENGTH(totp_secret) > 64');
    await qi.changeColumn('officials', 'totp_secret', { type: DataTypes.STRING(64), allowNull: true });
  }
  await qi.removeIndex('audit_logs', 'audit_logs_actor');
  await qi.removeIndex('audit_logs', 'audit_logs_county_created');
  // A plain DROP COLUMN on both dialects, so SQLite keeps the table's other indexes.
  await qi.sequelize.query('ALTER TABLE audit_logs DROP COLUMN county_id');
}

export const auditScopeTotp: Migration = { name: '0002-audit-scope-totp', up, down };
