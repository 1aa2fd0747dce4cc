import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const when = { type: DataTypes.DATE(3), allowNull: true };

/**
 * Every out_trade_no an order had before it was renumbered (a change of payment channel), so a payment that still
 * lands on an old number is found, recorded and, if the order was paid another way, refunded; refunds learn which
 * number's money they return.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('retired_trade_numbers', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    payment_order_id: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'payment_orders', key: 'id' },
      onDelete: 'RESTRICT',
      onUpdate: 'CASCADE',
    },
    out_trade_no: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    /** Set when money was received on this number. */
    transaction_id: { type: DataTypes.STRING(32), allowNull: true, unique: true },
    paid_fen: { type: DataTypes.INTEGER, allowNull: true },
    paid_at: when,
    /** When WeChat Pay confirmed the number can no longer be paid; the settlement job queries it until then. */
    closed_at: when,
    /** When the number was retired. */
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('retired_trade_numbers', ['payment_order_id'], { name: 'retired_trade_numbers_order' });
  await qi.addIndex('retired_trade_numbers', ['closed_at', 'created_at'], { name: 'retired_trade_numbers_open' });
  // NULL: the refund returns the order's own payment; otherwise the money received on that retired number.
  await qi.addColumn('refunds', 'out_trade_no', { type: DataTypes.STRING(32), allowNull: true });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // A plain DROP COLUMN on both dialects, so SQLite keeps the table's other indexes.
  await qi.sequelize.query('ALTER TABLE refunds DROP COLUMN out_trade_no');
  await qi.dropTable('retired_trade_numbers');
}

export const retiredTradeNumbers: Migration = { name: '0004-retired-trade-numbers', up, down };
