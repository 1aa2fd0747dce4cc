import type { SqlTx } from '../../db/sqlTx';
import { unitLabelOfRow, type UnitColumns } from '../admission/unitRow';

/** The names a waitlist message shows, read inside the transaction that gives or closes the entry. */
export async function unitName(tx: SqlTx, unitId: number): Promise<string> {
  const [row] = await tx.rows<UnitColumns>(
    'SELECT exam_date, half_day, start_time, end_time FROM exam_units WHERE id = ?',
    [unitId],
  );
  return row ? unitLabelOfRow(row) : '';
}

export async function periodName(tx: SqlTx, periodId: number): Promise<string> {
  const [row] = await tx.rows<{ name: string }>('SELECT name FROM exam_periods WHERE id = ?', [periodId]);
  return row?.name ?? '';
}
