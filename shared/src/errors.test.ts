import { describe, expect, it } from 'vitest';
import { ERRORS, errorMessage, isErrorCode } from './errors';

describe('error catalog', () => {
  it('fills placeholders with the params a server sends', () => {
    expect(errorMessage('SEAT_FULL', { county: '武侯区', unit: '4月10日上午', course: '00015 英语（二）' })).toBe(
      '武侯区，4月10日上午，00015 英语（二） 已达到最大人数',
    );
  });

  it('has a Chinese message and an HTTP error status for every code', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.message, code).toMatch(/[\u4e00-\u9fa5]/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
    }
    expect(isErrorCode('SEAT_FULL')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});
