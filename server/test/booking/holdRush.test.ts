import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { holdSeats } from '../../src/modules/booking/holdSeats';
import { insertBookingCatalog, takenOf } from '../support/bookingCatalog';
import { insertCrowd } from '../support/crowd';
import { startTestServer, type TestServer } from '../support/testApp';

/**
 * 保存考位 as the opening minute sends it: hundreds of candidates, several courses each, at once, through the
 * whole operation (booking lock, rules, SMS code, ledger). Every course succeeds or fails alone, and nothing is
 * left half written.
 */
describe('holding seats in the opening rush', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('fills each unit exactly, leaves no trace of full units, and counts a wrong code', async () => {
    const { db } = server;
    const catalog = await insertBookingCatalog(db, { capacity: 0, units: 3, counties: 1, coursesPerUnit: 1 });
    const county = catalog.counties[0]!.countyId;
    const capacities = [60, 150, 400];
    for (const [u, unit] of catalog.units.entries())
      await db.models.SeatQuota.update(
        { capacity: capacities[u] },
        { where: { periodId: catalog.periodId, unitId: unit.unitId } },
      );
    const crowd = await insertCrowd(db, 240, catalog.periodId, catalog.majorId);
    const phoneOf = (candidateId: number) => `166${String(candidateId).padStart(8, '0')}`.slice(-11);
    await Promise.all(
      crowd.map((m) =>
        db.models.Candidate.update(
          { phone: phoneOf(m.candidateId), mustChangePassword: false },
          { where: { id: m.candidateId } },
        ),
      ),
    );
    const now = new Date();
    const codeOf = (i: number) => String(100_000 + i);
    const expires = new Date(now.getTime() + 300_000);
    await db.sequelize.query(
      `INSERT INTO sms_codes (phone, purpose, code_hash, ip, attempts, expires_at, created_at)
       VALUES ${crowd.map(() => "(?, 'hold_seats', ?, '127.0.0.1', 0, ?, ?)").join(', ')}`,
      {
        replacements: crowd.flatMap((m, i) => {
          const phone = phoneOf(m.candidateId);
          return [phone, server.services.smsCodes.hash(phone, 'hold_seats', codeOf(i)), expires, now];
        }),
      },
    );
    const deps = { db, smsCodes: server.services.smsCodes, logger: server.services.logger };
    const wrong = crowd.length - 1; // the last candidate types a wrong code
    const answers = await Promise.allSettled(
      crowd.map((m, i) =>
        holdSeats(
          deps,
          { candidateId: m.candidateId, tokenVersion: 0, ticketId: m.ticketId },
          {
            periodId: catalog.periodId,
            countyId: county,
            courseCodes: catalog.units.map((u) => u.codes[0]!),
            smsCode: i === wrong ? '000000' : codeOf(i),
          },
        ),
      ),
    );

    const refused = answers[wrong]!;
    expect(refused.status === 'rejected' && (refused.reason as { code: string }).code).toBe('SMS_CODE_INVALID');
    const held = answers.slice(0, wrong).map((a) => {
      expect(a.status).toBe('fulfilled');
      return (a as PromiseFulfilledResult<Awaited<ReturnType<typeof holdSeats>>>).value.items;
    });
    for (const [u, unit] of catalog.units.entries()) {
      const results = held.map((items) => items.find((item) => item.unitId === unit.unitId)!.result);
      const seats = Math.min(capacities[u]!, wrong);
      expect(results.filter((r) => r === 'held')).toHaveLength(seats);
      expect(results.filter((r) => r === 'seat_full')).toHaveLength(wrong - seats);
      expect(await takenOf(db, catalog.periodId, county, unit.unitId)).toBe(seats);
    }
    expect(await checkSeats(db, catalog.periodId)).toEqual([]);

    // Every answer matches the rows: a held course is one active item with one event, a full one left nothing.
    const rows = await db.sequelize.query<{ candidate_id: number; unit_id: number; events: number }>(
      `SELECT i.candidate_id, i.unit_id, (SELECT COUNT(*) FROM booking_events e WHERE e.booking_item_id = i.id) AS events
         FROM booking_items i WHERE i.period_id = ?`,
      { replacements: [catalog.periodId], type: QueryTypes.SELECT },
    );
    const answered = held.flatMap((items, i) =>
      items.filter((item) => item.result === 'held').map((item) => `${crowd[i]!.candidateId}:${item.unitId}`),
    );
    expect(rows.map((r) => `${r.candidate_id}:${r.unit_id}`).sort()).toEqual(answered.sort());
    expect(rows.every((r) => Number(r.events) === 1)).toBe(true);

    const codes = await db.sequelize.query<{ phone: string; attempts: number; consumed: number }>(
      'SELECT phone, attempts, consumed_at IS NOT NULL AS consumed FROM sms_codes WHERE phone IN (?)',
      { replacements: [crowd.map((m) => phoneOf(m.candidateId))], type: QueryTypes.SELECT },
    );
    expect(codes.filter((c) => Number(c.consumed) === 1)).toHaveLength(wrong);
    expect(codes.find((c) => c.phone === phoneOf(crowd[wrong]!.candidateId))).toMatchObject({
      attempts: 1,
      consumed: 0,
    });
  });
});
