import { DOCUMENT_TYPES, type DocumentType } from './domain';
import { checkIdCardNo, checkResidencePermitNo, type IdCardCheck } from './validators';

/** Document numbers of every type (seed 002's 证件类型), validated the same way by server, mini-program and admin. */
export type DocumentCheck =
  { ok: true; documentNo: string; birthDate?: string; gender?: 'M' | 'F' } | { ok: false; reason: string };

/** Outer spaces dropped, letters upper-cased: the form numbers are stored, compared and hashed in. */
export function normalizeDocumentNo(input: string): string {
  return input.trim().toUpperCase();
}

/** 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), then 8 digits (older cards: 10). */
export function checkHkMacaoPermitNo(input: string): DocumentCheck {
  return checkPattern(input, /^[HM](\d{8}|\d{10})$/, '应为H或M开头，后接8位或10位数字');
}

/** 台湾居民来往大陆通行证: 8 digits. */
export function checkTaiwanPermitNo(input: string): DocumentCheck {
  return checkPattern(input, /^\d{8}$/, '应为8位数字');
}

/** 护照: issuing countries differ, so only 5–17 letters or digits. */
export function checkPassportNo(input: string): DocumentCheck {
  return checkPattern(input, /^[A-Z\d]{5,17}$/, '应为5至17位字母或数字');
}

/** Checks a document number by its type's rule; a valid number comes back normalised. */
export function validateDocument(type: DocumentType, input: string, today: Date = new Date()): DocumentCheck {
  switch (type) {
    case 'resident_id':
      return fromIdCardCheck(checkIdCardNo(input, today));
    case 'hmt_residence_permit':
      return fromIdCardCheck(checkResidencePermitNo(input, today));
    case 'hk_macao_permit':
      return checkHkMacaoPermitNo(input);
    case 'taiwan_permit':
      return checkTaiwanPermitNo(input);
    case 'passport':
      return checkPassportNo(input);
  }
}

/**
 * A number of any document type, where the type is not asked (找回准考证, 忘记密码, login). A number of
 * 15 to 18 digits (an X last) is an ID number mistyped, never a passport: its own reason comes back.
 */
export function checkAnyDocumentNo(input: string, today: Date = new Date()): DocumentCheck {
  const value = normalizeDocumentNo(input);
  const idCardLike = /^\d{14,17}[\dX]$/.test(value);
  const types: readonly DocumentType[] = idCardLike ? ['resident_id', 'hmt_residence_permit'] : DOCUMENT_TYPES;
  for (const type of types) {
    const result = validateDocument(type, value, today);
    if (result.ok) return result;
  }
  return idCardLike ? validateDocument('resident_id', value, today) : { ok: false, reason: '请核对证件类型和号码' };
}

/**
 * The password of a candidate who never set one, for every document type: the last 6 characters of the
 * normalised number (a 5-character passport number whole). The type is taken so that a province can give
 * one type its own rule in this one place.
 */
export function initialPassword(_type: DocumentType, documentNo: string): string {
  return normalizeDocumentNo(documentNo).slice(-6);
}

function checkPattern(input: string, pattern: RegExp, reason: string): DocumentCheck {
  const value = normalizeDocumentNo(input);
  return pattern.test(value) ? { ok: true, documentNo: value } : { ok: false, reason };
}

function fromIdCardCheck(check: IdCardCheck): DocumentCheck {
  if (!check.ok) return check;
  return { ok: true, documentNo: check.idCardNo, birthDate: check.birthDate, gender: check.gender };
}
