import { unitLabel, type HalfDay } from '@kaowei/shared';

/** The exam_units columns a raw query selects to name a unit. */
export interface UnitColumns {
  exam_date: string;
  half_day: string;
  start_time: string;
  end_time: string;
}

/** "4月10日（周六）上午 9:00–11:30" from a raw row (a DATE reads back as a string or a Date). */
export function unitLabelOfRow(row: UnitColumns): string {
  return unitLabel({
    examDate: String(row.exam_date).slice(0, 10),
    halfDay: row.half_day as HalfDay,
    startTime: row.start_time,
    endTime: row.end_time,
  });
}
