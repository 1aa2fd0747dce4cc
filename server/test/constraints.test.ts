import { UniqueConstraintError } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/models';
import { openTestDb } from './support/testApp';
import { insertCandidateWithTicket, insertCatalog, type CatalogFixture } from './support/fixtures';

/** A unique-key violation reported by the database for the named key. */
const violates = (key: string) => (error: unknown) =>
  error instanceof UniqueConstraintError && String((error.original as Error).message).includes(key);

/** The database itself, not only the code, refuses data that would break the rules. */
describe('database constraints', () => {
  let db: Db;
  let catalog: CatalogFixture;

  beforeAll(async () => {
    db = openTestDb();
    catalog = await insertCatalog(db, { capacity: 2 });
  });
  afterAll(() => db.sequelize.close());

  it('refuses a quota whose taken exceeds its capacity', async () => {
    const { SeatQuota } = db.models;
    const quota = await SeatQuota.findByPk(catalog.quotaId, { rejectOnEmpty: true });
    await quota.update({ taken: 2 });
    await expect(quota.update({ taken: 3 })).rejects.toThrow(/seat_quotas_taken_within_capacity|CONSTRAINT/i);
    await expect(
      db.sequelize.query('UPDATE seat_quotas SET capacity = 1 WHERE id = ?', { replacements: [catalog.quotaId] }),
    ).rejects.toThrow(/CONSTRAINT/i);
    await expect(
      db.sequelize.query('UPDATE seat_quotas SET taken = -1 WHERE id = ?', { replacements: [catalog.quotaId] }),
    ).rejects.toThrow(/CONSTRAINT/i);
    await quota.reload();
    expect(quota.taken).toBe(2);
  });

  it('allows one active booking item per candidate, period and unit; released ones do not count', async () => {
    const { Booking, BookingItem } = db.models;
    const { candidateId, ticketId } = await insertCandidateWithTicket(db, 'constraint-a');
    const booking = await Booking.create({
      candidateId,
      periodId: catalog.periodId,
      countyId: catalog.countyId,
      noticeAcknowledgedAt: new Date(),
      confirmedAt: null,
    });
    const item = {
      bookingId: booking.id,
      candidateId,
      ticketId,
      periodId: catalog.periodId,
      countyId: catalog.countyId,
      unitId: catalog.unitId,
      courseId: catalog.courseIds[0]!,
      state: 'held' as const,
      paymentOrderId: null,
      heldAt: new Date(),
      confirmedAt: null,
      paidAt: null,
      releasedAt: null,
    };
    const first = await BookingItem.create(item);
    await expect(BookingItem.create({ ...item, courseId: catalog.courseIds[1]! })).rejects.toSatisfy(
      violates('booking_items_one_active_per_unit'),
    );

    await first.update({ state: 'released', active: null, releasedAt: new Date() });
    const again = await BookingItem.create({ ...item, courseId: catalog.courseIds[1]! });
    expect(again.active).toBe(1);
    expect(await BookingItem.count({ where: { candidateId } })).toBe(2);
  });

  it('refuses a second candidate with the same ticket number or phone', async () => {
    const a = await insertCandidateWithTicket(db, 'constraint-b', { phone: '13900001111' });
    await expect(insertCandidateWithTicket(db, 'constraint-c', { phone: '13900001111' })).rejects.toSatisfy(
      violates('phone'),
    );
    await expect(
      db.models.Ticket.create({ ticketNo: a.ticketNo, candidateId: a.candidateId, majorId: catalog.majorId }),
    ).rejects.toSatisfy(violates('ticket_no'));
  });

  it('refuses money that is not a positive whole number of fen', async () => {
    const { candidateId } = await insertCandidateWithTicket(db, 'constraint-d');
    const booking = await db.models.Booking.create({
      candidateId,
      periodId: catalog.periodId,
      countyId: catalog.countyId,
      noticeAcknowledgedAt: null,
      confirmedAt: null,
    });
    const insertOrder = (amount: number) =>
      db.sequelize.query(
        `INSERT INTO payment_orders (out_trade_no, booking_id, candidate_id, period_id, amount_fen, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'created', NOW(), NOW())`,
        { replacements: [`T${Date.now()}${amount}`, booking.id, candidateId, catalog.periodId, amount] },
      );
    await expect(insertOrder(0)).rejects.toThrow(/CONSTRAINT/i);
    await expect(insertOrder(-3500)).rejects.toThrow(/CONSTRAINT/i);
    await insertOrder(7000);
  });
});
