import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import { TtlCache, type Clock } from '../../lib/ttlCache';

export interface QuotaRow {
  countyId: number;
  unitId: number;
  capacity: number;
  taken: number;
}

const TTL_MS = 2000;

/**
 * Seats per (county, unit) for polling during the rush: one query per period at most every two
 * seconds, shared by every caller, so thousands of refreshing screens cost the database nothing.
 * Answers are labelled approximate; holding a seat always checks the live row.
 */
export class SeatBoard {
  private readonly cache: TtlCache<number, QuotaRow[]>;

  constructor(
    private readonly db: Db,
    clock?: Clock,
  ) {
    this.cache = new TtlCache(TTL_MS, clock);
  }

  async period(periodId: number): Promise<{ asOf: Date; rows: QuotaRow[] }> {
    const { at, value } = await this.cache.get(periodId, (id) => this.load(id));
    return { asOf: new Date(at), rows: value };
  }

  private async load(periodId: number): Promise<QuotaRow[]> {
    const rows = await this.db.sequelize.query<{ county_id: number; unit_id: number; capacity: number; taken: number }>(
      'SELECT county_id, unit_id, capacity, taken FROM seat_quotas WHERE period_id = ?',
      { replacements: [periodId], type: QueryTypes.SELECT },
    );
    return rows.map((r) => ({
      countyId: r.county_id,
      unitId: r.unit_id,
      capacity: Number(r.capacity),
      taken: Number(r.taken),
    }));
  }
}
