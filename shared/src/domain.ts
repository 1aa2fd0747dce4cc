/** Domain vocabulary from ../shared/domain.md, shared by every side. */

export const BOOKING_ITEM_STATES = ['held', 'confirmed', 'paid', 'released', 'refunding', 'refunded'] as const;
export type BookingItemState = (typeof BOOKING_ITEM_STATES)[number];

/** States in which an item occupies a seat. */
export const ACTIVE_BOOKING_ITEM_STATES = [
  'held',
  'confirmed',
  'paid',
  'refunding',
] as const satisfies readonly BookingItemState[];

export const BOOKING_ITEM_STATE_LABELS: Record<BookingItemState, string> = {
  held: '已保存',
  confirmed: '已确认',
  paid: '已缴费',
  released: '已释放',
  refunding: '退费中',
  refunded: '已退费',
};

export const HALF_DAYS = ['am', 'pm'] as const;
export type HalfDay = (typeof HALF_DAYS)[number];
export const HALF_DAY_LABELS: Record<HalfDay, string> = { am: '上午', pm: '下午' };

export const OFFICIAL_ROLES = ['province', 'city', 'county'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];
export const OFFICIAL_ROLE_LABELS: Record<OfficialRole, string> = {
  province: '省考试院',
  city: '市（州）考办',
  county: '县（市、区）考办',
};

/** Identity documents a candidate registers with (seed 002: 港、澳、台居民 choose their 证件类型). */
export const DOCUMENT_TYPES = [
  'resident_id',
  'hmt_residence_permit',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  passport: '护照',
};

/** A ticket that is not active cannot log in to book or pay; ticket lookup still lists it, marked. */
export const TICKET_STATUSES = ['active', 'graduated', 'transferred', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  active: '有效',
  graduated: '已毕业',
  transferred: '已转出',
  cancelled: '已注销',
};

/** How a course was passed (已合格课程): 考试, 免考 or 转入. */
export const PASSED_BY = ['exam', 'exempt', 'transfer'] as const;
export type PassedBy = (typeof PASSED_BY)[number];
export const PASSED_BY_LABELS: Record<PassedBy, string> = { exam: '考试', exempt: '免考', transfer: '转入' };

/** Grades of practical courses that count as passed, and the ones that do not. */
export const PASSING_GRADES = ['合格', '优秀', '良好', '中等', '及格'] as const;
/** Every grade a practical course can get (seed 002): the passing ones and 不合格 / 不及格. */
export const PRACTICAL_GRADES = [...PASSING_GRADES, '不合格', '不及格'] as const;
export type PracticalGrade = (typeof PRACTICAL_GRADES)[number];

/** A result that is neither a score nor a grade: 缺考, 违纪, 作废. Never a pass. */
export const SCORE_MARKS = ['absent', 'misconduct', 'void'] as const;
export type ScoreMark = (typeof SCORE_MARKS)[number];
export const SCORE_MARK_LABELS: Record<ScoreMark, string> = { absent: '缺考', misconduct: '违纪', void: '作废' };

/** The pass mark of a scored course unless the province sets another per course. */
export const DEFAULT_PASS_SCORE = 60;

/** A major open for registration, in 停考过渡期 (no new registrations; booking goes on until the deadline), or closed. */
export const MAJOR_STATUSES = ['open', 'transition', 'closed'] as const;
export type MajorStatus = (typeof MAJOR_STATUSES)[number];
export const MAJOR_STATUS_LABELS: Record<MajorStatus, string> = {
  open: '正常开考',
  transition: '停考过渡期',
  closed: '已停考',
};
export const MAJOR_LEVELS = ['专科', '本科'] as const;

/** An import job: the dry run checks every row, then the import applies them in batches. */
export const IMPORT_JOB_STATES = ['checking', 'checked', 'importing', 'done', 'failed'] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];
export const IMPORT_JOB_STATE_LABELS: Record<ImportJobState, string> = {
  checking: '检查中',
  checked: '已检查',
  importing: '导入中',
  done: '已完成',
  failed: '失败',
};

export const SMS_PURPOSES = ['bind_phone', 'reset_password', 'hold_seats', 'register', 'unbind_phone'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

export const PAYMENT_ORDER_STATES = ['created', 'paid', 'closed', 'refunding', 'refunded'] as const;
export type PaymentOrderState = (typeof PAYMENT_ORDER_STATES)[number];

export const REFUND_STATES = ['pending', 'processing', 'success', 'abnormal', 'closed'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

export const PAYMENT_ORDER_STATE_LABELS: Record<PaymentOrderState, string> = {
  created: '待缴费',
  paid: '已缴费',
  closed: '已关闭',
  refunding: '退费中',
  refunded: '已退费',
};
export const REFUND_STATE_LABELS: Record<RefundState, string> = {
  pending: '待发起',
  processing: '退款处理中',
  success: '退款成功',
  abnormal: '退款异常',
  closed: '退款关闭',
};

/**
 * Who asked for a refund; `late_payment` is automatic (rule 12: money arrived after its seats were gone), and so is
 * `duplicate` (money on an order's older number after the order was paid: charged twice).
 */
export const REFUND_KINDS = ['candidate', 'official', 'late_payment', 'duplicate'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];
export const REFUND_KIND_LABELS: Record<RefundKind, string> = {
  candidate: '考生申请',
  official: '考办代办',
  late_payment: '逾期缴费自动退费',
  duplicate: '重复缴费自动退费',
};

export const PAYMENT_CHANNEL_LABELS: Record<'native' | 'jsapi', string> = {
  native: '扫码支付',
  jsapi: '小程序支付',
};

export const APPLICATION_TYPES = [
  'registration',
  'change_info',
  'transfer_in',
  'transfer_out',
  'exemption',
  'score_review',
] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** A registration unreviewed or rejected when its window's review deadline passed counts as `withdrawn`. */
export const APPLICATION_STATES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** 新生注册's photo verdict, judged by the county office apart from the application (seed 003). */
export const PHOTO_STATES = ['pending', 'approved', 'rejected'] as const;
export type PhotoState = (typeof PHOTO_STATES)[number];
export const PHOTO_STATE_LABELS: Record<PhotoState, string> = {
  pending: '待审核',
  approved: '合格',
  rejected: '不合格',
};
/** After this many rejected photos the candidate is offered to have it taken at the county office (seed 003). */
export const PHOTO_REJECTIONS_BEFORE_OFFLINE = 3;

/** 民族 as the 居民身份证 names them (GB 3304), plus those of foreign origin. */
export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
  '穿青人',
  '其他',
  '外国血统中国籍人士',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** 文化程度 on the registration form. */
export const EDUCATION_LEVELS = [
  'junior_high',
  'senior_high',
  'secondary_vocational',
  'college',
  'bachelor',
  'postgraduate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  junior_high: '初中及以下',
  senior_high: '普通高中',
  secondary_vocational: '中专、职高、技校',
  college: '大学专科',
  bachelor: '大学本科',
  postgraduate: '研究生',
};

/**
 * 业务办理 (#16): what a candidate applies for and an office reviews. Separate from new-candidate
 * registration (APPLICATION_TYPES above, the `applications` table), which has no ticket yet.
 */
export const CANDIDATE_APPLICATION_KINDS = [
  'info_change',
  'transfer_out',
  'transfer_in',
  'exemption',
  'score_review',
  'graduation',
] as const;
export type CandidateApplicationKind = (typeof CANDIDATE_APPLICATION_KINDS)[number];
export const CANDIDATE_APPLICATION_KIND_LABELS: Record<CandidateApplicationKind, string> = {
  info_change: '信息变更',
  transfer_out: '转出申请',
  transfer_in: '转入申请',
  exemption: '免考申请',
  score_review: '成绩复核',
  graduation: '毕业申请',
};

export const CANDIDATE_APPLICATION_STATES = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type CandidateApplicationState = (typeof CANDIDATE_APPLICATION_STATES)[number];
export const CANDIDATE_APPLICATION_STATE_LABELS: Record<CandidateApplicationState, string> = {
  draft: '草稿',
  submitted: '已提交',
  in_review: '审核中',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};
/** States that count as the ticket's one open application of a kind (the database's unique key). */
export const OPEN_APPLICATION_STATES = [
  'draft',
  'submitted',
  'in_review',
] as const satisfies readonly CandidateApplicationState[];

/** Who decides at a step: the candidate's county office first, the provincial office for what the seeds give it. */
export const REVIEW_LEVELS = ['county', 'province'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];
export const REVIEW_LEVEL_LABELS: Record<ReviewLevel, string> = { county: '县（市、区）考办', province: '省考试院' };

/** A decision: approved (final), rejected (final, with a reason) or approved and sent up to the province. */
export const DECISION_OUTCOMES = ['approved', 'rejected', 'forwarded'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approved: '通过',
  rejected: '不通过',
  forwarded: '同意，报省考试院审核',
};

/** What an attachment proves. */
export const PROOF_KINDS = [
  'id_document',
  'household_register',
  'certificate',
  'transcript',
  'application_form',
  'other',
] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];
export const PROOF_KIND_LABELS: Record<ProofKind, string> = {
  id_document: '身份证件',
  household_register: '户籍证明',
  certificate: '证书',
  transcript: '成绩证明',
  application_form: '申请表',
  other: '其他证明材料',
};

export const ACTOR_TYPES = ['candidate', 'official', 'system', 'wechatpay'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Formats integer fen as yuan for display, e.g. 3500 → "35.00". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "4月10日（周六）上午 9:00–11:30": how an exam unit is named to candidates. */
export function unitLabel(unit: { examDate: string; halfDay: HalfDay; startTime: string; endTime: string }): string {
  const [, month, day] = unit.examDate.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(`${unit.examDate}T00:00:00Z`).getUTCDay()];
  const time = (t: string) => t.replace(/^0/, '');
  return `${month}月${day}日（周${weekday}）${HALF_DAY_LABELS[unit.halfDay]} ${time(unit.startTime)}–${time(unit.endTime)}`;
}
