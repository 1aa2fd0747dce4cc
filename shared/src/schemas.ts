import { z } from 'zod';
import { checkAnyDocumentNo, validateDocument } from './documents';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from './domain';
import { checkIdCardNo, isValidCourseCode, isValidPhone, isValidSmsCode, isValidTicketNo } from './validators';

/** zod field schemas whose messages are the Chinese texts a user sees. */
export const idCardNoSchema = z
  .string({ error: '请输入身份证号码' })
  .trim()
  .transform((value, ctx) => {
    const result = checkIdCardNo(value);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `身份证号码不正确：${result.reason}`,
        params: { errorCode: 'INVALID_ID_CARD_NO', reason: result.reason },
      });
      return z.NEVER;
    }
    return result.idCardNo;
  });

/** 证件类型 and 证件号码 together, since the number's rule depends on the type; the number comes out normalised. */
export const documentSchema = z
  .object({
    documentType: z.enum(DOCUMENT_TYPES, { error: '请选择证件类型' }),
    documentNo: z.string({ error: '请输入证件号码' }).trim().min(1, '请输入证件号码'),
  })
  .transform((document, ctx) => {
    const result = validateDocument(document.documentType, document.documentNo);
    if (!result.ok) {
      const documentType = DOCUMENT_TYPE_LABELS[document.documentType];
      ctx.addIssue({
        code: 'custom',
        path: ['documentNo'],
        message: `${documentType}号码不正确：${result.reason}`,
        params: { errorCode: 'INVALID_DOCUMENT_NO', documentType, reason: result.reason },
      });
      return z.NEVER;
    }
    return { documentType: document.documentType, documentNo: result.documentNo };
  });

/** 证件号码 where the type is not asked (找回准考证, 忘记密码): any type's valid number, normalised (checkAnyDocumentNo). */
export const documentNoSchema = z
  .string({ error: '请输入证件号码' })
  .trim()
  .min(1, '请输入证件号码')
  .max(18, '证件号码不能超过18位')
  .transform((value, ctx) => {
    const result = checkAnyDocumentNo(value);
    if (result.ok) return result.documentNo;
    const idCard = /^\d{14,17}[\dX]$/i.test(value);
    ctx.addIssue({
      code: 'custom',
      message: `${idCard ? '身份证' : '证件'}号码不正确：${result.reason}`,
      params: idCard
        ? { errorCode: 'INVALID_ID_CARD_NO', reason: result.reason }
        : { errorCode: 'INVALID_DOCUMENT_NO', documentType: '证件', reason: result.reason },
    });
    return z.NEVER;
  });

export const phoneSchema = z
  .string({ error: '请输入手机号码' })
  .trim()
  .refine(isValidPhone, { message: '手机号码不正确，请输入11位手机号码', params: { errorCode: 'INVALID_PHONE' } });

export const courseCodeSchema = z
  .string({ error: '请输入课程代码' })
  .trim()
  .superRefine((value, ctx) => {
    if (!isValidCourseCode(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `课程代码“${value}”不正确，课程代码为5位数字`,
        params: { errorCode: 'INVALID_COURSE_CODE', code: value },
      });
    }
  });

export const ticketNoSchema = z
  .string({ error: '请输入准考证号' })
  .trim()
  .refine(isValidTicketNo, { message: '准考证号为12位数字', params: { errorCode: 'INVALID_TICKET_NO' } });

export const smsCodeSchema = z
  .string({ error: '请输入短信验证码' })
  .trim()
  .refine(isValidSmsCode, { message: '短信验证码为6位数字', params: { errorCode: 'INVALID_SMS_CODE_FORMAT' } });

/** Money is always integer fen. */
export const fenSchema = z.number().int('金额须为整数（分）').nonnegative('金额不能为负数');

/** A day as "YYYY-MM-DD" that exists on the calendar: 2027-13-45 and 2027-02-29 are refused before any query. */
export const calendarDateSchema = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .pipe(z.iso.date({ error: `${label}不正确，须为YYYY-MM-DD格式的有效日期` }));
