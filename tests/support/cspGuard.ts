import { afterAll, expect } from 'vitest';
import { cspViolations } from './browser';

/** Every browser test file: the apps ran under the server's real CSP and the browser refused nothing. */
afterAll(() => {
  expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
});
