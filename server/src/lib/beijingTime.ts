/** China keeps one time zone without daylight saving: Beijing time is UTC+8 all year. */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "YYYY-MM-DD" of the Beijing calendar day containing `at`. */
export function beijingDateString(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** RFC 3339 in Beijing wall time with its offset, as WeChat Pay writes and reads times: "2027-03-11T17:00:00+08:00". */
export function rfc3339Beijing(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** "2027-03-11 17:00:05": Beijing wall time to the second, as an official reads it in a spreadsheet. */
export function beijingDateTime(at: Date): string {
  return rfc3339Beijing(at).slice(0, 19).replace('T', ' ');
}

/** The instant at which the Beijing day containing `at` begins. */
export function startOfBeijingDay(at: Date): Date {
  const local = at.getTime() + OFFSET_MS;
  return new Date(local - (local % DAY_MS) - OFFSET_MS);
}

/** The instant of "HH:MM" Beijing time on the Beijing day "YYYY-MM-DD". */
export function beijingInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Day of week of a "YYYY-MM-DD" date, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** "HH:MM" Beijing time, as shown to users ("请于HH:MM后再试"). */
export function beijingTimeOfDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** "2027年3月11日 17:00", Beijing time: the same formatter the mini-program shows times with. */
export { formatBeijing } from '@kaowei/shared';

/**
 * The end (24:00 Beijing time) of the n-th working day after the Beijing day of `at`. Working days are Monday
 * to Friday: public holidays and the weekends worked in their stead are not known here.
 */
export function endOfWorkingDaysAfter(at: Date, n: number): Date {
  let day = beijingDateString(at);
  const next = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  for (let counted = 0; counted < n;) {
    day = next(day);
    if (weekday(day) !== 0 && weekday(day) !== 6) counted += 1;
  }
  return beijingInstant(next(day));
}
