import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { insertBookingCatalog, type BookingCatalog } from './bookingCatalog';
import { startTestServer, type TestServer } from './testApp';

/**
 * For one describe block of payment tests: the real app and the simulator with a booking catalog, and after every
 * test every fen matched (check:money). `server` and `catalog` are set before the first test runs.
 */
export function paymentSuite(catalogOptions: Parameters<typeof insertBookingCatalog>[1]) {
  const suite = {} as { server: TestServer; catalog: BookingCatalog };
  beforeAll(async () => {
    suite.server = await startTestServer({ TRUST_PROXY: 'true' });
    suite.catalog = await insertBookingCatalog(suite.server.db, catalogOptions);
  });
  afterEach(async () => {
    expect(JSON.stringify(await checkMoney(suite.server.db))).toBe('[]');
  });
  afterAll(() => suite.server.close());
  return suite;
}
