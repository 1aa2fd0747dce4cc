import {
  BOOKING_ITEM_STATES,
  EXPORT_FORMATS,
  EXPORT_KIND_LABELS,
  EXPORT_KINDS,
  PAYMENT_ORDER_STATES,
  type ExportFormat,
  type ExportKind,
} from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { beijingDateString } from '../../../lib/beijingTime';
import type { Logger } from '../../../logger';
import type { Official } from '../../accounts/models';
import type { ExamPeriod } from '../../catalog/models';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { findPeriodOr404 } from '../periods/periods';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import { officialActor } from '../../../kernel/actor';
import {
  bookingsExport,
  papersExport,
  paymentsExport,
  seatsExport,
  type ExportFilters,
  type ExportSource,
} from './exportSources';
import { streamTable } from './tableStream';
import { contentDisposition } from '../../../http/contentDisposition';

export { contentDisposition };

const SOURCES: Record<
  ExportKind,
  (db: Db, period: ExamPeriod, counties: number[] | null, filters: ExportFilters) => Promise<ExportSource>
> = { bookings: bookingsExport, payments: paymentsExport, seats: seatsExport, papers: papersExport };

/** The states each export may be filtered by: item states for bookings, order states for payments. */
const STATES: Record<ExportKind, readonly string[]> = {
  bookings: BOOKING_ITEM_STATES,
  payments: PAYMENT_ORDER_STATES,
  seats: [],
  papers: [],
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const isKind = (value: string): value is ExportKind => (EXPORT_KINDS as readonly string[]).includes(value);
const isFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

/**
 * 导出: checks everything that can be refused (kind, period, county scope, filters) before the first
 * byte, records the export in the audit log (what, filters, row count) before any data leaves, then
 * streams the file.
 */
export async function startExport(
  deps: { db: Db; logger: Logger },
  official: Official,
  input: { what: string; format: string; periodId: number; countyId?: number; state?: string },
  request: RequestInfo,
  now = new Date(),
) {
  const { what, format } = input;
  if (!isKind(what) || !isFormat(format)) throw new AppError('EXPORT_NOT_SUPPORTED');
  const period = await findPeriodOr404(deps.db, input.periodId);
  if (input.countyId) await assertCountyInScope(deps.db, official, input.countyId);
  if (input.state && !STATES[what].includes(input.state)) {
    throw new AppError('EXPORT_FILTER_INVALID', { detail: `状态“${input.state}”不适用于${EXPORT_KIND_LABELS[what]}` });
  }
  const filters: ExportFilters = { countyId: input.countyId, state: input.state };
  const source = await SOURCES[what](deps.db, period, await scopedCountyIds(deps.db, official), filters);
  await deps.db.sequelize.transaction((transaction) =>
    writeAudit(
      deps.db,
      officialActor(official),
      {
        action: `export.${what}`,
        entityType: 'exam_period',
        entityId: period.id,
        after: { what, format, filters: { periodId: period.id, ...filters }, rows: source.total },
        ...request,
      },
      transaction,
    ),
  );
  const date = beijingDateString(now).replaceAll('-', '');
  const safeCode = period.code.replace(/[^A-Za-z0-9_-]/g, '_');
  const stream = streamTable(format, source.sheetName, source.columns, source.pages, ({ rows, error }) => {
    if (error)
      deps.logger.error({ err: error, what, periodId: period.id, requestId: request.requestId }, 'export failed');
    else deps.logger.info({ what, format, periodId: period.id, rows, requestId: request.requestId }, 'export sent');
  });
  return {
    stream,
    rows: source.total,
    contentType: CONTENT_TYPES[format],
    disposition: contentDisposition(
      `${what}_${safeCode}_${date}.${format}`,
      `${EXPORT_KIND_LABELS[what]}_${period.code}_${date}.${format}`,
    ),
  };
}
