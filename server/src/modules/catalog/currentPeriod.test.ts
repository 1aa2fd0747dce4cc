import { describe, expect, it } from 'vitest';
import { pickCurrentPeriod } from './currentPeriod';
import type { ExamPeriod } from './models';

const DAY = 86_400_000;
const t0 = Date.parse('2030-03-01T00:00:00Z');

/** A period whose booking runs from day `opens` to day `closes` (days after t0); only the dates matter here. */
const period = (id: number, opens: number, closes: number) =>
  ({ id, bookingOpensAt: new Date(t0 + opens * DAY), bookingClosesAt: new Date(t0 + closes * DAY) }) as ExamPeriod;

describe('pickCurrentPeriod', () => {
  const spring = period(1, 0, 10);
  const autumn = period(2, 180, 190);
  const overlapping = period(3, 5, 20);
  const at = (day: number) => new Date(t0 + day * DAY);

  it('takes the period open for booking, the latest opened when several are', () => {
    expect(pickCurrentPeriod([autumn, spring], at(1))).toBe(spring);
    expect(pickCurrentPeriod([spring, overlapping, autumn], at(6))).toBe(overlapping);
    // Booking closes at bookingClosesAt itself: at day 10 spring is no longer open, autumn is next.
    expect(pickCurrentPeriod([spring, autumn], at(10))).toBe(autumn);
  });

  it('else the next one to open, else the latest', () => {
    expect(pickCurrentPeriod([autumn, spring], at(-1))).toBe(spring);
    expect(pickCurrentPeriod([autumn, spring], at(50))).toBe(autumn);
    expect(pickCurrentPeriod([spring, autumn], at(400))).toBe(autumn);
    expect(pickCurrentPeriod([], at(0))).toBeNull();
  });
});
