import type { SeatRow, SeatTotals } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm, payByScan } from './support/bookingFlows';
import { insertCatalog } from './support/fixtures';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { startTestServer, type TestServer } from './support/testApp';

interface Seats {
  refreshedAt: string;
  bookingOpen: boolean;
  rows: SeatRow[];
  totals: SeatTotals;
}

describe('live seats and holds per minute for officials', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, counties: 2, coursesPerUnit: 2 });
    // One candidate holds and confirms two units without paying; another pays for one unit.
    await holdAndConfirm(server, catalog, 2);
    const payer = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, payer);
  });
  afterAll(() => server.close());

  const seatsOf = ({ api }: OfficialClient) => api.get<Seats>(`/api/admin/periods/${catalog.periodId}/seats`);

  it('shows capacity, held, paid and left per county and unit, with totals', async () => {
    const province = await signedInOfficial(server, 'province');
    const answer = await seatsOf(province);
    expect(answer.status, answer.text).toBe(200);
    const [first, second] = catalog.counties;
    const row = (countyId: number, u: number) =>
      answer.body.rows.find((r) => r.countyId === countyId && r.unitId === catalog.units[u]!.unitId);
    expect(row(first!.countyId, 0)).toMatchObject({
      countyName: first!.name,
      unitCode: 'U1',
      examDate: '2027-04-10',
      halfDay: 'am',
      capacity: 5,
      held: 1,
      paid: 1,
      left: 3,
    });
    expect(row(first!.countyId, 1)).toMatchObject({ unitCode: 'U2', halfDay: 'pm', held: 1, paid: 0, left: 4 });
    expect(row(second!.countyId, 0)).toMatchObject({ capacity: 5, held: 0, paid: 0, left: 5 });
    expect(answer.body.rows).toHaveLength(4);
    expect(answer.body.totals).toEqual({ capacity: 20, held: 2, paid: 1, left: 17, waiting: 0 });
    expect(answer.body.bookingOpen).toBe(true);
    expect(Date.parse(answer.body.refreshedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shows a county office its own county only, and a city office its counties', async () => {
    const [first, second] = catalog.counties;
    const county = await signedInOfficial(server, 'county', { countyId: second!.countyId });
    const own = await seatsOf(county);
    expect(own.body.rows.map((r) => r.countyId)).toEqual([second!.countyId, second!.countyId]);
    expect(own.body.totals).toEqual({ capacity: 10, held: 0, paid: 0, left: 10, waiting: 0 });

    const city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    const all = await seatsOf(city);
    expect(new Set(all.body.rows.map((r) => r.countyId))).toEqual(new Set([first!.countyId, second!.countyId]));
    const elsewhere = await insertCatalog(server.db, { capacity: 1 });
    const otherCity = await signedInOfficial(server, 'city', { cityId: elsewhere.cityId });
    expect((await seatsOf(otherCity)).body.rows).toEqual([]);
  });

  it('counts holds per minute, oldest first, with quiet minutes as zero', async () => {
    const province = await signedInOfficial(server, 'province');
    // Move one of the three holds back three minutes.
    const item = await server.db.models.BookingItem.findOne({ where: { periodId: catalog.periodId } });
    const earlier = new Date(Date.now() - 3 * 60_000);
    await item!.update({ heldAt: earlier });

    const answer = await province.api.get<{ points: Array<{ minute: string; holds: number }> }>(
      `/api/admin/periods/${catalog.periodId}/holds-per-minute?minutes=10`,
    );
    expect(answer.status, answer.text).toBe(200);
    const { points } = answer.body;
    expect(points).toHaveLength(10);
    const minutes = points.map((p) => Date.parse(p.minute));
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    expect(minutes[1]! - minutes[0]!).toBe(60_000);
    expect(points.reduce((sum, p) => sum + p.holds, 0)).toBe(3);
    const bucket = new Date(Math.floor(earlier.getTime() / 60_000) * 60_000).toISOString();
    expect(points.find((p) => p.minute === bucket)?.holds).toBe(1);
    expect(points.filter((p) => p.holds === 0).length).toBeGreaterThanOrEqual(7);

    const county = await signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
    const none = await county.api.get<{ points: Array<{ holds: number }> }>(
      `/api/admin/periods/${catalog.periodId}/holds-per-minute?minutes=10`,
    );
    expect(none.body.points.every((p) => p.holds === 0)).toBe(true);
  });

  it('refuses a bad minute count and an unknown period', async () => {
    const province = await signedInOfficial(server, 'province');
    const tooMany = await province.api.get(`/api/admin/periods/${catalog.periodId}/holds-per-minute?minutes=100000`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('VALIDATION_FAILED');
    const missing = await province.api.get('/api/admin/periods/999999999/seats');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('考次不存在');
    expect((await province.api.get(`/api/admin/periods/${catalog.periodId}/seats`, 'not-a-token')).status).toBe(401);
  });
});
