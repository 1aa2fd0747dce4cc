import { formatBeijing } from '@kaowei/shared';
import { describe, expect, it } from 'vitest';
import { countdown, formatBeijingDate, yuan } from './format';

describe('booking formats', () => {
  it('shows instants in Beijing time', () => {
    expect(formatBeijing('2027-02-28T16:00:00.000Z')).toBe('2027年3月1日 00:00');
    expect(formatBeijing('2027-03-01T14:05:00.000Z')).toBe('2027年3月1日 22:05');
    expect(formatBeijingDate('2027-03-01T14:05:00.000Z')).toBe('2027年3月1日');
  });

  it('counts down to the release and stops at zero', () => {
    const now = Date.parse('2027-03-01T10:00:00.000Z');
    expect(countdown('2027-03-01T12:13:05.000Z', now)).toBe('02:13:05');
    expect(countdown('2027-03-01T09:00:00.000Z', now)).toBe('00:00:00');
  });

  it('formats fen as yuan', () => {
    expect(yuan(10500)).toBe('¥105.00');
    expect(yuan(3505)).toBe('¥35.05');
  });
});
