import { Counter, Gauge, Histogram, collectDefaultMetrics, register, type Metric } from 'prom-client';

/**
 * Every Kaowei metric, on prom-client's default registry: counted in memory only (no SQL on any path),
 * read by GET /metrics. The default registry is what prom-client's AggregatorRegistry collects from each
 * worker of a cluster, so a primary can serve one sum for all workers.
 */

/** A test runner may evaluate this module more than once in one process; the registry outlives it. */
function fresh<T extends Metric>(name: string, make: () => T): T {
  register.removeSingleMetric(name);
  return make();
}

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return fresh(name, () => new Counter({ name, help, labelNames }));
}

function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> {
  return fresh(name, () => new Histogram({ name, help, labelNames, buckets }));
}

/** A gauge set from `read` when scraped; absent while `read` has nothing (no pool watched, SQLite). */
function scrapedGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: (set: (labels: Partial<Record<L, string>>, value: number) => void) => void,
): void {
  fresh(
    name,
    () =>
      new Gauge({
        name,
        help,
        labelNames,
        collect() {
          read((labels, value) => this.set(labels, value));
        },
      }),
  );
}

// Node's own: event-loop lag, heap, GC, handles, CPU (the usual nodejs_* and process_* names).
if (!register.getSingleMetric('nodejs_eventloop_lag_seconds')) collectDefaultMetrics();

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpDuration = histogram(
  'kaowei_http_request_duration_seconds',
  'HTTP requests by method, route pattern (never the raw path) and status',
  ['method', 'route', 'status'],
  SECONDS,
);

export const holdRequests = counter(
  'kaowei_hold_requests_total',
  '保存考位 requests by outcome: answered (per-course results follow) or the error code refusing it',
  ['outcome'],
);

export const holdCourses = counter(
  'kaowei_hold_courses_total',
  'Courses in answered 保存考位 requests by result: held, seat_full, refused',
  ['result'],
);

export const smsSent = counter('kaowei_sms_sent_total', 'SMS codes the provider accepted, by purpose', ['purpose']);

export const smsRefused = counter(
  'kaowei_sms_refused_total',
  'SMS code requests refused before sending, by error code (resend wait, limits, captcha)',
  ['reason'],
);

export const smsDeliveryFailed = counter(
  'kaowei_sms_delivery_failed_total',
  'SMS codes the provider refused or failed to take, by purpose',
  ['purpose'],
);

export const paymentsRecorded = counter(
  'kaowei_payments_recorded_total',
  'Payment reports recorded, by outcome (paid, duplicate, late_retaken, late_refunding, charged_twice)',
  ['outcome'],
);

export const refundStates = counter(
  'kaowei_refunds_total',
  'Refunds entering a state: opened, processing, send_failed, success, abnormal, closed',
  ['state'],
);

export const paymentNotifications = counter(
  'kaowei_payment_notifications_total',
  'WeChat Pay notifications by outcome: applied, verification_failed, rejected (not about our order)',
  ['outcome'],
);

export const notificationVerificationsFailed = counter(
  'kaowei_payment_notification_verifications_failed_total',
  'WeChat Pay notifications failing verification, by reason: timestamp, signature, malformed, decrypt',
  ['reason'],
);

export const jobRuns = counter(
  'kaowei_job_runs_total',
  'Once-across-instances job runs (job_runs) by job and state: started, skipped (done elsewhere), finished',
  ['job', 'state'],
);

export const jobDuration = histogram(
  'kaowei_job_duration_seconds',
  'Scheduled job ticks on this instance, by job and outcome (ok, failed)',
  ['job', 'outcome'],
  [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
);

export const poolAcquire = histogram(
  'kaowei_db_pool_acquire_seconds',
  'Time waited for a database connection from the pool',
  [],
  [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 3],
);

/** What the pool gauges read at each scrape; set by `watchPool`. */
export interface PoolReading {
  using: number;
  available: number;
  waiting: number;
  maxSize: number;
}

let readPool: (() => PoolReading | undefined) | undefined;

/** Points the pool gauges at a pool (the app's); read only when /metrics is scraped. */
export function setPoolSource(source: () => PoolReading | undefined): void {
  readPool = source;
}

function whenPool(read: (pool: PoolReading) => void): void {
  const pool = readPool?.();
  if (pool) read(pool);
}

scrapedGauge(
  'kaowei_db_pool_connections',
  'Open database connections in the pool, by state: in_use, idle',
  ['state'],
  (set) =>
    whenPool((pool) => {
      set({ state: 'in_use' }, pool.using);
      set({ state: 'idle' }, pool.available);
    }),
);
scrapedGauge('kaowei_db_pool_waiting', 'Queries waiting for a database connection', [], (set) =>
  whenPool((pool) => set({}, pool.waiting)),
);
scrapedGauge('kaowei_db_pool_max_connections', 'The pool size limit (DB_POOL_MAX)', [], (set) =>
  whenPool((pool) => set({}, pool.maxSize)),
);

/** The registry in Prometheus text format; a cluster primary may use AggregatorRegistry instead. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
