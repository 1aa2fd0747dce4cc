import { DataTypes, Op, type ModelAttributes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, BIGINT, STRING, CHAR, TEXT, DATE, DATEONLY, BOOLEAN, JSON: JSONTYPE } = DataTypes;

const id = { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const bigId = { type: BIGINT, primaryKey: true, autoIncrement: true, allowNull: false };
const timestamps = {
  created_at: { type: DATE(3), allowNull: false },
  updated_at: { type: DATE(3), allowNull: false },
};
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});
const str = (length: number, allowNull = false) => ({ type: STRING(length), allowNull });
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const int = (defaultValue?: number) => ({
  type: INTEGER,
  allowNull: false,
  ...(defaultValue === undefined ? {} : { defaultValue }),
});

/** Tables in creation order; `down` drops them in reverse. */
const TABLES: Array<[string, ModelAttributes]> = [
  // --- catalog ---------------------------------------------------------------
  ['cities', { id, code: { type: CHAR(6), allowNull: false, unique: true }, name: str(32), ...timestamps }],
  [
    'counties',
    {
      id,
      city_id: ref('cities'),
      code: { type: CHAR(6), allowNull: false, unique: true },
      name: str(32),
      ...timestamps,
    },
  ],
  [
    'majors',
    { id, code: { type: STRING(16), allowNull: false, unique: true }, name: str(64), level: str(8), ...timestamps },
  ],
  [
    'courses',
    { id, code: { type: CHAR(5), allowNull: false, unique: true }, name: str(64), credits: int(0), ...timestamps },
  ],
  [
    'major_courses',
    {
      major_id: { ...ref('majors'), primaryKey: true },
      course_id: { ...ref('courses'), primaryKey: true },
      required: { type: BOOLEAN, allowNull: false, defaultValue: true },
    },
  ],
  [
    'exam_periods',
    {
      id,
      code: { type: STRING(16), allowNull: false, unique: true },
      name: str(32),
      booking_opens_at: when(false),
      booking_closes_at: when(false),
      payment_opens_at: when(false),
      payment_closes_at: when(false),
      /** Daily paying hours, Beijing time, "HH:MM". */
      pay_daily_start: { type: CHAR(5), allowNull: false, defaultValue: '09:00' },
      pay_daily_end: { type: CHAR(5), allowNull: false, defaultValue: '22:00' },
      /** End-of-day release time, Beijing time, "HH:MM". */
      daily_release_time: { type: CHAR(5), allowNull: false, defaultValue: '23:30' },
      refund_allowed: { type: BOOLEAN, allowNull: false, defaultValue: true },
      refund_deadline: when(),
      print_opens_at: when(),
      print_closes_at: when(),
      fee_per_course_fen: int(),
      max_courses: int(4),
      booking_notice: { type: TEXT, allowNull: false },
      ...timestamps,
    },
  ],
  [
    'exam_units',
    {
      id,
      period_id: ref('exam_periods'),
      code: str(8),
      exam_date: { type: DATEONLY, allowNull: false },
      half_day: str(2),
      start_time: { type: CHAR(5), allowNull: false },
      end_time: { type: CHAR(5), allowNull: false },
      ...timestamps,
    },
  ],
  [
    'course_offerings',
    { id, period_id: ref('exam_periods'), unit_id: ref('exam_units'), course_id: ref('courses'), ...timestamps },
  ],
  [
    'seat_quotas',
    {
      id,
      period_id: ref('exam_periods'),
      county_id: ref('counties'),
      unit_id: ref('exam_units'),
      capacity: int(0),
      taken: int(0),
      ...timestamps,
    },
  ],
  [
    'exam_venues',
    {
      id,
      county_id: ref('counties'),
      name: str(64),
      address: str(128),
      rooms: int(0),
      seats_per_room: int(30),
      ...timestamps,
    },
  ],

  // --- accounts --------------------------------------------------------------
  [
    'candidates',
    {
      id,
      /** HMAC of the normalised ID number: the only way to look a candidate up by ID. */
      id_card_hash: { type: CHAR(64), allowNull: false, unique: true },
      /** AES-256-GCM ciphertext of the ID number. */
      id_card_cipher: str(128),
      id_card_masked: str(18),
      name: str(32),
      gender: { type: CHAR(1), allowNull: false },
      birth_date: { type: DATEONLY, allowNull: false },
      phone: { type: STRING(11), allowNull: true, unique: true },
      phone_bound_at: when(),
      /** NULL: a migrated candidate still on the initial password (ID tail). */
      password_hash: str(255, true),
      must_change_password: { type: BOOLEAN, allowNull: false, defaultValue: true },
      token_version: int(0),
      wechat_openid: { type: STRING(64), allowNull: true, unique: true },
      photo_path: str(255, true),
      ...timestamps,
    },
  ],
  [
    'tickets',
    {
      id,
      ticket_no: { type: CHAR(12), allowNull: false, unique: true },
      candidate_id: ref('candidates'),
      major_id: ref('majors'),
      status: { type: STRING(16), allowNull: false, defaultValue: 'active' },
      ...timestamps,
    },
  ],
  [
    'officials',
    {
      id,
      username: { type: STRING(32), allowNull: false, unique: true },
      name: str(32),
      password_hash: str(255),
      role: str(16),
      city_id: ref('cities', true),
      county_id: ref('counties', true),
      totp_secret: str(64, true),
      must_change_password: { type: BOOLEAN, allowNull: false, defaultValue: false },
      token_version: int(0),
      disabled_at: when(),
      ...timestamps,
    },
  ],
  [
    'sms_codes',
    {
      id: bigId,
      phone: { type: STRING(11), allowNull: false },
      purpose: str(16),
      code_hash: { type: CHAR(64), allowNull: false },
      ip: str(45, true),
      attempts: int(0),
      expires_at: when(false),
      consumed_at: when(),
      created_at: { type: DATE(3), allowNull: false },
    },
  ],
  [
    'captchas',
    {
      id: { type: CHAR(36), primaryKey: true, allowNull: false },
      answer_hash: { type: CHAR(64), allowNull: false },
      expires_at: when(false),
      consumed_at: when(),
      created_at: { type: DATE(3), allowNull: false },
    },
  ],
  [
    /** Counters for lockouts and sending limits, shared by every server instance. */
    'throttles',
    {
      bucket: { type: STRING(128), primaryKey: true, allowNull: false },
      hits: int(0),
      window_ends_at: when(false),
      locked_until: when(),
    },
  ],
  [
    'applications',
    {
      id,
      type: str(16),
      state: { type: STRING(16), allowNull: false, defaultValue: 'submitted' },
      candidate_id: ref('candidates', true),
      id_card_hash: { type: CHAR(64), allowNull: false },
      id_card_cipher: str(128),
      id_card_masked: str(18),
      name: str(32),
      gender: { type: CHAR(1), allowNull: false },
      phone: str(11, true),
      major_id: ref('majors', true),
      county_id: ref('counties', true),
      photo_path: str(255, true),
      payload: { type: JSONTYPE, allowNull: true },
      reject_reason: str(255, true),
      reviewed_by: ref('officials', true),
      reviewed_at: when(),
      issued_ticket_no: { type: CHAR(12), allowNull: true, unique: true },
      ...timestamps,
    },
  ],

  // --- booking ---------------------------------------------------------------
  [
    /** One per candidate and period: the county choice and the notice acknowledgement. */
    'bookings',
    {
      id,
      candidate_id: ref('candidates'),
      period_id: ref('exam_periods'),
      county_id: ref('counties', true),
      notice_acknowledged_at: when(),
      confirmed_at: when(),
      ...timestamps,
    },
  ],
  [
    'payment_orders',
    {
      id,
      out_trade_no: { type: STRING(32), allowNull: false, unique: true },
      booking_id: ref('bookings'),
      candidate_id: ref('candidates'),
      period_id: ref('exam_periods'),
      amount_fen: int(),
      state: { type: STRING(16), allowNull: false, defaultValue: 'created' },
      channel: str(8, true),
      code_url: str(255, true),
      prepay_id: str(64, true),
      payer_openid: str(64, true),
      time_expire: when(),
      transaction_id: { type: STRING(32), allowNull: true, unique: true },
      payer_total_fen: { type: INTEGER, allowNull: true },
      paid_at: when(),
      closed_at: when(),
      ...timestamps,
    },
  ],
  [
    'booking_items',
    {
      id,
      booking_id: ref('bookings'),
      candidate_id: ref('candidates'),
      ticket_id: ref('tickets'),
      period_id: ref('exam_periods'),
      county_id: ref('counties'),
      unit_id: ref('exam_units'),
      course_id: ref('courses'),
      state: str(16),
      /** 1 while the item occupies a seat, NULL otherwise: the unique key allows one active item per unit. */
      active: { type: INTEGER, allowNull: true, defaultValue: 1 },
      payment_order_id: ref('payment_orders', true),
      held_at: when(false),
      confirmed_at: when(),
      paid_at: when(),
      released_at: when(),
      ...timestamps,
    },
  ],
  [
    /** Every state transition of a booking item: who, when, why. */
    'booking_events',
    {
      id: bigId,
      booking_item_id: ref('booking_items'),
      from_state: str(16, true),
      to_state: str(16),
      actor_type: str(16),
      actor_id: { type: INTEGER, allowNull: true },
      reason: str(255, true),
      created_at: { type: DATE(3), allowNull: false },
    },
  ],
  [
    'waitlist_entries',
    {
      id,
      candidate_id: ref('candidates'),
      period_id: ref('exam_periods'),
      county_id: ref('counties'),
      unit_id: ref('exam_units'),
      course_id: ref('courses'),
      state: { type: STRING(16), allowNull: false, defaultValue: 'waiting' },
      active: { type: INTEGER, allowNull: true, defaultValue: 1 },
      ...timestamps,
    },
  ],
  [
    'seat_assignments',
    {
      id,
      booking_item_id: { ...ref('booking_items'), unique: true },
      venue_id: ref('exam_venues'),
      room_no: int(),
      seat_no: int(),
      ...timestamps,
    },
  ],
  [
    'scores',
    {
      id,
      candidate_id: ref('candidates'),
      ticket_id: ref('tickets'),
      period_id: ref('exam_periods'),
      course_id: ref('courses'),
      score: { type: INTEGER, allowNull: true },
      passed: { type: BOOLEAN, allowNull: false, defaultValue: false },
      status: { type: STRING(16), allowNull: false, defaultValue: 'normal' },
      ...timestamps,
    },
  ],

  // --- payment ---------------------------------------------------------------
  [
    'refunds',
    {
      id,
      out_refund_no: { type: STRING(64), allowNull: false, unique: true },
      payment_order_id: ref('payment_orders'),
      amount_fen: int(),
      kind: str(16),
      reason: str(255),
      state: { type: STRING(16), allowNull: false, defaultValue: 'pending' },
      requested_by_type: str(16),
      requested_by_id: { type: INTEGER, allowNull: true },
      wechat_refund_id: str(64, true),
      succeeded_at: when(),
      ...timestamps,
    },
  ],
  [
    'payment_notifications',
    {
      id: bigId,
      notification_id: { type: STRING(64), allowNull: false, unique: true },
      event_type: str(32),
      out_trade_no: str(32, true),
      out_refund_no: str(64, true),
      outcome: str(32),
      created_at: { type: DATE(3), allowNull: false },
    },
  ],
  [
    /** Money that is not matched to seats: late payments, abnormal refunds, bill differences. */
    'payment_exceptions',
    {
      id,
      kind: str(32),
      out_trade_no: str(32, true),
      bill_date: { type: DATEONLY, allowNull: true },
      our_amount_fen: { type: INTEGER, allowNull: true },
      their_amount_fen: { type: INTEGER, allowNull: true },
      details: str(255),
      resolved_at: when(),
      resolved_by: ref('officials', true),
      ...timestamps,
    },
  ],

  // --- admin and jobs ----------------------------------------------------------
  [
    'audit_logs',
    {
      id: bigId,
      actor_type: str(16),
      actor_id: { type: INTEGER, allowNull: true },
      actor_name: str(64, true),
      action: str(64),
      entity_type: str(32),
      entity_id: str(64, true),
      before: { type: JSONTYPE, allowNull: true },
      after: { type: JSONTYPE, allowNull: true },
      reason: str(255, true),
      ip: str(45, true),
      request_id: str(64, true),
      created_at: { type: DATE(3), allowNull: false },
    },
  ],
  [
    'job_runs',
    {
      id,
      job: str(32),
      run_key: str(32),
      state: str(16),
      processed: int(0),
      started_at: when(false),
      heartbeat_at: when(),
      finished_at: when(),
      error: str(255, true),
    },
  ],
];

const UNIQUE_KEYS: Array<[string, string[], string]> = [
  ['exam_units', ['period_id', 'code'], 'exam_units_period_code'],
  ['course_offerings', ['period_id', 'course_id'], 'course_offerings_period_course'],
  ['seat_quotas', ['period_id', 'county_id', 'unit_id'], 'seat_quotas_period_county_unit'],
  ['bookings', ['candidate_id', 'period_id'], 'bookings_candidate_period'],
  ['booking_items', ['candidate_id', 'period_id', 'unit_id', 'active'], 'booking_items_one_active_per_unit'],
  ['waitlist_entries', ['candidate_id', 'period_id', 'unit_id', 'active'], 'waitlist_one_active_per_unit'],
  ['scores', ['ticket_id', 'period_id', 'course_id'], 'scores_ticket_period_course'],
  ['job_runs', ['job', 'run_key'], 'job_runs_job_key'],
];

const INDEXES: Array<[string, string[]]> = [
  ['tickets', ['candidate_id']],
  ['course_offerings', ['unit_id']],
  ['booking_items', ['state', 'period_id']],
  ['booking_items', ['booking_id']],
  ['booking_items', ['payment_order_id']],
  ['booking_events', ['booking_item_id']],
  ['payment_orders', ['booking_id']],
  ['payment_orders', ['state', 'created_at']],
  ['refunds', ['payment_order_id']],
  ['sms_codes', ['phone', 'purpose', 'created_at']],
  ['sms_codes', ['ip', 'created_at']],
  ['applications', ['state', 'county_id']],
  ['applications', ['id_card_hash']],
  ['audit_logs', ['entity_type', 'entity_id']],
  ['audit_logs', ['created_at']],
  ['waitlist_entries', ['period_id', 'county_id', 'unit_id', 'state']],
];

const CHECKS: Array<[string, string, Record<string | symbol, unknown>]> = [
  ['seat_quotas', 'seat_quotas_taken_within_capacity', { taken: { [Op.lte]: { [Op.col]: 'capacity' } } }],
  ['seat_quotas', 'seat_quotas_taken_not_negative', { taken: { [Op.gte]: 0 } }],
  ['exam_periods', 'exam_periods_fee_not_negative', { fee_per_course_fen: { [Op.gte]: 0 } }],
  ['payment_orders', 'payment_orders_amount_positive', { amount_fen: { [Op.gt]: 0 } }],
  ['refunds', 'refunds_amount_positive', { amount_fen: { [Op.gt]: 0 } }],
];

async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // SQLite adds a CHECK by rebuilding the table, which drops its indexes: checks go first.
  for (const [table, attributes] of TABLES) {
    await qi.createTable(table, attributes);
    for (const [checkTable, name, where] of CHECKS) {
      if (checkTable === table) await qi.addConstraint(table, { type: 'check', name, fields: [], where });
    }
  }
  for (const [table, fields, name] of UNIQUE_KEYS) await qi.addIndex(table, fields, { unique: true, name });
  for (const [table, fields] of INDEXES) await qi.addIndex(table, fields);
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [table] of [...TABLES].reverse()) await qi.dropTable(table);
}

export const initialSchema: Migration = { name: '0001-initial-schema', up, down };
