import type { Db } from '../../../db/models';
import { preciseTime } from '../../../db/sql';
import { Conditions, select, utcMinuteOf } from '../../../kernel/sqlParts';

const MINUTE_MS = 60_000;

/**
 * 每分钟保存考位数: booking items created (held) per minute over the last `minutes` minutes, the
 * current minute included, oldest first, with zero for quiet minutes. Counts holds made, whatever
 * became of them later; grouped in SQL so a rush of holds is not read row by row.
 */
export async function holdsPerMinute(
  db: Db,
  periodId: number,
  counties: number[] | null,
  minutes: number,
  now = new Date(),
) {
  const last = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const first = last - (minutes - 1) * MINUTE_MS;
  const where = new Conditions()
    .add('period_id = ?', periodId)
    .add('held_at >= ?', preciseTime(db.sequelize, new Date(first)))
    .counties('county_id', counties);
  const minute = utcMinuteOf(db.sequelize, 'held_at');
  const rows = await select<{ minute: string; holds: number | string }>(
    db,
    `SELECT ${minute} AS minute, COUNT(*) AS holds FROM booking_items WHERE ${where.sql} GROUP BY ${minute}`,
    where.replacements,
  );
  const counts = new Map(rows.map((r) => [new Date(`${r.minute.replace(' ', 'T')}:00Z`).getTime(), Number(r.holds)]));
  const points = [];
  for (let at = first; at <= last; at += MINUTE_MS) {
    points.push({ minute: new Date(at).toISOString(), holds: counts.get(at) ?? 0 });
  }
  return { points };
}
