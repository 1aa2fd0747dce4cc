import { describe, expect, it } from 'vitest';
import { beijingInstant } from '../../src/lib/beijingTime';
import { smsAllowedFrom } from '../../src/modules/notifications/quietHours';

const at = (date: string, time: string) => beijingInstant(date, time);

describe('SMS quiet hours (22:30–08:00 Beijing time)', () => {
  it('lets an SMS go in the day, up to 22:29', () => {
    expect(smsAllowedFrom(at('2027-03-11', '08:00'))).toEqual(at('2027-03-11', '08:00'));
    expect(smsAllowedFrom(at('2027-03-11', '22:29'))).toEqual(at('2027-03-11', '22:29'));
  });

  it('holds one from 22:30 until the next 08:00, across midnight', () => {
    expect(smsAllowedFrom(at('2027-03-11', '22:30'))).toEqual(at('2027-03-12', '08:00'));
    expect(smsAllowedFrom(at('2027-03-11', '23:59'))).toEqual(at('2027-03-12', '08:00'));
    expect(smsAllowedFrom(at('2027-03-12', '00:00'))).toEqual(at('2027-03-12', '08:00'));
    expect(smsAllowedFrom(at('2027-03-12', '07:59'))).toEqual(at('2027-03-12', '08:00'));
  });
});
