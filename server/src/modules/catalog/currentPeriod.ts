import type { ExamPeriod } from './models';

/** The period whose booking is open at `now` (the latest opened), else the next one to open, else the latest. */
export function pickCurrentPeriod(periods: readonly ExamPeriod[], now: Date): ExamPeriod | null {
  const byOpening = [...periods].sort((a, b) => a.bookingOpensAt.getTime() - b.bookingOpensAt.getTime());
  const open = byOpening.filter((p) => p.bookingOpensAt <= now && now < p.bookingClosesAt).at(-1);
  return open ?? byOpening.find((p) => p.bookingOpensAt > now) ?? byOpening.at(-1) ?? null;
}
