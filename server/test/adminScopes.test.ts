import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodInput, signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm, payByScan } from './support/bookingFlows';
import { startTestServer, type TestServer } from './support/testApp';

type Call = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown];

/**
 * One table of every admin call that names a resource: officials outside its districts are refused with
 * 403 FORBIDDEN, and province-wide configuration is refused to every city and county office.
 */
describe('admin scopes: every call outside the official’s districts is refused', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let countyB: number;
  let quotaB: number;
  let paidInB: { outTradeNo: string; bookingId: number; candidateId: number; ticketId: number };
  let neighbour: OfficialClient;
  let otherCity: OfficialClient;
  let ownCity: OfficialClient;
  let ownCounty: OfficialClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, counties: 2 });
    const elsewhere = await insertBookingCatalog(server.db, { capacity: 10, units: 1, counties: 1 });
    countyB = catalog.counties[1]!.countyId;
    quotaB = await catalog.quotaId(countyB, catalog.units[0]!.unitId);
    const booked = await holdAndConfirm(server, catalog, 1, 1);
    await payByScan(server, booked);
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: booked.outTradeNo },
      rejectOnEmpty: true,
    });
    paidInB = {
      outTradeNo: booked.outTradeNo,
      bookingId: order.bookingId,
      candidateId: order.candidateId,
      ticketId: booked.candidate.ticketId,
    };
    neighbour = await signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
    otherCity = await signedInOfficial(server, 'city', { cityId: elsewhere.cityId });
    ownCity = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    ownCounty = await signedInOfficial(server, 'county', { countyId: countyB });
  });
  afterAll(() => server.close());

  const reason = { reason: '核对越权访问' };
  const districtCalls = (): Call[] => [
    ['GET', `/api/admin/bookings/${paidInB.bookingId}`],
    ['GET', `/api/admin/bookings?countyId=${countyB}`],
    ['GET', `/api/admin/candidates/${paidInB.candidateId}`],
    ['POST', `/api/admin/candidates/${paidInB.candidateId}/reset-password`, reason],
    ['POST', `/api/admin/candidates/${paidInB.candidateId}/unbind-phone`, reason],
    ['POST', `/api/admin/orders/${paidInB.outTradeNo}/refund`, reason],
    ['PUT', `/api/admin/tickets/${paidInB.ticketId}/status`, { ...reason, status: 'cancelled' }],
    ['PUT', `/api/admin/quotas/${quotaB}`, { capacity: 20 }],
    [
      'PUT',
      `/api/admin/periods/${catalog.periodId}/quotas`,
      { countyId: countyB, unitId: catalog.units[0]!.unitId, capacity: 20 },
    ],
    ['GET', `/api/admin/exports/bookings.xlsx?periodId=${catalog.periodId}&countyId=${countyB}`],
    ['GET', `/api/admin/exports/payments.csv?periodId=${catalog.periodId}&countyId=${countyB}`],
  ];

  const provinceCalls = (): Call[] => [
    ['POST', '/api/admin/cities', { code: '419999', name: '越权市' }],
    ['PUT', `/api/admin/cities/${catalog.cityId}`, { name: '越权市' }],
    ['POST', '/api/admin/counties', { cityId: catalog.cityId, code: '419998', name: '越权县' }],
    ['PUT', `/api/admin/counties/${countyB}`, { name: '越权县' }],
    ['POST', '/api/admin/periods', periodInput('SCOPE1')],
    ['PUT', `/api/admin/periods/${catalog.periodId}`, periodInput('SCOPE2')],
    [
      'POST',
      `/api/admin/periods/${catalog.periodId}/units`,
      { code: 'X9', examDate: '2027-04-17', halfDay: 'am', startTime: '09:00', endTime: '11:30' },
    ],
    [
      'PUT',
      `/api/admin/units/${catalog.units[0]!.unitId}`,
      { code: 'X9', examDate: '2027-04-17', halfDay: 'am', startTime: '09:00', endTime: '11:30' },
    ],
    ['DELETE', `/api/admin/units/${catalog.units[1]!.unitId}`],
    ['POST', '/api/admin/reconciliations', { billDate: '2027-01-01' }],
  ];

  async function expectRefused(official: OfficialClient, calls: Call[]) {
    for (const [method, path, body] of calls) {
      const answer = await official.api.request<{ code: string; message: string }>(method, path, body);
      expect({ call: `${method} ${path}`, status: answer.status, code: answer.body.code }).toEqual({
        call: `${method} ${path}`,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
  }

  it('refuses a county office every call on a neighbouring county’s bookings, candidates, money and quotas', async () => {
    await expectRefused(neighbour, districtCalls());
  });

  it('refuses a city office every call on another city’s county', async () => {
    await expectRefused(otherCity, districtCalls());
  });

  it('refuses province-wide configuration to city and county offices, even within their own districts', async () => {
    await expectRefused(ownCity, provinceCalls());
    await expectRefused(ownCounty, provinceCalls());
  });

  it('lets the county’s own office read what the others were refused, and nothing was changed by them', async () => {
    expect((await ownCounty.api.get(`/api/admin/bookings/${paidInB.bookingId}`)).status).toBe(200);
    expect((await ownCity.api.get(`/api/admin/candidates/${paidInB.candidateId}`)).status).toBe(200);
    const order = await server.db.models.PaymentOrder.findOne({ where: { outTradeNo: paidInB.outTradeNo } });
    expect(order?.state).toBe('paid');
    expect((await server.db.models.Ticket.findByPk(paidInB.ticketId))?.status).toBe('active');
    const quota = await server.db.models.SeatQuota.findByPk(quotaB);
    expect(quota?.capacity).toBe(10);
    expect(await server.db.models.ExamUnit.count({ where: { periodId: catalog.periodId } })).toBe(2);
  });
});
