import { describe, expect, it } from 'vitest';
import { formatBeijing } from './beijingTime';

describe('formatBeijing', () => {
  it('shows an instant as Beijing wall time, from a Date or an ISO string', () => {
    expect(formatBeijing(new Date('2027-03-11T09:00:00.000Z'))).toBe('2027年3月11日 17:00');
    expect(formatBeijing('2027-02-28T16:05:00.000Z')).toBe('2027年3月1日 00:05');
  });
});
