import { z } from 'zod';
import { pageQuery } from './adminQueries';
import { HALF_DAYS } from './domain';
import { calendarDateSchema } from './schemas';

/** Request bodies of the admin configuration screens (identity, regions, periods, units, quotas, audit). */

const SIX_DIGITS = /^\d{6}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM", 00:00–23:59; `allowMidnightEnd` also accepts 24:00 as the end of a day. */
export const timeOfDaySchema = (label: string, allowMidnightEnd = false) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine((v) => HH_MM.test(v) || (allowMidnightEnd && v === '24:00'), `${label}格式须为HH:MM`);

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}须为完整的日期和时间` }).describe(label);

const optionalInstant = (label: string) => instant(label).nullable().optional();

const regionName = z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(32, '名称不能超过32个字');
const regionCode = z.string({ error: '请填写代码' }).trim().regex(SIX_DIGITS, '代码须为6位数字（行政区划代码）');

export const cityCreateBody = z.object({ code: regionCode, name: regionName });
export const countyCreateBody = z.object({
  cityId: z.number({ error: '请选择市（州）' }).int().positive('请选择市（州）'),
  code: regionCode,
  name: regionName,
});
export const regionRenameBody = z.object({ name: regionName });

const at = (value: string | null | undefined) => (value ? Date.parse(value) : null);

/** A period and its windows; the windows must follow each other in a sensible order. */
export const periodInputBody = z
  .object({
    code: z.string({ error: '请填写考次代码' }).trim().min(1, '请填写考次代码').max(16, '考次代码不能超过16个字符'),
    name: z.string({ error: '请填写考次名称' }).trim().min(1, '请填写考次名称').max(32, '考次名称不能超过32个字'),
    bookingOpensAt: instant('报考开始时间'),
    bookingClosesAt: instant('报考截止时间'),
    paymentOpensAt: instant('缴费开始时间'),
    paymentClosesAt: instant('缴费截止时间'),
    payDailyStart: timeOfDaySchema('每日缴费开始时间').default('09:00'),
    payDailyEnd: timeOfDaySchema('每日缴费结束时间', true).default('22:00'),
    dailyReleaseTime: timeOfDaySchema('每日释放考位时间').default('23:30'),
    refundAllowed: z.boolean().default(true),
    refundDeadline: optionalInstant('退费截止时间'),
    printOpensAt: optionalInstant('准考证打印开始时间'),
    printClosesAt: optionalInstant('准考证打印截止时间'),
    feePerCourseFen: z
      .number({ error: '请填写每科报考费' })
      .int('报考费须为整数（分）')
      .min(0, '报考费不能为负数')
      .max(100_000, '报考费不能超过1000元'),
    maxCourses: z
      .number({ error: '请填写最多报考科数' })
      .int()
      .min(1, '最多报考科数为1至4')
      .max(4, '最多报考科数为1至4'),
    bookingNotice: z.string({ error: '请填写报考须知' }).trim().min(1, '请填写报考须知').max(20_000, '报考须知过长'),
    /** 考场规则 / 应试须知 printed on the admission ticket; empty: the default text. */
    examRules: z
      .string()
      .trim()
      .max(5_000, '考场规则不能超过5000字')
      .nullish()
      .transform((v) => v || null),
  })
  .superRefine((p, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const t = {
      bookingOpens: at(p.bookingOpensAt)!,
      bookingCloses: at(p.bookingClosesAt)!,
      paymentOpens: at(p.paymentOpensAt)!,
      paymentCloses: at(p.paymentClosesAt)!,
      refund: at(p.refundDeadline),
      printOpens: at(p.printOpensAt),
      printCloses: at(p.printClosesAt),
    };
    if (t.bookingCloses <= t.bookingOpens) problem('bookingClosesAt', '报考截止时间须晚于报考开始时间');
    if (t.paymentCloses <= t.paymentOpens) problem('paymentClosesAt', '缴费截止时间须晚于缴费开始时间');
    if (t.paymentOpens < t.bookingOpens) problem('paymentOpensAt', '缴费开始时间不能早于报考开始时间');
    if (t.paymentCloses < t.bookingCloses) problem('paymentClosesAt', '缴费截止时间不能早于报考截止时间');
    if (p.payDailyEnd <= p.payDailyStart) problem('payDailyEnd', '每日缴费结束时间须晚于开始时间');
    if (t.refund !== null && t.refund < t.bookingOpens) problem('refundDeadline', '退费截止时间不能早于报考开始时间');
    if ((t.printOpens === null) !== (t.printCloses === null)) {
      problem('printClosesAt', '准考证打印开始和截止时间须同时填写');
    } else if (t.printOpens !== null && t.printCloses !== null) {
      if (t.printOpens < t.paymentCloses) problem('printOpensAt', '准考证打印须在缴费截止之后开始');
      if (t.printCloses <= t.printOpens) problem('printClosesAt', '准考证打印截止时间须晚于开始时间');
    }
  });
export type PeriodInput = z.output<typeof periodInputBody>;

export const unitInputBody = z
  .object({
    code: z.string({ error: '请填写单元代码' }).trim().min(1, '请填写单元代码').max(8, '单元代码不能超过8个字符'),
    examDate: calendarDateSchema('考试日期'),
    halfDay: z.enum(HALF_DAYS, { error: '请选择上午或下午' }),
    startTime: timeOfDaySchema('开始时间'),
    endTime: timeOfDaySchema('结束时间'),
  })
  .refine((u) => u.endTime > u.startTime, { path: ['endTime'], message: '结束时间须晚于开始时间' });
export type UnitInput = z.output<typeof unitInputBody>;

export const quotaCellBody = z.object({
  countyId: z.number({ error: '请选择县（市、区）' }).int().positive(),
  unitId: z.number({ error: '请选择考试单元' }).int().positive(),
  capacity: z.number({ error: '请输入考位数' }).int('考位数须为整数').min(0, '考位数不能为负数').max(100_000),
});

const totpCode = z
  .string({ error: '请输入动态验证码' })
  .trim()
  .regex(/^\d{6}$/, '动态验证码为6位数字');
export const totpEnableBody = z.object({
  secret: z
    .string()
    .trim()
    .regex(/^[A-Z2-7]{16,64}$/, '密钥不正确，请重新获取二维码'),
  code: totpCode,
});
export const totpDisableBody = z.object({ code: totpCode });

/** `dryRun=1` (the default) only checks the file; `dryRun=0` writes the valid rows. */
export const offeringImportQuery = z.object({
  dryRun: z.enum(['0', '1'], { error: 'dryRun须为0或1' }).default('1'),
});

const filterText = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().trim().max(64, '查询内容不能超过64个字符').optional(),
);
const filterTime = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: '时间格式不正确' }).optional(),
);

/** Audit log filters: `actor` and `action` match from the start; `from`/`to` are ISO dates or times. */
export const auditListQuery = pageQuery.extend({
  actor: filterText,
  action: filterText,
  entityType: filterText,
  entityId: filterText,
  from: filterTime,
  to: filterTime,
});

/** 合档 (#13): the other record, by its id or its document number (any type, exactly as stored). */
export const mergePreviewQuery = z
  .object({
    otherId: z.coerce.number({ error: '请输入考生编号' }).int().positive('考生编号不正确').optional(),
    documentNo: z.string().trim().max(18, '证件号码不能超过18位').optional(),
  })
  .refine((q) => q.otherId !== undefined || (q.documentNo ?? '') !== '', {
    message: '请输入另一份档案的证件号码或考生编号',
  });

/** 合档: the other record (closed afterwards) and why. */
export const mergeCandidatesBody = z.object({
  otherId: z.number({ error: '请选择要合并的档案' }).int().positive(),
  reason: z.string({ error: '请填写原因' }).trim().min(2, '请填写原因').max(200, '原因不能超过200字'),
});
