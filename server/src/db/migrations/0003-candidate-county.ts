import type { QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

/**
 * Candidates learn their county of registration, so the county office finds a candidate who never
 * booked (the one at the counter who forgot the password). Approved registrations fill it from the
 * application's county; migrated candidates get theirs when they are imported (the demo seed sets it).
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const sqlite = qi.sequelize.getDialect() === 'sqlite';
  await qi.sequelize.query(
    sqlite
      ? 'ALTER TABLE candidates ADD COLUMN county_id INTEGER NULL REFERENCES counties (id) ON DELETE RESTRICT ON UPDATE CASCADE'
      : `ALTER TABLE candidates ADD COLUMN county_id INTEGER NULL,
           ADD CONSTRAINT candidates_county_fk FOREIGN KEY (county_id) REFERENCES counties (id)
             ON DELETE RESTRICT ON UPDATE CASCADE`,
  );
  await qi.addIndex('candidates', ['county_id'], { name: 'candidates_county' });
  await qi.sequelize.query(
    `UPDATE candidates SET county_id = (
       SELECT a.county_id FROM applications a
        WHERE a.candidate_id = candidates.id AND a.type = 'registration' AND a.state = 'approved'
        ORDER BY a.id DESC LIMIT 1)
      WHERE county_id IS NULL`,
  );
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() !== 'sqlite') {
    await qi.sequelize.query('ALTER TABLE candidates DROP FOREIGN KEY candidates_county_fk');
  }
  await qi.removeIndex('candidates', 'candidates_county');
  await qi.sequelize.query('ALTER TABLE candidates DROP COLUMN county_id');
}

export const candidateCounty: Migration = { name: '0003-candidate-county', up, down };
