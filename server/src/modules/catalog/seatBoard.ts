import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';

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
  private readonly cache = new Map<number, { at: number; rows: Promise<QuotaRow[]> }>();

  constructor(private readonly db: Db) {}

  async period(periodId: number, now = Date.now()): Promise<{ asOf: Date; rows: QuotaRow[] }> {
    let entry = this.cache.get(periodId);
    if (!entry || now - entry.at > TTL_MS) {
      entry = { at: now, rows: this.load(periodId) };
      this.cache.set(periodId, entry);
      entry.rows.catch(() => this.cache.delete(periodId));
    }
    return { asOf: new Date(entry.at), rows: await entry.rows };
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
