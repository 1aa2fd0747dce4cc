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
 * 候补 (#17): the `waitlist_entries` table of 0001 gets what the queue needs. A candidate queues for one course
 * of a unit that is full in the chosen county (`active` = 1 while waiting: one per candidate and unit); the
 * first in line (by id: joins of one quota are serialised on its seat row) is given the next seat freed there,
 * as a held item with its own pay-by time (`booking_items.pay_by`).
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('waitlist_entries', 'ticket_id', ref('tickets', true));
  await qi.addColumn('waitlist_entries', 'joined_at', when());
  await qi.addColumn('waitlist_entries', 'offered_item_id', ref('booking_items', true));
  await qi.addColumn('waitlist_entries', 'offered_at', when());
  await qi.addColumn('waitlist_entries', 'ended_at', when());
  /** Why an entry ended without a seat (left, window closed, no longer placeable). */
  await qi.addColumn('waitlist_entries', 'end_reason', { type: STRING(80), allowNull: true });

  /** A seat given from the waitlist is held until this time, not until the end-of-day release. */
  await qi.addColumn('booking_items', 'pay_by', when());
  await qi.addIndex('booking_items', ['pay_by'], { name: 'booking_items_pay_by' });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('booking_items', 'booking_items_pay_by');
  await qi.removeColumn('booking_items', 'pay_by');
  for (const column of ['end_reason', 'ended_at', 'offered_at', 'offered_item_id', 'joined_at', 'ticket_id'])
    await qi.removeColumn('waitlist_entries', column);
}

export const waitlist: Migration = { name: '0014-waitlist', up, down };
